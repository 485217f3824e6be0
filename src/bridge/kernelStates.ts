// Kernel truth without privileges: Linux lists every TCP socket, with its state, in
// /proc/net/tcp and /proc/net/tcp6. We poll those files for the 4-tuples of bridged connections
// and report each change of state, named as RFC 9293 names them. Polling cannot see states that
// last less than one interval (a loopback SYN_SENT lasts microseconds); the capture shows those.
import { readFile } from 'node:fs/promises';
import { parseIp } from './addresses';
import { formatAddr, type KernelState } from './protocol';

/** The kernel's `st` column (include/net/tcp_states.h) → RFC 9293 names. */
export const KERNEL_STATES: Readonly<Record<number, KernelState>> = {
  0x01: 'ESTABLISHED', 0x02: 'SYN_SENT', 0x03: 'SYN_RECEIVED', 0x04: 'FIN_WAIT_1',
  0x05: 'FIN_WAIT_2', 0x06: 'TIME_WAIT', 0x07: 'CLOSED', 0x08: 'CLOSE_WAIT', 0x09: 'LAST_ACK',
  0x0a: 'LISTEN', 0x0b: 'CLOSING', 0x0c: 'SYN_RECEIVED', // TCP_NEW_SYN_RECV: a request sock
};

/** Canonical "ip:port" for a Node-reported address (folds ::ffff:a.b.c.d to IPv4). */
export function canonicalAddr(ip: string, port: number): string {
  const p = parseIp(ip);
  return formatAddr(p ? p.address : ip, port);
}

function hexIp(hex: string): string | null {
  const bytes: number[] = [];
  // Each 32-bit word is printed in host byte order (little-endian on the machines we support).
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  if (bytes.some(Number.isNaN)) return null;
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.length !== 16) return null;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

function hexAddr(field: string): string | null {
  const [ipHex, portHex] = field.split(':');
  const ip = ipHex && hexIp(ipHex);
  const port = parseInt(portHex ?? '', 16);
  if (!ip || Number.isNaN(port)) return null;
  return canonicalAddr(ip, port);
}

export interface KernelEntry { state: KernelState; txQueue: number; rxQueue: number }

/** Parses /proc/net/tcp or tcp6 text into "local|remote" → entry. */
export function parseProcNetTcp(text: string, into = new Map<string, KernelEntry>()): Map<string, KernelEntry> {
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || !f[0].endsWith(':')) continue;
    const local = hexAddr(f[1]);
    const remote = hexAddr(f[2]);
    const state = KERNEL_STATES[parseInt(f[3], 16)];
    if (!local || !remote || !state) continue;
    const [tx, rx] = f[4].split(':').map((h) => parseInt(h, 16));
    into.set(`${local}|${remote}`, { state, txQueue: tx || 0, rxQueue: rx || 0 });
  }
  return into;
}

export type StateChange = (side: 'local' | 'peer', from: KernelState, to: KernelState, entry: KernelEntry | undefined) => void;

/** One followed connection. */
export interface Tracking {
  /** Its socket was closed, aborted or destroyed: follow the tuple until it leaves the table
   * (so FIN_WAIT_2 and TIME_WAIT are seen), but for at most FOLLOW_AFTER_END_MS. */
  ended(): void;
  /** Stop following now (the session ended). */
  stop(): void;
}

export interface KernelStates {
  /** Follows local→remote (and remote→local when `peer`, i.e. the other end is on this host).
   * `onGone` is called exactly once, whichever way the tracking ends. */
  track(local: string, remote: string, peer: boolean, onChange: StateChange, onGone: () => void): Tracking;
  /** Polls once now (tests, and right after an operation that changes state); while a poll is
   * running, waits for that one. */
  poll(): Promise<void>;
  stop(): void;
}

/** A tuple the kernel never listed in this many reads (each started after `track`) was gone
 * before we could look (e.g. connect then abort within one interval). */
export const NEVER_SEEN_POLLS = 3;
/** After its socket ends, a connection is followed this long at most: TIME_WAIT and an orphaned
 * FIN_WAIT_2 last 60 s on Linux, but a local peer may hold CLOSE_WAIT for ever. */
export const FOLLOW_AFTER_END_MS = 70_000;

interface Side { key: string; side: 'local' | 'peer'; last: KernelState; seen: boolean }
interface Tracker { sides: Side[]; onChange: StateChange; onGone: () => void; bornAtRead: number; endedAt?: number }

export async function readProcNetTcp(): Promise<Map<string, KernelEntry>> {
  const table = new Map<string, KernelEntry>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try { parseProcNetTcp(await readFile(file, 'utf8'), table); } catch { /* no IPv6, or not Linux */ }
  }
  return table;
}

export function createKernelStates(intervalMs = 25, read = readProcNetTcp, now = () => performance.now()): KernelStates {
  const trackers = new Set<Tracker>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;
  /** Reads started so far. */
  let reads = 0;

  function retire(tr: Tracker) {
    if (!trackers.delete(tr)) return;
    tr.onGone();
    // Nothing left to follow: no more polling until the next `track`.
    if (trackers.size === 0 && timer) { clearInterval(timer); timer = null; }
  }

  async function pollOnce() {
    const readNo = ++reads;
    const table = await read();
    const t = now();
    for (const tr of [...trackers]) {
      for (const s of tr.sides) {
        const entry = table.get(s.key);
        const state = entry?.state ?? 'CLOSED';
        if (entry) s.seen = true;
        if (state !== s.last) { const from = s.last; s.last = state; tr.onChange(s.side, from, state, entry); }
      }
      const seen = tr.sides.some((s) => s.seen);
      // Gone for good once every end we ever saw has left the table…
      if (seen && tr.sides.every((s) => s.last === 'CLOSED')) retire(tr);
      // …or when it was never there to see, or has been followed long enough after its end.
      else if (!seen && readNo - tr.bornAtRead >= NEVER_SEEN_POLLS) retire(tr);
      else if (tr.endedAt !== undefined && t - tr.endedAt >= FOLLOW_AFTER_END_MS) retire(tr);
    }
  }

  function poll(): Promise<void> {
    if (running) return running;
    if (trackers.size === 0) return Promise.resolve();
    running = pollOnce().catch(() => { /* a failed read is retried at the next tick */ }).finally(() => { running = null; });
    return running;
  }

  return {
    track(local, remote, peer, onChange, onGone) {
      const sides: Side[] = [{ key: `${local}|${remote}`, side: 'local', last: 'CLOSED', seen: false }];
      if (peer) sides.push({ key: `${remote}|${local}`, side: 'peer', last: 'CLOSED', seen: false });
      const tr: Tracker = { sides, onChange, onGone, bornAtRead: reads };
      trackers.add(tr);
      if (!timer) { timer = setInterval(() => void poll(), intervalMs); timer.unref?.(); }
      void poll();
      return {
        ended: () => { tr.endedAt ??= now(); },
        stop: () => retire(tr),
      };
    },
    poll,
    stop() { trackers.clear(); if (timer) clearInterval(timer); timer = null; },
  };
}
