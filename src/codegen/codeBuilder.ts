// Collects the lines of a generated program and remembers which lines belong to which step.
import { commentLines } from './literals';
import type { GeneratedCode, Lang } from './types';
import { tokenizeLine } from './tokenize';

const COMMENT_PREFIX: Record<Lang, string> = { c: '//', python: '#', java: '//', javascript: '//' };

export class CodeBuilder {
  readonly lines: string[] = [];
  private depth = 0;
  private step: number | undefined;
  private readonly primary: (number | undefined)[];
  private readonly others: number[][];
  private readonly callText: string[];
  private readonly shared = new Map<number, number>();

  constructor(readonly lang: Lang, private readonly indentUnit: string, stepCount: number) {
    this.primary = Array.from({ length: stepCount }, () => undefined);
    this.others = Array.from({ length: stepCount }, () => []);
    this.callText = Array.from({ length: stepCount }, () => '');
  }

  /** Lines from here on belong to step `i` (undefined: to no step). */
  forStep(i: number | undefined): this {
    this.step = i;
    return this;
  }

  /** A line of code; `call` marks it as the step's call line and names the call on it. */
  line(text: string, call?: string): this {
    const n = this.lines.length;
    this.lines.push(text === '' ? '' : this.indentUnit.repeat(this.depth) + text);
    if (this.step !== undefined) {
      if (call !== undefined && this.primary[this.step] === undefined) {
        this.primary[this.step] = n;
        this.callText[this.step] = call;
      } else this.others[this.step].push(n);
    }
    return this;
  }

  /** Comment lines from untrusted or generated text, escaped for this language. */
  comment(text: string): this {
    for (const body of commentLines(text, this.lang)) this.line(body ? `${COMMENT_PREFIX[this.lang]} ${body}` : COMMENT_PREFIX[this.lang]);
    return this;
  }

  /**
   * A comment that stands in for the step's call where the language has none: its first line is
   * the one highlighted for the step.
   */
  note(text: string): this {
    commentLines(text, this.lang).forEach((body, k) => this.line(`${COMMENT_PREFIX[this.lang]} ${body}`.trimEnd(), k === 0 ? '' : undefined));
    return this;
  }

  /** The code text followed by a trailing comment (escaped), on one line. */
  withComment(code: string, text: string): string {
    const [first = ''] = commentLines(text, this.lang);
    return first ? `${code}  ${COMMENT_PREFIX[this.lang]} ${first}` : code;
  }

  blank(): this {
    return this.line('');
  }

  indent(): this {
    this.depth++;
    return this;
  }

  dedent(): this {
    this.depth = Math.max(0, this.depth - 1);
    return this;
  }

  /** Step `i` is done by the same call as step `j` (e.g. listen() inside Java's bind()). */
  share(i: number, j: number): this {
    this.shared.set(i, j);
    return this;
  }

  /**
   * Put the lines from index `from` to the end inside a block: indent them one level and insert
   * `opener` (e.g. `try {`) before them, as a line of the current step.
   */
  wrap(from: number, opener: string): this {
    for (let k = from; k < this.lines.length; k++) if (this.lines[k] !== '') this.lines[k] = this.indentUnit + this.lines[k];
    this.lines.splice(from, 0, this.indentUnit.repeat(this.depth) + opener);
    // Only the current step has lines at or after `from`: it is wrapped right after being written.
    const i = this.step;
    if (i === undefined) return this;
    const shift = (n: number) => (n >= from ? n + 1 : n);
    if (this.primary[i] !== undefined) this.primary[i] = shift(this.primary[i]!);
    this.others[i] = [...this.others[i].map(shift), from].sort((a, b) => a - b);
    return this;
  }

  /** Step `i` has a line with a real call (not only a note saying the language has none). */
  hasCall(i: number): boolean {
    return this.primary[i] !== undefined && this.callText[i] !== '';
  }

  /** Join header, body (this) and footer into the result; step lines are renumbered 1-based. */
  assemble(head: readonly string[], tail: readonly string[], fileName: string): GeneratedCode {
    const offset = head.length + 1;
    const lines = [...head, ...this.lines, ...tail];
    const stepLines: number[][] = [];
    const calls: string[] = [];
    for (let i = 0; i < this.primary.length; i++) {
      const j = this.shared.get(i);
      const p = this.primary[i] ?? (j === undefined ? undefined : this.primary[j]);
      const rest = this.others[i].filter((n) => n !== p);
      stepLines.push((p === undefined ? rest : [p, ...rest]).map((n) => n + offset));
      calls.push(this.callText[i] || (j === undefined ? '' : this.callText[j]));
    }
    return {
      lang: this.lang,
      text: lines.join('\n') + '\n',
      lines,
      stepLines,
      calls,
      tokens: lines.map((l) => tokenizeLine(l, this.lang)),
      fileName,
    };
  }

  /**
   * A file made of several parts (lines, or builders such as one function per thread) whose step
   * lines are those of `this`, which must be one of the parts.
   */
  assembleIn(parts: readonly (readonly string[] | CodeBuilder)[], fileName: string): GeneratedCode {
    const at = parts.indexOf(this);
    if (at < 0) throw new Error('assembleIn: the builder is not one of the parts');
    const flat = (ps: readonly (readonly string[] | CodeBuilder)[]) => ps.flatMap((p) => (p instanceof CodeBuilder ? p.lines : [...p]));
    return this.assemble(flat(parts.slice(0, at)), flat(parts.slice(at + 1)), fileName);
  }
}
