// Real segments for the stage (`--capture`): one capture process per bridged connection or
// listener, with a BPF filter naming exactly that endpoint, so the bridge never sees other
// traffic. Uses tcpdump, or Wireshark's dumpcap when tcpdump is absent; both need CAP_NET_RAW.
// Only headers are captured (small snap length): the bytes themselves come through the socket.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Ip } from './addresses';
import { isLoopback } from './addresses';
import { PcapStreamParser, type CapturedTcp } from './pcapStream';

export interface CaptureTarget { ip: Ip; port: number }
export type CaptureStart = { ok: true; stop: () => void } | { ok: false; reason: string };

export interface CaptureManager {
  readonly tool: string;
  start(target: CaptureTarget, onSegment: (s: CapturedTcp) => void): Promise<CaptureStart>;
  stopAll(): void;
}

const SNAP_LEN = 160;
const READY_TIMEOUT_MS = 4000;

function findTool(): { name: 'tcpdump' | 'dumpcap'; path: string } | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin'];
  for (const name of ['tcpdump', 'dumpcap'] as const) {
    for (const d of dirs) {
      const p = join(d, name);
      if (d && existsSync(p)) return { name, path: p };
    }
  }
  return null;
}

/** The BPF filter: built only from a parsed IP literal and an integer port. */
export function captureFilter(t: CaptureTarget): string {
  return `tcp and host ${t.ip.address} and port ${Math.trunc(t.port)}`;
}

export function createCaptureManager(maxProcesses = 16): CaptureManager | { error: string } {
  const tool = findTool();
  if (!tool) return { error: 'neither tcpdump nor dumpcap is installed' };
  const running = new Set<ChildProcess>();

  return {
    tool: tool.name,
    start(target, onSegment) {
      if (running.size >= maxProcesses) return Promise.resolve({ ok: false, reason: 'too-many-captures' });
      const iface = isLoopback(target.ip) ? 'lo' : 'any';
      const filter = captureFilter(target);
      const args = tool.name === 'tcpdump'
        ? ['-i', iface, '-n', '-U', '--immediate-mode', '-s', String(SNAP_LEN), '-w', '-', filter]
        : ['-i', iface, '-f', filter, '-P', '-s', String(SNAP_LEN), '-q', '-w', '-'];
      const child = spawn(tool.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(child);
      const parser = new PcapStreamParser();
      const stop = () => { running.delete(child); if (child.exitCode === null) child.kill('SIGTERM'); };
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const s of parser.push(chunk)) onSegment(s);
      });
      child.stdout!.on('error', () => {});
      child.stderr!.on('error', () => {});
      return new Promise<CaptureStart>((resolve) => {
        let err = '';
        let settled = false;
        const done = (r: CaptureStart) => { if (!settled) { settled = true; clearTimeout(timer); resolve(r); } };
        const timer = setTimeout(() => { stop(); done({ ok: false, reason: 'capture-not-ready' }); }, READY_TIMEOUT_MS);
        child.on('error', (e) => { running.delete(child); done({ ok: false, reason: `capture-failed: ${e.message}` }); });
        child.on('exit', (code) => {
          running.delete(child);
          done({ ok: false, reason: `capture-exited ${code}: ${err.trim().split('\n').pop() ?? ''}`.slice(0, 200) });
        });
        child.stderr!.on('data', (d: Buffer) => {
          if (err.length < 4096) err += d.toString('utf8');
          // Both tools print this once the filter is attached and packets are being captured.
          if (/listening on|Capturing on/.test(err)) done({ ok: true, stop });
        });
      });
    },
    stopAll() {
      for (const c of running) if (c.exitCode === null) c.kill('SIGTERM');
      running.clear();
    },
  };
}
