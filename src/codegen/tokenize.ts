// A small lexer for syntax colouring of generated lines. It only has to understand what the
// generators write: line comments, single-line string literals, numbers, identifiers.
import type { Lang, Token, TokenKind } from './types';

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

const KEYWORDS: Record<Lang, Set<string>> = {
  c: set('if else while for return sizeof static const struct void break continue do switch case default NULL'),
  python: set('import from as if else elif while for in not and or is break continue return def class try except finally with None True False pass raise lambda'),
  java: set('import public private protected static final class void new if else while for return throws throw try catch finally null true false break continue this'),
  javascript: set('import from as const let var if else while for of return async await function new null true false break continue try catch finally throw'),
};

const TYPES: Record<Lang, Set<string>> = {
  c: set('int char ssize_t socklen_t size_t unsigned long short'),
  python: set('bytes str int'),
  java: set(`int byte long boolean String System Thread Socket ServerSocket DatagramSocket DatagramPacket
    InetSocketAddress StandardCharsets StandardSocketOptions ByteBuffer SocketChannel ServerSocketChannel
    DatagramChannel SocketAddress Exception Math`),
  javascript: set('Buffer Promise'),
};

const COMMENT: Record<Lang, string> = { c: '//', python: '#', java: '//', javascript: '//' };

export function tokenizeLine(line: string, lang: Lang): Token[] {
  const out: Token[] = [];
  const push = (text: string, kind: TokenKind) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind === 'plain') last.text += text;
    else out.push({ text, kind });
  };
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    if (lang === 'c' && i === 0 && rest.startsWith('#')) {
      push(line, 'keyword');
      break;
    }
    if (rest.startsWith(COMMENT[lang])) {
      push(rest, 'comment');
      break;
    }
    const prefixed = lang === 'python' && /^b["']/.test(rest) && !/[\w$]/.test(line[i - 1] ?? '');
    const q = prefixed ? rest[1] : rest[0];
    if (prefixed || q === '"' || q === "'") {
      let j = i + (prefixed ? 2 : 1);
      while (j < line.length && line[j] !== q) j += line[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, line.length);
      push(line.slice(i, end), 'string');
      i = end;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (word) {
      const w = word[0];
      const after = line.slice(i + w.length).trimStart();
      const kind: TokenKind = KEYWORDS[lang].has(w) ? 'keyword' : TYPES[lang].has(w) ? 'type' : after.startsWith('(') ? 'call' : 'plain';
      push(w, kind);
      i += w.length;
      continue;
    }
    const number = /^\d[\w.]*/.exec(rest);
    if (number) {
      push(number[0], 'number');
      i += number[0].length;
      continue;
    }
    push(line[i], 'plain');
    i++;
  }
  return out;
}
