// Bytes as a classic hex dump: offset, 16 bytes in hex, the same bytes as ASCII.
export function hexRows(bytes: Uint8Array, max = 4096): Array<{ offset: string; hex: string; ascii: string }> {
  const rows = [];
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i += 16) {
    const chunk = bytes.subarray(i, Math.min(n, i + 16));
    rows.push({
      offset: i.toString(16).padStart(4, '0'),
      hex: Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' '),
      ascii: Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    });
  }
  return rows;
}

export function HexView({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const rows = hexRows(bytes);
  return (
    <pre className="hex" aria-label={label}>
      {rows.map((r) => `${r.offset}  ${r.hex.padEnd(47)}  ${r.ascii}`).join('\n')}
      {bytes.length > 4096 ? '\n…' : ''}
    </pre>
  );
}
