// A scenario is untrusted input (share links, files): its `data`, `comment` and socket names must
// never break out of a string literal, a comment or an identifier in any of the four languages.
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCode, LANGUAGES } from '../../../src/codegen';
import { cString, javaString, jsString, pythonBytes } from '../../../src/codegen/literals';
import { parseScenario, type Scenario } from '../../../src/scenarios/schema';
import { checkPrograms, run, type SourceFile } from './toolchain';

const SEED = Number(process.env.CODEGEN_SEED ?? Math.floor(Math.random() * 2 ** 31));
const seedNote = `(fast-check seed ${SEED}; rerun with CODEGEN_SEED=${SEED})`;

/** Pieces that end comments or literals somewhere, mixed with any code point at all. */
const nasty = fc.constantFrom(
  '*/', '/*', '"""', "'''", '"', "'", '`', '\\', '\\u000a', '\\u0022', '\\\\u000d', '\u2028', '\u2029', '\n', '\r',
  '\r\n', '\0', '??/', '??=', '${', '#', '//', '-->', '\ud800', '\udfff', '\u202e', '\u2066', '\x85', '\v', '\f',
  '%s', '%n', 'coding: latin-1', '\\N{BULLET}', '\\x4', '\\', '?', '\t', '\x7f', '\ufeff', '你好', '😀',
);
const unit = fc.oneof(nasty, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }));
const text = (maxLength: number) => fc.string({ unit, maxLength });

const TRICKY_NAMES = [
  'int', 'class', 'def', 'let', 'await', 'yield', 'System', 'socket', 'print', 'linux', 'errno', 'stdout', '_', '__init__',
  'None', 'True', 'var', 'new', 'this', 'buf', 'data', 'n', 'addr', 'msg', 'rinfo', 'on', 'once', 'net', 'dgram', 'sleep',
  'write', 'readSome', 'main', 'die', 'fill', 'from', 'String', 'Math', 'Thread', 'args', 'pkt', 'bb', 'arguments', 'eval',
  'undefined', 'NULL', 'EOF', 'SOCK_STREAM', 'AF_INET', 's6_addr', 'unix', '_Bool', '__x', 'lsConnections', 'int_', 'ssize_t',
];
const sockName = fc.oneof(fc.constantFrom(...TRICKY_NAMES), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/));

function hostileScenario(texts: string[], data: string[], names: string[]): Scenario {
  const [ls, c, u] = names;
  const cm = (i: number) => (i % 3 === 2 ? { en: texts[i], 'zh-CN': texts[(i + 1) % texts.length] } : texts[i]);
  const r = parseScenario({
    format: 'socketlab-scenario/1',
    seed: 1,
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    programs: [
      { host: 'server', name: texts[0], steps: [
        { op: 'socket', type: 'stream', as: ls, comment: cm(1) },
        { op: 'bind', sock: ls, port: 80, comment: cm(2) },
        { op: 'listen', sock: ls, backlog: 5, comment: cm(3) },
        { op: 'accept', sock: ls, as: c, comment: cm(4) },
        { op: 'recv', sock: c, max: 100, until: 'eof', comment: cm(5) },
        { op: 'send', sock: c, data: data[0], comment: cm(6) },
        { op: 'close', sock: c, comment: cm(7) },
      ] },
      { host: 'client', steps: [
        { op: 'socket', type: 'dgram', as: u, comment: cm(8) },
        { op: 'sendto', sock: u, to: 'server', port: 9, data: data[1], comment: cm(9) },
        { op: 'recvfrom', sock: u, max: 100, comment: cm(10) },
        { op: 'setsockopt', sock: u, name: 'O_NONBLOCK', value: true, comment: cm(11) },
        { op: 'close', sock: u, comment: cm(0) },
      ] },
    ],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** The same scenario with every comment and program name replaced by plain text. */
function withPlainComments(s: Scenario): Scenario {
  return {
    ...s,
    programs: s.programs.map((p) => ({ ...p, name: p.name === undefined ? undefined : 'x', steps: p.steps.map((st) => (st.comment === undefined ? st : { ...st, comment: 'x' })) })),
  };
}

const hexOf = (s: string) => Buffer.from(new TextEncoder().encode(s)).toString('hex');

describe('string literals round-trip through the real toolchains', () => {
  const samples = fc.sample(text(40), { numRuns: 300, seed: SEED });
  const expected = samples.map(hexOf).join('\n');

  it('Python: each b"..." / "...".encode() evaluates to the UTF-8 bytes', async () => {
    const src = `for b in [\n${samples.map((s) => `    ${pythonBytes(s)},`).join('\n')}\n]:\n    print(b.hex())\n`;
    const r = await runScript('check.py', src, (f) => ['python3', [f]]);
    expect(r, seedNote).toBe(expected);
  });

  it('JavaScript: each literal is the same string (and so the same bytes)', async () => {
    const src = `for (const s of [\n${samples.map((s) => `  ${jsString(s)},`).join('\n')}\n]) console.log(Buffer.from(s, 'utf8').toString('hex'));\n`;
    const r = await runScript('check.mjs', src, (f) => ['node', [f]]);
    expect(r, seedNote).toBe(expected);
  });

  it('C: each literal holds the UTF-8 bytes (sizeof counts embedded NULs)', async () => {
    const lits = samples.map((s) => `    { ${cString(s)}, sizeof ${cString(s)} - 1 },`).join('\n');
    const src = `#include <stdio.h>\nstruct lit { const char *s; unsigned long n; };\nstatic const struct lit lits[] = {\n${lits}\n};\n`
      + 'int main(void)\n{\n    for (unsigned long i = 0; i < sizeof lits / sizeof lits[0]; i++) {\n'
      + '        for (unsigned long j = 0; j < lits[i].n; j++) printf("%02x", (unsigned char)lits[i].s[j]);\n        printf("\\n");\n    }\n    return 0;\n}\n';
    const r = await runScript('check.c', src, (f, dir) => ['sh', ['-c', `gcc -Wall -Wextra -Werror -o ${dir}/check ${f} && ${dir}/check`]]);
    expect(r, seedNote).toBe(expected);
  });

  it('Java: each literal is the same string (and so the same bytes)', async () => {
    const src = 'import java.nio.charset.StandardCharsets;\npublic class Check {\n    public static void main(String[] args) {\n'
      + `        String[] lits = {\n${samples.map((s) => `            ${javaString(s)},`).join('\n')}\n        };\n`
      + '        for (String s : lits) {\n            StringBuilder sb = new StringBuilder();\n'
      + '            for (byte b : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%02x", b));\n'
      + '            System.out.println(sb);\n        }\n    }\n}\n';
    const r = await runScript('Check.java', src, (f, dir) => ['sh', ['-c', `javac -encoding UTF-8 -d ${dir} ${f} && java -cp ${dir} Check`]]);
    expect(r, seedNote).toBe(expected);
  }, 60_000);
});

async function runScript(name: string, src: string, cmd: (file: string, dir: string) => [string, string[]]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'socketlab-literal-'));
  try {
    const file = join(dir, name);
    await writeFile(file, src, 'utf8');
    const [bin, args] = cmd(file, dir);
    const r = await run(bin, args);
    if (r.code !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    return r.stdout.replace(/\n$/, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('hostile comments, data and socket names', () => {
  it('programs still compile, and their comments change nothing but comments', async () => {
    const cases = fc.sample(fc.record({
      texts: fc.array(text(30), { minLength: 12, maxLength: 12 }),
      data: fc.array(text(30), { minLength: 2, maxLength: 2 }),
      names: fc.uniqueArray(sockName, { minLength: 3, maxLength: 3 }),
    }), { numRuns: 12, seed: SEED });
    const files: (SourceFile & { label: string })[] = [];
    cases.forEach(({ texts, data, names }, k) => {
      const hostile = hostileScenario(texts, data, names);
      const plain = withPlainComments(hostile);
      for (const pi of [0, 1]) {
        for (const { id } of LANGUAGES) {
          for (const locale of [k % 2 === 0 ? 'en' : 'zh-CN'] as const) {
            const a = generateCode(hostile, pi, id, { locale });
            const b = generateCode(plain, pi, id, { locale });
            // The data literal in the program is exactly the one that round-trips above.
            const literal = { c: cString, python: pythonBytes, java: javaString, javascript: jsString }[id](data[pi]);
            expect(a.text, seedNote).toContain(literal);
            for (const line of a.lines) expect(line, seedNote).not.toMatch(/[\r\u2028\u2029\x85]/);
            files.push({ ...a, label: `case ${k} program ${pi} ${id} ${locale}: hostile` }, { ...b, label: `case ${k} program ${pi} ${id} ${locale}: plain` });
          }
        }
      }
    });
    const results = await checkPrograms(files, { normalize: true });
    const problems: string[] = [];
    for (let i = 0; i < files.length; i += 2) {
      const [a, b] = [results[i], results[i + 1]];
      if (!a.ok) problems.push(`${files[i].label} does not compile:\n${a.messages}\n${files[i].text}`);
      else if (!b.ok) problems.push(`${files[i + 1].label} does not compile:\n${b.messages}`);
      else if (a.normal !== b.normal) problems.push(`${files[i].label}: comments changed the program:\n${files[i].text}`);
    }
    expect(problems, seedNote).toEqual([]);
  }, 300_000);
});
