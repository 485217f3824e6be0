// Turning untrusted scenario text into string literals and comments that cannot break out of
// themselves. A scenario comes from a share link or a file, so its `data` and `comment` may hold
// quotes, backslashes, `*/`, `"""`, line terminators of every kind (U+2028 ends a line in JS),
// bidi overrides (Trojan Source) and lone surrogates. Every literal here denotes exactly the
// UTF-8 bytes the simulator sends (TextEncoder's encoding, lone surrogates become U+FFFD).

/** Characters shown as escapes: controls, format (bidi) characters, separators, private, unassigned. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}]/u;

/** Replace lone surrogates with U+FFFD, as TextEncoder does. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const encoder = new TextEncoder();

/** The bytes a `data` string stands for. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

function octal(n: number): string {
  return '\\' + n.toString(8).padStart(3, '0');
}

const COMMON: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A C string literal. Escaped bytes are written in 3-digit octal so a following digit stays a digit. */
export function cString(s: string): string {
  let out = '';
  let prev = '';
  for (const ch of wellFormed(s)) {
    if (ch in COMMON) out += COMMON[ch];
    else if (ch === '"') out += '\\"';
    // "??" would start a trigraph in ISO C modes; "\?" is the same character everywhere.
    else if (ch === '?' && prev === '?') out += '\\?';
    else if (INVISIBLE.test(ch)) for (const b of utf8(ch)) out += octal(b);
    else out += ch;
    prev = ch;
  }
  return `"${out}"`;
}

/** A Python str literal (`"..."`); only ASCII escapes are used for ASCII text, so `b` may prefix it. */
export function pythonString(s: string): string {
  let out = '';
  for (const ch of wellFormed(s)) {
    const cp = ch.codePointAt(0)!;
    if (ch in COMMON) out += COMMON[ch];
    else if (ch === '"') out += '\\"';
    else if (INVISIBLE.test(ch)) {
      out += cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return `"${out}"`;
}

/** A Python expression for the bytes: `b"..."` when ASCII, else `"...".encode()` (UTF-8). */
export function pythonBytes(s: string): string {
  const text = wellFormed(s);
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7F]*$/.test(text) ? `b${pythonString(text)}` : `${pythonString(text)}.encode()`;
}

/**
 * A Java string literal. Java translates `\uXXXX` before it tokenizes, so `\u000a` would end the
 * line: low characters are written as octal escapes, and only characters the lexer does not care
 * about (>= U+0100) as `\uXXXX`.
 */
export function javaString(s: string): string {
  let out = '';
  for (const ch of wellFormed(s)) {
    const cp = ch.codePointAt(0)!;
    if (ch in COMMON) out += COMMON[ch];
    else if (ch === '"') out += '\\"';
    else if (INVISIBLE.test(ch)) {
      if (cp < 0x100) out += octal(cp);
      else for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
    } else out += ch;
  }
  return `"${out}"`;
}

/** A JavaScript single-quoted string literal (Node's style). */
export function jsString(s: string): string {
  let out = '';
  for (const ch of wellFormed(s)) {
    const cp = ch.codePointAt(0)!;
    if (ch in COMMON) out += COMMON[ch];
    else if (ch === "'") out += "\\'";
    else if (INVISIBLE.test(ch)) out += cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\u{${hex(cp, 5)}}`;
    else out += ch;
  }
  return `'${out}'`;
}

/** Every line terminator any of the four languages (or a text widget) honours. */
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1C-\x1E\x85\u2028\u2029]/;

/**
 * The text of line comments (without the `//` or `#`), one entry per line. Line breaks in the
 * text become separate comment lines; other invisible characters are shown as `[U+XXXX]`.
 */
export function commentLines(text: string, lang: 'c' | 'python' | 'java' | 'javascript'): string[] {
  const lines = wellFormed(text).split(LINE_BREAK).map((line) => {
    let out = '';
    for (const ch of line) out += INVISIBLE.test(ch) ? `[U+${hex(ch.codePointAt(0)!, 4)}]` : ch;
    out = out.trimEnd();
    // C splices a line ending in a backslash (or the trigraph for one) with the next line.
    if (lang === 'c' && /(\\|\?\?\/)$/.test(out)) out += ' //';
    // Java would translate `\u000a` even inside a comment: make every such backslash escaped.
    if (lang === 'java') out = out.replace(/\\+(?=u)/g, (run) => (run.length % 2 === 1 ? run + '\\' : run));
    return out;
  });
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A number from the scenario as a source literal; refuses anything but a finite number >= 0. */
export function num(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CodegenError(`${what}: expected a number of 0 or more, got ${describe(value)}`);
  }
  return String(value);
}

/** An integer from the scenario (port, backlog, size) as a source literal. */
export function int(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new CodegenError(`${what}: expected an integer of 0 or more, got ${describe(value)}`);
  }
  return String(value);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

/** A generation failure on input the schema would have refused; names the bad field. */
export class CodegenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodegenError';
  }
}
