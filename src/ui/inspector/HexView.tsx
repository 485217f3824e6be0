// Bytes as a classic hex dump (offset, 16 bytes in hex, ASCII), with one byte range highlighted.
const MAX = 2048;

export function hexRows(bytes: Uint8Array, max = MAX): Array<{ offset: number; bytes: number[] }> {
  const rows = [];
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i += 16) rows.push({ offset: i, bytes: Array.from(bytes.subarray(i, Math.min(n, i + 16))) });
  return rows;
}

const ascii = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

export function HexView({ bytes, label, highlight }: { bytes: Uint8Array; label: string; highlight?: [number, number] | null }) {
  const on = (i: number) => !!highlight && i >= highlight[0] && i < highlight[1];
  return (
    <pre className="hex" aria-label={label}>
      {hexRows(bytes).map((r) => (
        <div key={r.offset} className="hex-row">
          <span className="hex-off">{r.offset.toString(16).padStart(4, '0')}</span>
          <span className="hex-bytes">
            {r.bytes.map((b, k) => <span key={k} className={on(r.offset + k) ? 'hl' : undefined}>{b.toString(16).padStart(2, '0')}</span>)}
          </span>
          <span className="hex-ascii">
            {r.bytes.map((b, k) => <span key={k} className={on(r.offset + k) ? 'hl' : undefined}>{ascii(b)}</span>)}
          </span>
        </div>
      ))}
      {bytes.length > MAX ? '…' : ''}
    </pre>
  );
}
