// Public types of the code generator: the languages the code panel shows and what it gets back.

export type Lang = 'c' | 'python' | 'java' | 'javascript';
export type CodeLocale = 'en' | 'zh-CN';

export interface LanguageInfo {
  id: Lang;
  /** Name shown on the language tab (the same in both locales). */
  name: string;
  /** File extension of a generated program, without the dot. */
  ext: string;
}

export const LANGUAGES: readonly LanguageInfo[] = [
  { id: 'c', name: 'C', ext: 'c' },
  { id: 'python', name: 'Python', ext: 'py' },
  { id: 'java', name: 'Java', ext: 'java' },
  { id: 'javascript', name: 'JavaScript (Node.js)', ext: 'mjs' },
];

export type TokenKind = 'keyword' | 'type' | 'string' | 'number' | 'comment' | 'call' | 'plain';

/** A run of one line's text with its syntax class; a line's tokens concatenate to the line. */
export interface Token {
  text: string;
  kind: TokenKind;
}

export interface GenerateOptions {
  /** Language of the comments the generator writes and of the steps' `comment`s. Default `en`. */
  locale?: CodeLocale;
  /**
   * Steps whose call fails in the run being shown (indices into the program's steps, e.g. taken
   * from the trace's `return` records with an `error`). The simulator lets a program go on after a
   * failed call unless the step says `expect: "ok"`; Python, Java and JavaScript would end it with
   * an exception, so these calls are wrapped in try/except (catch) that prints the error. C needs
   * nothing: every call already reports errors with perror() and goes on.
   */
  failing?: readonly number[];
  /**
   * The same for every program, by program index (e.g. `failingStepsByProgram(trace)`): a file that
   * holds several threads (spawn) handles the failing calls of each. `failing`, when given, wins
   * for the program asked for.
   */
  failingByProgram?: Readonly<Record<number, readonly number[]>>;
}

export interface GeneratedCode {
  lang: Lang;
  /** The whole program, lines joined with `\n`, ending with a newline. */
  text: string;
  /** `text` split into lines (no line terminators inside any line). */
  lines: string[];
  /**
   * For each step of the program (same index as `program.steps`), the 1-based numbers of the lines
   * written for it. The first is the line of the call itself — the one to highlight; the others
   * (its comment, address set-up, printing the result) follow in ascending order. Two steps can
   * share a call line where the language does both in one call (Java's `ServerSocket.bind`
   * binds and listens).
   */
  stepLines: number[][];
  /** For each step, the call as it appears on its highlighted line, e.g. `ls.accept()`. */
  calls: string[];
  /** Syntax classes per line, for highlighting without a parser in the UI. */
  tokens: Token[][];
  /** A file name the program compiles under (Java needs the class name). */
  fileName: string;
}

/** What a socket variable is used for: decides the class in Java and the module in Node. */
/** 'raw': a raw ICMP socket (SOCK_RAW), which only C and Python can open. */
export type SocketKind = 'listener' | 'stream' | 'dgram' | 'raw';
