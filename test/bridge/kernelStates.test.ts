// /proc/net/tcp parsing and the state poller: the kernel's hex states become RFC 9293 names, and
// every change of a tracked 4-tuple (ours and, on loopback, the peer's) is reported once.
import { describe, expect, it } from 'vitest';
import { FOLLOW_AFTER_END_MS, KERNEL_STATES, createKernelStates, parseProcNetTcp, type KernelEntry } from '../../src/bridge/kernelStates';
import { echoServer, openPage, startBridgeProcess, within } from './helpers';

const V4 = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 632 1 0 100 0 0 10 0
   1: 0100007F:A27B 0100007F:1F90 01 00000010:00000020 00:00000000 00000000     0        0 1 1 0 20 4 30 10 -1
   2: 0100007F:1F90 0100007F:A27B 08 00000000:00000005 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1
`;
const V6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1F91 00000000000000000000000001000000:C350 04 00000000:00000000 00:00000000 00000000 0 0 3 1 0
   1: 0000000000000000FFFF00000100007F:1F92 0000000000000000FFFF00000100007F:C351 06 00000000:00000000 00:00000000 00000000 0 0 4 1 0
`;

describe('parseProcNetTcp', () => {
  it('decodes IPv4 addresses (little-endian words), states and queues', () => {
    const t = parseProcNetTcp(V4);
    expect(t.get('127.0.0.1:8080|0.0.0.0:0')).toMatchObject({ state: 'LISTEN' });
    expect(t.get('127.0.0.1:41595|127.0.0.1:8080')).toEqual({ state: 'ESTABLISHED', txQueue: 16, rxQueue: 32 });
    expect(t.get('127.0.0.1:8080|127.0.0.1:41595')).toMatchObject({ state: 'CLOSE_WAIT', rxQueue: 5 });
  });
  it('decodes IPv6, folding IPv4-mapped addresses to IPv4', () => {
    const t = parseProcNetTcp(V6);
    expect(t.get('[::1]:8081|[::1]:50000')).toMatchObject({ state: 'FIN_WAIT_1' });
    expect(t.get('127.0.0.1:8082|127.0.0.1:50001')).toMatchObject({ state: 'TIME_WAIT' });
  });
  it('maps every kernel state to an RFC 9293 name (Linux SYN_RECV and NEW_SYN_RECV → SYN_RECEIVED)', () => {
    expect(Object.keys(KERNEL_STATES)).toHaveLength(12);
    expect(KERNEL_STATES[0x03]).toBe('SYN_RECEIVED');
    expect(KERNEL_STATES[0x0c]).toBe('SYN_RECEIVED');
    expect(KERNEL_STATES[0x07]).toBe('CLOSED');
  });
  it('ignores junk lines', () => {
    expect(parseProcNetTcp('garbage\n 0: zz:yy 11:22 99 0:0').size).toBe(0);
  });
});

describe('createKernelStates', () => {
  it('reports each change of both ends once, then that the connection is gone', async () => {
    const frames: Array<Record<string, string>> = [
      { 'A|B': 'ESTABLISHED', 'B|A': 'ESTABLISHED' },
      { 'A|B': 'FIN_WAIT_2', 'B|A': 'CLOSE_WAIT' },
      { 'A|B': 'FIN_WAIT_2', 'B|A': 'CLOSE_WAIT' },
      { 'A|B': 'TIME_WAIT' },
      {},
    ];
    let i = 0;
    const read = async () => new Map(Object.entries(frames[Math.min(i++, frames.length - 1)]).map(([k, s]) => [k, { state: s, txQueue: 0, rxQueue: 0 } as KernelEntry]));
    const k = createKernelStates(1_000_000, read);
    const seen: string[] = [];
    let gone = false;
    k.track('A', 'B', true, (side, from, to) => seen.push(`${side}:${from}->${to}`), () => { gone = true; });
    for (let n = 0; n < 6; n++) await k.poll();
    k.stop();
    expect(seen).toEqual([
      'local:CLOSED->ESTABLISHED', 'peer:CLOSED->ESTABLISHED',
      'local:ESTABLISHED->FIN_WAIT_2', 'peer:ESTABLISHED->CLOSE_WAIT',
      'local:FIN_WAIT_2->TIME_WAIT', 'peer:CLOSE_WAIT->CLOSED',
      'local:TIME_WAIT->CLOSED',
    ]);
    expect(gone).toBe(true);
  });
});

/** A stand-in /proc reader that serves `table()` and counts how often it was read. */
function fakeProc(table: () => Record<string, string> = () => ({})) {
  let reads = 0;
  const read = async () => {
    reads++;
    return new Map(Object.entries(table()).map(([k, s]) => [k, { state: s, txQueue: 0, rxQueue: 0 } as KernelEntry]));
  };
  return { read, reads: () => reads };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createKernelStates: trackers always end', () => {
  it('retires a connection that was gone before the first poll saw it', async () => {
    const proc = fakeProc();
    const k = createKernelStates(1_000_000, proc.read);
    let gone = 0;
    const seen: string[] = [];
    k.track('A', 'B', true, (side, from, to) => seen.push(`${side}:${from}->${to}`), () => { gone++; });
    for (let n = 0; n < 5; n++) await k.poll();
    k.stop();
    expect(seen).toEqual([]);
    expect(gone).toBe(1);
  });

  it('retires a tracker when its socket ends, once its tuple is gone (TIME_WAIT is still followed)', async () => {
    let rows: Record<string, string> = { 'A|B': 'ESTABLISHED' };
    const proc = fakeProc(() => rows);
    const k = createKernelStates(1_000_000, proc.read);
    let gone = 0;
    const seen: string[] = [];
    const t = k.track('A', 'B', false, (_side, from, to) => seen.push(`${from}->${to}`), () => { gone++; });
    await k.poll();
    rows = { 'A|B': 'TIME_WAIT' };
    t.ended();
    await k.poll();
    expect(gone).toBe(0);
    rows = {};
    await k.poll();
    expect(seen).toEqual(['CLOSED->ESTABLISHED', 'ESTABLISHED->TIME_WAIT', 'TIME_WAIT->CLOSED']);
    expect(gone).toBe(1);
    t.stop(); // after it is gone: nothing more
    expect(gone).toBe(1);
    k.stop();
  });

  it('follows an ended connection for a bounded time only (a local peer may hold CLOSE_WAIT for ever)', async () => {
    const proc = fakeProc(() => ({ 'A|B': 'FIN_WAIT_2', 'B|A': 'CLOSE_WAIT' }));
    let t = 0;
    const k = createKernelStates(1_000_000, proc.read, () => t);
    let gone = 0;
    const tr = k.track('A', 'B', true, () => {}, () => { gone++; });
    await k.poll();
    t = 1000;
    tr.ended();
    t += FOLLOW_AFTER_END_MS - 1;
    await k.poll();
    expect(gone).toBe(0);
    t += 1;
    await k.poll();
    expect(gone).toBe(1);
    k.stop();
  });

  it('stop() ends a tracker at once and reports it gone, exactly once', async () => {
    const proc = fakeProc(() => ({ 'A|B': 'ESTABLISHED' }));
    const k = createKernelStates(1_000_000, proc.read);
    let gone = 0;
    const t = k.track('A', 'B', false, () => {}, () => { gone++; });
    await k.poll();
    t.stop();
    t.stop();
    expect(gone).toBe(1);
    k.stop();
  });

  it('polls only while something is tracked, and starts again for the next connection', async () => {
    let rows: Record<string, string> = {};
    const proc = fakeProc(() => rows);
    const k = createKernelStates(5, proc.read);
    try {
      await sleep(60);
      expect(proc.reads()).toBe(0);
      rows = { 'A|B': 'ESTABLISHED' };
      const gone: string[] = [];
      const t = k.track('A', 'B', false, () => {}, () => gone.push('A'));
      await sleep(60);
      expect(proc.reads()).toBeGreaterThan(2);
      rows = {};
      t.ended();
      await sleep(60);
      expect(gone).toEqual(['A']);
      const idle = proc.reads();
      await sleep(100);
      expect(proc.reads()).toBe(idle);
      rows = { 'C|D': 'ESTABLISHED' };
      const changes: string[] = [];
      k.track('C', 'D', false, (_s, _f, to) => changes.push(to), () => {});
      await sleep(60);
      expect(proc.reads()).toBeGreaterThan(idle);
      expect(changes).toEqual(['ESTABLISHED']);
    } finally {
      k.stop();
    }
  });
});

describe('kernel states through the bridge', () => {
  it('still reports a new connection\'s states after 200 fast connect+abort cycles', async () => {
    const echo = await echoServer();
    const bridge = await startBridgeProcess(['--allow', `127.0.0.1:${echo.port}`, '--limit', 'connectsPerSecond=100000']);
    try {
      const page = await openPage(bridge);
      for (let i = 0; i < 200; i++) {
        const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
        expect(await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port })).toMatchObject({ ok: true });
        expect(await page.op({ op: 'abort', sock: s.result })).toMatchObject({ ok: true });
      }
      const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
      expect(await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port })).toMatchObject({ ok: true });
      const states = () => page.events.filter((m) => m.ev === 'state' && m.sock === s.result).map((m) => `${(m as { side: string }).side}:${(m as { to: string }).to}`);
      await within(3000, () => states().length >= 2);
      expect(states()).toEqual(expect.arrayContaining(['local:ESTABLISHED', 'peer:ESTABLISHED']));
      page.ws.close();
      await page.closed;
    } finally {
      await bridge.stop();
      await echo.close();
    }
  }, 60_000);
});
