// What the student typed into a socket's send box, as bytes: text is UTF-8 (optionally with a
// newline, as line-based servers and `nc` expect), hex is pairs of digits in any common spelling
// ("48 69 0a", "48690a", "0x48,0x69", "48:69"). Bad hex is refused whole, never half-sent.

export function parseHexInput(s: string): Uint8Array | null {
  const cleaned = s.replace(/0x/gi, ' ').replace(/[\s,:;-]+/g, ' ').trim();
  if (cleaned === '') return new Uint8Array(0);
  const out: number[] = [];
  for (const g of cleaned.split(' ')) {
    if (!/^[0-9a-fA-F]+$/.test(g)) return null;
    // "a" and "0a" are one byte; "4869" is two; "486" is ambiguous and refused.
    if (g.length <= 2) { out.push(parseInt(g, 16)); continue; }
    if (g.length % 2 !== 0) return null;
    for (let i = 0; i < g.length; i += 2) out.push(parseInt(g.slice(i, i + 2), 16));
  }
  return Uint8Array.from(out);
}

export function textInput(s: string, newline: boolean): Uint8Array {
  return new TextEncoder().encode(newline ? `${s}\n` : s);
}
