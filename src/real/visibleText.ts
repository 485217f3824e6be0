// Peer bytes as text a student can read and nobody can abuse: see visibleText below.
import { bytesToText } from '../bridge/bytes';

/**
 * Lossy UTF-8 with invisible characters made visible: C0 controls as their Unicode control
 * pictures (ESC → ␛), DEL as ␡, CR as ␍, a newline as ↵ and a line break; C1 controls and
 * bidirectional overrides (which could reorder what is shown) as U+FFFD.
 */
export function visibleText(bytes: Uint8Array): string {
  // Tabs stay tabs in a block of text; everything else as in visibleInline, line by line.
  return bytesToText(bytes).split('\n').map((line) => line.split('\t').map(visibleInline).join('\t')).join('↵\n');
}

/** A one-line form for running text (narration, the call listing): the same, with ↵ for newlines. */
export function visibleInline(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x0a) out += '↵';
    else if (c < 0x20) out += String.fromCodePoint(0x2400 + c);
    else if (c === 0x7f) out += '␡';
    else if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f) out += '\ufffd';
    else out += ch;
  }
  return out;
}
