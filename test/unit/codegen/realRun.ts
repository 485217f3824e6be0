// Running generated programs for real: free loopback ports, waiting for a server to listen, and
// child processes that the test kills if they outlive it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { GeneratedCode } from '../../../src/codegen';
import { run } from './toolchain';

export async function freePort(proto: 'tcp' | 'udp'): Promise<number> {
  if (proto === 'tcp') {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '0.0.0.0', r));
    const { port } = srv.address() as { port: number };
    await new Promise((r) => srv.close(r));
    return port;
  }
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '0.0.0.0', r));
  const { port } = sock.address();
  await new Promise<void>((r) => sock.close(r));
  return port;
}

/** Wait until the kernel shows a socket on `port` listening (TCP) or bound (UDP), without touching it. */
export async function waitForPort(proto: 'tcp' | 'udp', port: number, server: ChildProcess): Promise<void> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const state = proto === 'tcp' ? '0A' : '07';
  for (let i = 0; i < 400; i++) {
    // Java opens dual-stack IPv6 sockets, which the kernel lists in tcp6/udp6.
    const table = (await readFile(`/proc/net/${proto}`, 'utf8')) + (await readFile(`/proc/net/${proto}6`, 'utf8').catch(() => ''));
    if (table.split('\n').some((l) => { const f = l.trim().split(/\s+/); return f[1]?.endsWith(`:${hexPort}`) && f[3] === state; })) return;
    if (server.exitCode !== null) throw new Error(`the server exited early with status ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing ${proto === 'tcp' ? 'listens' : 'is bound'} on port ${port}`);
}

const started: ChildProcess[] = [];
/** Kill what a test started and left running (call it in afterEach). */
export function killStarted(): void {
  for (const p of started.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
}

export interface Outcome { code: number | null; out: string; err: string }

export function start(cmd: string, args: string[], cwd: string): { proc: ChildProcess; done: Promise<Outcome> } {
  const proc = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(proc);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { err += d; });
  const done = new Promise<Outcome>((resolve) => proc.on('close', (code) => resolve({ code, out, err })));
  return { proc, done };
}


/** Write a generated program into `dir` and compile it if its language needs that; how to run it. */
export async function build(g: GeneratedCode, dir: string): Promise<[string, string[]]> {
  const file = join(dir, g.fileName);
  await writeFile(file, g.text, 'utf8');
  if (g.lang === 'c') {
    const exe = join(dir, g.fileName.replace(/\.c$/, ''));
    const r = await run('gcc', ['-Wall', '-pthread', '-o', exe, file]);
    if (r.code !== 0) throw new Error(r.stderr);
    return [exe, []];
  }
  if (g.lang === 'java') {
    const r = await run('javac', ['-encoding', 'UTF-8', '-d', dir, file]);
    if (r.code !== 0) throw new Error(r.stderr);
    return ['java', ['-cp', dir, g.fileName.replace(/\.java$/, '')]];
  }
  return [g.lang === 'python' ? 'python3' : 'node', [file]];
}
