// Peer bytes as text a student can read and nobody can abuse. Control characters are written as
// the C escapes a socket programmer knows ("HTTP/1.0\r\n", "\x1b[31m"); C1 controls, bidi
// overrides and other invisible format characters (which could hide or reorder what is shown)
// as "\uXXXX"; a backslash as "\\", so every escape is unambiguous. Invalid UTF-8 stays U+FFFD.
import { bytesToText } from '../bridge/bytes';

const NAMED: Record<number, string> = { 0x00: '\\0', 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };
const hex = (c: number, n: number) => c.toString(16).padStart(n, '0');

function invisible(c: number): boolean {
  return (c >= 0x80 && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e)
    || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff || c === 0x061c;
}

/** One line of running text (narration, the call list): nothing in it acts, everything shows. */
export function visibleInline(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c in NAMED) out += NAMED[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (invisible(c)) out += `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return out;
}

/** A block of received text: as visibleInline, with a real line break after each "\n". */
export function visibleText(bytes: Uint8Array): string {
  return bytesToText(bytes).split('\n').map(visibleInline).join('\\n\n');
}
