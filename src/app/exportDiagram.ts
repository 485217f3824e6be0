// Export the sequence diagram as a standalone SVG (styles inlined, lane heads drawn in) or PNG.
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'paint-order', 'stroke-linejoin'];

function inlineStyles(src: Element, dst: Element) {
  const cs = getComputedStyle(src);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  dst.setAttribute('style', style);
  // Moving things (packets in flight, their labels) are placed by a CSS transform, which the
  // style above leaves out: keep it as an SVG attribute (plain translations).
  if (src instanceof SVGElement && src.style.transform && cs.transform && cs.transform !== 'none') {
    dst.setAttribute('transform', cs.transform.replace(/,/g, ' ').replace(/px/g, ''));
  }
  for (let i = 0; i < src.children.length; i++) inlineStyles(src.children[i], dst.children[i]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The diagram as an SVG document string, cropped to what has happened so far. */
export function diagramSvg(root: HTMLElement): string | null {
  const svg = root.querySelector<SVGSVGElement>('svg.diagram-svg');
  if (!svg) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  const cs = getComputedStyle(root);
  const bg = cs.getPropertyValue('--surface').trim() || '#ffffff';
  const fg = cs.getPropertyValue('--text').trim() || '#000000';
  const width = Number(svg.getAttribute('width'));
  const current = svg.querySelector('rect.current-row');
  const bodyH = current ? Number(current.getAttribute('y')) + Number(current.getAttribute('height')) + 16 : 120;
  const headers = root.querySelector<HTMLElement>('.lane-headers');
  const headH = headers ? Math.round(headers.getBoundingClientRect().height) : 84;
  const headTop = headers ? headers.getBoundingClientRect().top : 0;
  const heads: string[] = [];
  const rootBox = svg.getBoundingClientRect();
  const text = (x: number, y: number, size: number, weight: number, body: string) =>
    `<text x="${x}" y="${y}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="${size}" font-weight="${weight}" fill="${fg}">${esc(body)}</text>`;
  root.querySelectorAll<HTMLElement>('.host-head').forEach((el) => {
    const b = el.getBoundingClientRect();
    const body = Array.from(el.children).map((c) => c.textContent ?? '').join('  ');
    heads.push(text(b.left - rootBox.left + b.width / 2, 20, 15, 700, body));
  });
  // Each socket's head keeps its three lines (name and fd, address, state) where they are on
  // screen (a crowded server's state chips alternate heights).
  root.querySelectorAll<HTMLElement>('.lane-head').forEach((el) => {
    const b = el.getBoundingClientRect();
    const x = b.left - rootBox.left + b.width / 2;
    Array.from(el.children).forEach((c, i) => {
      const body = c.textContent ?? '';
      const r = c.getBoundingClientRect();
      if (body.trim()) heads.push(text(x, Math.round(r.bottom - headTop - 3), i === 0 ? 12 : 11, i === 0 ? 600 : 400, body));
    });
  });
  clone.setAttribute('y', String(headH));
  clone.setAttribute('height', String(bodyH));
  clone.setAttribute('viewBox', `0 0 ${width} ${bodyH}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bodyH + headH}" viewBox="0 0 ${width} ${bodyH + headH}">`
    + `<rect width="100%" height="100%" fill="${bg}"/>${heads.join('')}${new XMLSerializer().serializeToString(clone)}</svg>`;
}

export function download(name: string, blob: Blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((res, rej) => { img.onload = () => res(); img.onerror = () => rej(new Error('svg image')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('png'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
