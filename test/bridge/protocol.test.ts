// The shared schema: what the page may send, and that parsing never throws whatever arrives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DATA_BYTES, parseClientMessage, parseServerMessage } from '../../src/bridge/protocol';

const parse = (o: unknown) => parseClientMessage(JSON.stringify(o));

describe('client messages', () => {
  it('accepts every operation in its documented shape', () => {
    const good = [
      { op: 'socket', req: 1, type: 'stream' }, { op: 'socket', req: 1, type: 'dgram', read: 'manual' },
      { op: 'bind', req: 1, sock: 3, port: 0 }, { op: 'bind', req: 1, sock: 3, port: 8080, ip: '::1' },
      { op: 'listen', req: 1, sock: 3, backlog: 5 }, { op: 'accept', req: 1, sock: 3 },
      { op: 'connect', req: 1, sock: 3, host: 'example.com', port: 80 },
      { op: 'connect', req: 1, sock: 3, host: '[::1]', port: 80 },
      { op: 'send', req: 1, sock: 3, data: 'aGk=' }, { op: 'recv', req: 1, sock: 3, max: 10 },
      { op: 'sendto', req: 1, sock: 3, host: '127.0.0.1', port: 53, data: '' },
      { op: 'shutdown', req: 1, sock: 3, how: 'wr' }, { op: 'close', req: 1, sock: 3 }, { op: 'abort', req: 1, sock: 3 },
    ];
    for (const m of good) expect(parse(m), JSON.stringify(m)).toMatchObject({ ok: true, msg: m });
  });

  it('accepts a zero-length send (a zero-byte write, not EOF)', () => {
    expect(parse({ op: 'send', req: 1, sock: 3, data: '' })).toMatchObject({ ok: true });
  });

  it('rejects unknown fields, unknown operations and wrong types, keeping req when it is valid', () => {
    expect(parse({ op: 'close', req: 4, sock: 3, force: true })).toMatchObject({ ok: false, req: 4 });
    expect(parse({ op: 'spawn', req: 5 })).toMatchObject({ ok: false, req: 5 });
    expect(parse({ op: 'close', req: -1, sock: 3 })).toMatchObject({ ok: false, req: null });
    expect(parse({ op: 'close', req: 1, sock: 0 })).toMatchObject({ ok: false });
    expect(parse({ op: 'shutdown', req: 1, sock: 3, how: 'both' })).toMatchObject({ ok: false });
  });

  it('names the bad field in the reason', () => {
    const r = parse({ op: 'connect', req: 1, sock: 3, host: 'a b', port: 80 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^host: /);
  });

  it('caps the payload of one send at exactly MAX_DATA_BYTES (131,072) bytes', () => {
    expect(MAX_DATA_BYTES).toBe(131_072);
    const data = (n: number) => Buffer.alloc(n, 0xab).toString('base64');
    for (const op of [{ op: 'send', req: 1, sock: 3 }, { op: 'sendto', req: 1, sock: 3, host: '127.0.0.1', port: 7 }]) {
      expect(parse({ ...op, data: data(MAX_DATA_BYTES) }), op.op).toMatchObject({ ok: true });
      expect(parse({ ...op, data: data(MAX_DATA_BYTES - 1) }), op.op).toMatchObject({ ok: true });
      // One byte more has a base64 form of the same length as the maximum's (no padding): still refused.
      expect(data(MAX_DATA_BYTES + 1).length).toBe(data(MAX_DATA_BYTES).length);
      for (const n of [MAX_DATA_BYTES + 1, MAX_DATA_BYTES + 2, MAX_DATA_BYTES + 3]) {
        const r = parse({ ...op, data: data(n) });
        expect(r, `${op.op} ${n}`).toMatchObject({ ok: false });
        expect(!r.ok && r.reason).toMatch(/^data: at most 131072 bytes/);
      }
    }
  });

  it('never throws, whatever text arrives', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
      const r = parseClientMessage(text);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 500 });
  });

  it('never accepts an object with extra keys (fuzzed)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['op', 'req', 'sock'].includes(k)), fc.jsonValue(), (k, v) => {
      const m = JSON.parse(JSON.stringify({ op: 'close', req: 1, sock: 3 }));
      Object.defineProperty(m, k, { value: v, enumerable: true });
      expect(parseClientMessage(JSON.stringify(m)).ok).toBe(false);
    }), { numRuns: 200 });
  });
});

describe('server messages', () => {
  it('validates replies of both shapes and rejects a reply mixing them', () => {
    expect(parseServerMessage('{"ev":"reply","t":1,"req":1,"ok":true,"result":3}').ok).toBe(true);
    expect(parseServerMessage('{"ev":"reply","t":1,"req":null,"ok":false,"code":"EINVAL","syscall":"recvmsg"}').ok).toBe(true);
    expect(parseServerMessage('{"ev":"reply","t":1,"req":1,"ok":true,"result":3,"code":"EINVAL"}').ok).toBe(false);
    expect(parseServerMessage('{"ev":"reply","t":1,"req":1,"ok":false,"code":"<b>","syscall":"x"}').ok).toBe(false);
  });
});
