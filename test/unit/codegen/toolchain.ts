// Runs the real compilers on generated programs: gcc, Python's py_compile, javac, node --check.
// Each program is written to its own directory under a temp dir that is removed afterwards.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../../src/codegen';

export interface SourceFile {
  lang: Lang;
  fileName: string;
  text: string;
}

export interface CheckResult {
  ok: boolean;
  /** Compiler messages (errors and warnings); empty when the file is clean. */
  messages: string;
  /** A comment-free normal form of the program, to compare two programs that differ only in comments. */
  normal?: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));

export function run(cmd: string, args: string[], opts: { cwd?: string; timeout?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd, timeout: opts.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function inPool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const PY_CHECK = `
import ast, json, py_compile, sys
out = []
for f in sys.argv[1:]:
    try:
        py_compile.compile(f, cfile=f + "c", doraise=True)
        out.append({"ok": True, "messages": "", "normal": ast.dump(ast.parse(open(f, encoding="utf-8").read()))})
    except py_compile.PyCompileError as e:
        out.append({"ok": False, "messages": str(e.msg)})
print(json.dumps(out))
`;

/** Compile every file; results are in the same order as `files`. */
export async function checkPrograms(files: SourceFile[], opts: { normalize?: boolean } = {}): Promise<CheckResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'socketlab-codegen-'));
  try {
    const paths = await Promise.all(files.map(async (f, i) => {
      const p = join(dir, `p${i}`, f.fileName);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, f.text, 'utf8');
      return p;
    }));
    const results: CheckResult[] = files.map(() => ({ ok: false, messages: 'not checked' }));
    const idx = (lang: Lang) => files.map((f, i) => (f.lang === lang ? i : -1)).filter((i) => i >= 0);

    await inPool(idx('c'), 2, async (i) => {
      const r = await run('gcc', ['-fsyntax-only', '-Wall', '-Wextra', paths[i]]);
      results[i] = { ok: r.code === 0 && r.stderr === '', messages: r.stderr };
      if (opts.normalize) results[i].normal = (await run('gcc', ['-fpreprocessed', '-E', '-P', paths[i]])).stdout;
    });
    await inPool(idx('javascript'), 2, async (i) => {
      const r = await run('node', ['--check', paths[i]]);
      results[i] = { ok: r.code === 0, messages: r.stderr };
      if (opts.normalize && r.code === 0) {
        const { transform } = await import('esbuild');
        const js = await transform(files[i].text, { format: 'esm', minify: true, legalComments: 'none', target: 'node20' });
        results[i].normal = js.code;
      }
    });
    const py = idx('python');
    if (py.length > 0) {
      const r = await run('python3', ['-c', PY_CHECK, ...py.map((i) => paths[i])]);
      if (r.code !== 0) throw new Error(`the Python checker failed: ${r.stderr}`);
      (JSON.parse(r.stdout) as CheckResult[]).forEach((res, k) => { results[py[k]] = res; });
    }
    const java = idx('java');
    if (java.length > 0) {
      const out = join(dir, 'classes');
      const r = await run('java', [join(HERE, 'JavaCheck.java'), out, ...java.map((i) => paths[i])], { timeout: 300_000 });
      if (r.code !== 0) throw new Error(`the Java checker failed: ${r.stderr}`);
      const lines = r.stdout.split('\n');
      for (const [k, i] of java.entries()) {
        const mine = lines.filter((l) => l.startsWith(`${k + 1} `));
        const ok = mine.some((l) => l === `${k + 1} OK`);
        results[i] = { ok, messages: mine.filter((l) => !l.endsWith(' OK')).join('\n') };
        if (ok && opts.normalize) {
          const cls = files[i].fileName.replace(/\.java$/, '.class');
          results[i].normal = (await readFile(join(out, String(k + 1), cls))).toString('base64');
        }
      }
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
