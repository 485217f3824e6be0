// What recv() reports as text: `data` is the received bytes read as UTF-8 and `hex` appears when
// they are not valid UTF-8 — whether the bytes arrive as a view of the sender's text (ASCII, no
// copy) or are assembled from several segments.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import type { DataSpec, Scenario } from '../../../src/scenarios/schema';
import { isRecvResult, type RecvResult } from '../../../src/sim/trace/records';

function transfer(data: DataSpec[], mss: number, max: number, loss = 0): RecvResult[] {
  const sc: Scenario = {
    format: 'socketlab-scenario/1', seed: 11,
    network: { latency: 5, loss },
    tcp: { mss, retries: 30 },
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    programs: [
      { host: 'server', steps: [
        { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 1 },
        { op: 'accept', sock: 'l', as: 'c' }, { op: 'sleep', ms: 500 }, { op: 'recv', sock: 'c', max, until: 'eof' }, { op: 'close', sock: 'c' }] },
      { host: 'client', steps: [
        { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
        ...data.map((d) => ({ op: 'send' as const, sock: 's', data: d })), { op: 'close', sock: 's' }] },
    ],
  };
  return simulate(sc).trace.flatMap((r) => (r.type === 'return' && r.op === 'recv' && isRecvResult(r.result) && r.result.bytes > 0 ? [r.result] : []));
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const hexOf = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('recv() text', () => {
  it('ASCII text comes back exactly, in pieces of at most max bytes, without hex', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
    const got = transfer([text], 100, 333);
    expect(got.map((r) => r.data).join('')).toBe(text);
    for (const r of got) {
      expect(r.bytes).toBeLessThanOrEqual(333);
      expect(r.data.length).toBe(r.bytes);
      expect(r.hex).toBeUndefined();
    }
  });

  it('two sends read in one recv give both texts glued together', () => {
    const got = transfer(['HELLO', 'WORLD'], 1460, 1024);
    expect(got.map((r) => r.data).join('')).toBe('HELLOWORLD');
  });

  it('filler bytes cycle through the alphabet across the filler buffer\'s wrap (256 KiB), with loss and retransmission', () => {
    const n = 300_000;
    const got = transfer([{ bytes: n }], 1298, 7000, 0.02);
    const all = got.map((r) => r.data).join('');
    expect(all.length).toBe(n);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    expect(all).toBe(alphabet.repeat(Math.ceil(n / 26)).slice(0, n));
  });

  it('multi-byte UTF-8 is decoded; a character split between reads shows U+FFFD and the hex of the bytes', () => {
    const text = '套接字'.repeat(10); // 3 bytes a character, 90 bytes
    const got = transfer([text], 100, 16); // reads of 16 bytes split characters
    expect(got.reduce((n, r) => n + r.bytes, 0)).toBe(90);
    const bytes = utf8(text);
    let off = 0;
    for (const r of got) {
      const piece = bytes.subarray(off, off + r.bytes);
      off += r.bytes;
      expect(r.data).toBe(new TextDecoder().decode(piece));
      if (r.data.includes('\uFFFD')) expect(r.hex).toBe(hexOf(piece));
      else expect(r.hex).toBeUndefined();
    }
    expect(got.some((r) => r.hex !== undefined)).toBe(true);
  });
});
