// Threads (spawn) and poll(): a process with several threads is one file in which each thread's
// steps are in its own function, sockets the threads share are file-scope variables, and poll()
// is each language's usual way of waiting for the first readable socket.
import { describe, expect, it } from 'vitest';
import { callName, failingStepsByProgram, generateCode, LANGUAGES, type Lang } from '../../../src/codegen';
import type { Step } from '../../../src/scenarios/schema';
import { eventLoop, threadPerConnection, threadPool } from './scenarios';

/** The lines of the function that encloses line `n` (1-based), from its header to the line before `n`. */
function enclosingHeader(lines: string[], n: number, header: RegExp): string | undefined {
  for (let i = n - 1; i >= 0; i--) if (header.test(lines[i])) return lines[i];
  return undefined;
}

const HEADER: Record<Lang, RegExp> = {
  c: /^(static void \*\w+\(void \*arg\)|int main\(void\))$/,
  python: /^def \w+\(\):$/,
  java: /^ {4}(static void \w+\(\)|public static void main)/,
  javascript: /^async function \w+\(\) \{$/,
};

describe('a process with threads is one file', () => {
  for (const { id: lang } of LANGUAGES) {
    it(`${lang}: every thread of the process gets the same text, its steps inside its own function`, () => {
      const texts = [0, 1, 2].map((pi) => generateCode(threadPerConnection, pi, lang));
      expect(new Set(texts.map((g) => g.text)).size).toBe(1);
      expect(new Set(texts.map((g) => g.fileName)).size).toBe(1);
      // The worker's recv() is inside a worker function; main's accept() is not in one.
      const worker = texts[1];
      const recvLine = worker.stepLines[0][0];
      const fn = enclosingHeader(worker.lines, recvLine, HEADER[lang]);
      expect(fn, 'recv is inside a function').toBeDefined();
      if (lang === 'python') expect(fn).toMatch(/^def worker1\(\):/);
      else expect(fn).toContain('worker1');
      const main = texts[0];
      const acceptLine = main.stepLines[3][0];
      // Python and JavaScript run main as the module's own code, at the outermost level.
      if (lang === 'python' || lang === 'javascript') expect(main.lines[acceptLine - 1]).toMatch(/^\S/);
      else expect(enclosingHeader(main.lines, acceptLine, HEADER[lang])).toMatch(/main/);
    });
  }

  it('shares sockets that several threads name, at file scope, and keeps the others local', () => {
    const c = generateCode(threadPerConnection, 0, 'c').text;
    expect(c).toContain('static int c1 = -1;  // c1: shared by the threads of this process');
    expect(c).toContain('\n    c1 = accept(ls, NULL, NULL);');
    expect(c).toContain('\n    int ls = socket(AF_INET, SOCK_STREAM, 0);');
    const java = generateCode(threadPerConnection, 0, 'java').text;
    expect(java).toContain('    static Socket c1;  // c1: shared by the threads of this process');
    expect(java).toContain('\n        c1 = ls.accept();');
    const py = generateCode(threadPool, 0, 'python', { locale: 'zh-CN' }).text;
    expect(py).toContain('l = None  # l：本进程的各个线程共用的套接字');
    // A thread that assigns a shared name must say global, or Python makes it local.
    expect(py).toMatch(/def worker3\(\):\n(#.*\n)* {4}global extra\n {4}extra = socket\.socket/);
    const js = generateCode(threadPool, 0, 'javascript').text;
    expect(js).toContain('let l;  // l: shared by the threads of this process');
    expect(js).toMatch(/\nl = net\.createServer/);
  });

  it('starts threads idiomatically and waits for them where the language needs it', () => {
    const c = generateCode(threadPerConnection, 0, 'c').text;
    expect(c).toContain('#include <pthread.h>');
    expect(c).toContain('if ((errno = pthread_create(&thread1, NULL, worker1, NULL)) != 0) die("pthread_create");');
    expect(c).toMatch(/pthread_join\(thread1, NULL\);\n\s+pthread_join\(thread2, NULL\);\n\s+return 0;/);
    expect(c).toContain('// handler: a thread of this process, started by another thread');
    expect(generateCode(threadPerConnection, 0, 'python').text).toContain('threading.Thread(target=worker1).start()');
    expect(generateCode(threadPerConnection, 0, 'java').text).toContain('new Thread(() -> worker1()).start();');
    const js = generateCode(threadPerConnection, 0, 'javascript').text;
    expect(js).toContain("worker1().catch((err) => console.log('worker1 failed:', err.message));");
    expect(js).toContain('async function worker1() {');
    // A worker that starts a worker defined after it: C declares prototypes first.
    expect(generateCode(threadPool, 1, 'c').text).toMatch(/static void \*worker3\(void \*arg\);[\s\S]*static void \*worker1\(void \*arg\)\n\{/);
  });

  it('a program with its own spawn and a thread with nothing to do both generate', () => {
    const own = threadPool.programs.findIndex((p) => p.start !== 'spawn' && p.steps.some((s) => s.op === 'spawn') && p.steps.length === 1);
    const py = generateCode(threadPool, own, 'python');
    expect(py.fileName).toBe('server2.py');
    expect(py.text).toMatch(/def worker1\(\):\n {4}pass\n/);
  });

  it('handles the failing calls of every thread in the file, from the trace', () => {
    const byProg = { 1: [0], 2: [1] };
    const py = generateCode(threadPerConnection, 0, 'python', { failingByProgram: byProg }).text;
    expect(py).toMatch(/def worker1\(\):\n(#.*\n)* {4}try:\n {8}data = c1\.recv\(100\)/);
    expect(py).toMatch(/ {4}try:\n {8}c2\.sendall\(b"two"\)/);
    expect(failingStepsByProgram([
      { t: 0, type: 'return', host: 'h', op: 'recv', id: 1, prog: 2, step: 4, error: 'ECONNRESET' },
      { t: 0, type: 'return', host: 'h', op: 'recv', id: 2, prog: 2, step: 1, error: 'EAGAIN' },
      { t: 0, type: 'return', host: 'h', op: 'recv', id: 3, prog: 0, step: 1, result: 0 },
    ])).toEqual({ 2: [1, 4] });
  });
});

describe('poll()', () => {
  it('C: a struct pollfd per socket, POLLIN, the timeout in ms (-1 = forever)', () => {
    const c = generateCode(eventLoop, 0, 'c').text;
    expect(c).toContain('#include <poll.h>');
    expect(c).toContain('struct pollfd pfd[3];');
    expect(c).toMatch(/pfd\[0\]\.fd = ls; pfd\[0\]\.events = POLLIN;\n\s+pfd\[1\]\.fd = c; pfd\[1\]\.events = POLLIN;\n\s+pfd\[2\]\.fd = u; pfd\[2\]\.events = POLLIN;\n\s+ready = poll\(pfd, 3, 250\);/);
    expect(c).toContain('ready = poll(pfd, 1, 0);\n    if (ready < 0) die("poll");');
    expect(c).toContain('ready = poll(pfd, 1, 2);');
    expect(c).toContain('ready = poll(pfd, 2, -1);');
  });

  it('Python: select.select() on the sockets to read, the timeout in seconds', () => {
    const py = generateCode(eventLoop, 0, 'python').text;
    expect(py).toContain('readable = select.select([ls, u], [], [])[0]');
    expect(py).toContain('readable = select.select([ls, c, u], [], [], 0.25)[0]');
    expect(py).toContain('readable = select.select([c], [], [], 0)[0]');
  });

  it('Java: a Selector over channels; a blocking socket is made non-blocking to be registered', () => {
    const java = generateCode(eventLoop, 0, 'java').text;
    expect(java).toContain('ServerSocketChannel ls = ServerSocketChannel.open();');
    expect(java).toContain('DatagramChannel u = DatagramChannel.open();');
    expect(java).toContain('ls.register(selector, SelectionKey.OP_ACCEPT);');
    expect(java).toContain('u.configureBlocking(false);\n        u.register(selector, SelectionKey.OP_READ);');
    expect(java).not.toContain('ls.configureBlocking(false);\n        ls.register');
    expect(java).toContain('ready = selector.select(250);');
    expect(java).toContain('ready = selector.selectNow();');
    expect(java).toContain('ready = selector.select();');
    expect(java).toContain('Selector selector = Selector.open();');
  });

  it('JavaScript: a queue poll() can look into for servers and UDP sockets, and a poll() helper', () => {
    const js = generateCode(eventLoop, 0, 'javascript').text;
    expect(js).toContain("const lsConnections = queue(ls, 'connection');");
    expect(js).toContain("const uMessages = queue(u, 'message');");
    expect(js).toContain('ready = await poll(250, lsConnections, c, uMessages);');
    expect(js).toContain('ready = await poll(-1, b);');
    expect(js).toContain('function poll(timeout, ...sources) {');
    // A listener nobody polls keeps the plain events.on() queue.
    expect(generateCode(threadPerConnection, 0, 'javascript').text).toContain("const lsConnections = on(ls, 'connection');");
  });

  it('callName names the thread and poll calls in every language', () => {
    const spawn = { op: 'spawn', program: 1 } as Step;
    const poll = { op: 'poll', socks: ['a'] } as Step;
    expect(LANGUAGES.map((l) => callName(spawn, l.id))).toEqual(['pthread_create()', 'threading.Thread().start()', 'new Thread().start()', 'worker()']);
    expect(LANGUAGES.map((l) => callName(poll, l.id))).toEqual(['poll()', 'select.select()', 'selector.select()', 'poll()']);
  });
});
