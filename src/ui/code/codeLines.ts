// A source line split into its indentation and the rest, so the listing can wrap a long line
// with a hanging indent: the first row starts at the indentation, the continuation rows a little
// further in.
import type { Token } from '../../codegen';

export interface IndentedLine {
  /** Leading spaces (a tab counts as 4). */
  indent: number;
  text: string;
  /** The tokens without the leading whitespace (absent for plain listings). */
  tokens?: Token[];
}

export function splitIndent(line: string, tokens?: readonly Token[]): IndentedLine {
  const lead = /^[ \t]*/.exec(line)![0];
  const indent = [...lead].reduce((n, c) => n + (c === '\t' ? 4 : 1), 0);
  if (!tokens) return { indent, text: line.slice(lead.length) };
  let drop = lead.length;
  const out: Token[] = [];
  for (const tk of tokens) {
    if (drop >= tk.text.length) { drop -= tk.text.length; continue; }
    out.push(drop > 0 ? { ...tk, text: tk.text.slice(drop) } : tk);
    drop = 0;
  }
  return { indent, text: line.slice(lead.length), tokens: out };
}

/**
 * Pieces of a code token between which a wrapped line may break besides its spaces: after `,`
 * and after an opening `(` that has arguments, so a long call wraps between its arguments
 * ("read(" | "buf, 0, 1024)"). Never after `.`: the browser takes the last break that fits, and
 * "System." | "out.println" or "sock." | "recv" splits a name the reader sees as one. A name
 * longer than the whole listing still breaks anywhere (overflow-wrap), so nothing is cut off.
 * Strings and comments break like text.
 */
export function breakPieces(text: string, kind: Token['kind']): string[] {
  if (kind === 'string' || kind === 'comment') return [text];
  return text.split(/(?<=[,(])(?=[^\s)])/);
}

/**
 * The tokens of a line with their break points: `pieces` as breakPieces gives them, and
 * `breakBefore` when the line may also break between this token and the one before it (the
 * previous token ends with `,` or `(` and this one does not start with a space or `)`), e.g.
 * `write(` | `"hello"` or `f(a,` | `b)` where the tokenizer splits them.
 */
export function lineBreaks(tokens: readonly Token[]): Array<{ kind: Token['kind']; pieces: string[]; breakBefore: boolean; keep: boolean }> {
  return tokens.map((tk, k) => {
    const prev = k > 0 ? tokens[k - 1].text : '';
    const breakBefore = /[,(]$/.test(prev) && tokens[k - 1].kind !== 'string' && tokens[k - 1].kind !== 'comment' && /^[^\s)]/.test(tk.text);
    return { kind: tk.kind, pieces: breakPieces(tk.text, tk.kind), breakBefore, keep: tk.kind === 'string' && tk.text.length <= KEEP_STRING };
  });
}

/** A string literal this short never wraps inside ("hello, socket" moves to the next row whole);
 *  it still fits the narrowest listing's continuation rows. Longer ones wrap like text. */
export const KEEP_STRING = 20;
