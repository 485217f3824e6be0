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
 * Pieces of a code token between which a wrapped line may break: after `.`, `,` and `(`, so a
 * long call wraps between its parts ("getBytes(" | "StandardCharsets." | "UTF_8)") rather than
 * inside a name. Strings and comments break like text.
 */
export function breakPieces(text: string, kind: Token['kind']): string[] {
  if (kind === 'string' || kind === 'comment') return [text];
  return text.split(/(?<=[.,(])(?=\S)/);
}
