// Bridge traffic → the simulator's trace records, so every view works unchanged in Real mode.
import { describe, expect, it } from 'vitest';
import { BridgeTraceMapper } from '../../src/bridge/traceMapper';
import type { ClientMessage, ServerMessage } from '../../src/bridge/protocol';

const hello: ServerMessage = {
  ev: 'hello', t: 1000, version: 1, session: 1, allow: [], kernelStates: true, capture: true, classroom: false,
  limits: { maxPayload: 1, maxDataBytes: 1, maxSockets: 1, maxListeners: 1, maxUnclaimed: 1, connectsPerSecond: 1, maxBacklog: 1 },
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

function mapper() {
  let now = 0;
  const m = new BridgeTraceMapper({ now: () => now });
  m.incoming(hello);
  return { m, at: (ms: number) => { now = ms; } };
}

describe('operations the page performs', () => {
  it('become call, block and return records with the fd and BSD results (socket → fd, connect → 0)', () => {
    const { m, at } = mapper();
    at(2);
    const out = [
      ...m.outgoing({ op: 'socket', req: 1, type: 'stream' }),
      ...m.incoming({ ev: 'reply', t: 1003, req: 1, ok: true, result: 3 }),
      ...m.outgoing({ op: 'connect', req: 2, sock: 3, host: '127.0.0.1', port: 7 } as ClientMessage),
      ...m.incoming({ ev: 'pending', t: 1004, req: 2, waitingFor: 'handshake' }),
      ...m.incoming({ ev: 'reply', t: 1005, req: 2, ok: true, result: 0, local: '127.0.0.1:40000', remote: '127.0.0.1:7' }),
    ];
    expect(out).toEqual([
      { t: 2, type: 'call', host: 'local', op: 'socket', args: { type: 'stream' }, id: 1, prog: 0, step: 0 },
      { t: 3, type: 'return', host: 'local', op: 'socket', id: 1, prog: 0, step: 0, result: 3, sid: 3 },
      { t: 3, type: 'call', host: 'local', op: 'connect', args: { to: '127.0.0.1', port: 7 }, id: 2, prog: 0, step: 1, fd: 3, sid: 3 },
      { t: 4, type: 'block', host: 'local', op: 'connect', id: 2, prog: 0, step: 1, waitingFor: 'handshake' },
      { t: 5, type: 'return', host: 'local', op: 'connect', id: 2, prog: 0, step: 1, result: 0, sock: '127.0.0.1:40000->127.0.0.1:7' },
    ]);
  });

  it('a call made right after a reply never sorts before it (the reply time is rounded once)', () => {
    // 908.751 - 879.682 is 29.068999999999960 in floating point; the reply shows 29.069.
    let now = 0;
    const m = new BridgeTraceMapper({ now: () => now });
    m.incoming({ ...hello, t: 879.682 });
    m.outgoing({ op: 'socket', req: 1, type: 'stream' });
    const [ret] = m.incoming({ ev: 'reply', t: 908.751, req: 1, ok: true, result: 3 });
    now = 1; // the page's clock may lag behind the bridge's
    const [call] = m.outgoing({ op: 'connect', req: 2, sock: 3, host: '127.0.0.1', port: 7 } as ClientMessage);
    expect(ret.t).toBe(29.069);
    expect(call.t).toBeGreaterThanOrEqual(ret.t);
  });

  it('reports errors as errno names on the return', () => {
    const { m } = mapper();
    m.outgoing({ op: 'send', req: 9, sock: 3, data: b64('x') });
    expect(m.incoming({ ev: 'reply', t: 1001, req: 9, ok: false, code: 'EPIPE', syscall: 'send' })).toMatchObject([{ type: 'return', op: 'send', error: 'EPIPE' }]);
  });

  it('shows sent bytes as text and hex, never as markup', () => {
    const { m } = mapper();
    const [call] = m.outgoing({ op: 'send', req: 1, sock: 3, data: b64('<b>hi</b>\u0000') });
    expect(call).toMatchObject({ op: 'send', args: { data: '<b>hi</b>\u0000', bytes: 10, hex: '3c 62 3e 68 69 3c 2f 62 3e 00' } });
  });

  it('spells abort as SO_LINGER 0 then close, as a C program would', () => {
    const { m } = mapper();
    const out = m.outgoing({ op: 'abort', req: 5, sock: 3 });
    expect(out.map((r) => [r.type, (r as { op: string }).op])).toEqual([['call', 'setsockopt'], ['return', 'setsockopt'], ['call', 'close']]);
    expect(out[0]).toMatchObject({ args: { name: 'SO_LINGER', value: 0 }, fd: 3 });
    expect(m.incoming({ ev: 'reply', t: 1001, req: 5, ok: true, result: 0 })).toMatchObject([{ type: 'return', op: 'close', result: 0 }]);
  });

  it('maps manual recv to a RecvResult and EOF to 0 bytes', () => {
    const { m } = mapper();
    m.outgoing({ op: 'recv', req: 1, sock: 3, max: 100 });
    expect(m.incoming({ ev: 'reply', t: 1001, req: 1, ok: true, result: 2, data: b64('ok') })).toMatchObject([{ result: { bytes: 2, data: 'ok', hex: '6f 6b' } }]);
    m.outgoing({ op: 'recv', req: 2, sock: 3, max: 100 });
    expect(m.incoming({ ev: 'reply', t: 1002, req: 2, ok: true, result: 0, data: '' })).toMatchObject([{ result: { bytes: 0, data: '' } }]);
  });
});

describe('events the bridge reports', () => {
  it('auto-read bytes and EOF become recv call/return pairs; invalid UTF-8 stays data', () => {
    const { m } = mapper();
    const out = [...m.incoming({ ev: 'data', t: 1010, sock: 4, data: Buffer.from([0x68, 0xff, 0x1b]).toString('base64') }), ...m.incoming({ ev: 'eof', t: 1011, sock: 4 })];
    expect(out).toMatchObject([
      { type: 'call', op: 'recv', fd: 4, t: 10 },
      { type: 'return', op: 'recv', result: { bytes: 3, data: 'h\ufffd\u001b', hex: '68 ff 1b' } },
      { type: 'call', op: 'recv', fd: 4, t: 11 },
      { type: 'return', op: 'recv', result: { bytes: 0, data: '' } },
    ]);
  });

  it('keeps at most 4 KiB of each read as text and hex, and the full byte count', () => {
    const { m } = mapper();
    const [, ret] = m.incoming({ ev: 'data', t: 1010, sock: 4, data: Buffer.alloc(100_000, 0x41).toString('base64') });
    const r = (ret as { result: { bytes: number; data: string; hex: string } }).result;
    expect(r.bytes).toBe(100_000);
    expect(r.data).toBe(`${'A'.repeat(4096)}…`);
    expect(r.hex.split(' ')).toHaveLength(4096);
  });

  it('an asynchronous reset becomes a recv that fails with ECONNRESET', () => {
    const { m } = mapper();
    expect(m.incoming({ ev: 'error', t: 1001, sock: 3, code: 'ECONNRESET', syscall: 'recv' })).toMatchObject([{ type: 'call', op: 'recv' }, { type: 'return', error: 'ECONNRESET' }]);
  });

  it('kernel states become state records on the right lifeline', () => {
    const { m } = mapper();
    expect(m.incoming({ ev: 'state', t: 1001, sock: 3, side: 'local', local: '127.0.0.1:40000', remote: '127.0.0.1:7', from: 'ESTABLISHED', to: 'FIN_WAIT_2' }))
      .toEqual([{ t: 1, type: 'state', host: 'local', sock: '127.0.0.1:40000->127.0.0.1:7', sid: 3, from: 'ESTABLISHED', to: 'FIN_WAIT_2', cause: 'kernel', fd: 3 }]);
    const peer = m.incoming({ ev: 'state', t: 1002, sock: 3, side: 'peer', local: '127.0.0.1:7', remote: '127.0.0.1:40000', from: 'ESTABLISHED', to: 'CLOSE_WAIT' });
    expect(peer).toMatchObject([{ host: '127.0.0.1:7', sock: '127.0.0.1:7->127.0.0.1:40000', to: 'CLOSE_WAIT' }]);
    // The peer's end has no page id: it gets its own stable sid, distinct from every page socket.
    const again = m.incoming({ ev: 'state', t: 1003, sock: 3, side: 'peer', local: '127.0.0.1:7', remote: '127.0.0.1:40000', from: 'CLOSE_WAIT', to: 'LAST_ACK' });
    expect((again[0] as { sid: number }).sid).toBe((peer[0] as { sid: number }).sid);
    expect((peer[0] as { sid: number }).sid).not.toBe(3);
    expect(m.incoming({ ev: 'state', t: 1003, sock: 5, side: 'local', local: '127.0.0.1:6000', remote: '0.0.0.0:0', from: 'CLOSED', to: 'LISTEN' }))
      .toMatchObject([{ sock: '127.0.0.1:6000', to: 'LISTEN' }]);
  });

  it('captured segments get relative numbers, scaled windows and lifelines (RFC 7323 §2.2)', () => {
    const { m } = mapper();
    m.outgoing({ op: 'connect', req: 1, sock: 3, host: '127.0.0.1', port: 7 });
    const seg = (t: number, src: string, dst: string, flags: string[], seq: number, ack: number, win: number, len = 0, opts?: { wscale?: number }) =>
      m.incoming({ ev: 'segment', t, sock: 3, src, dst, flags: flags as never, seq, ack, len, win, ...(opts ? { opts } : {}) });
    const A = '127.0.0.1:40000'; const B = '127.0.0.1:7';
    const syn = seg(1001, A, B, ['SYN'], 4294967290, 0, 65495, 0, { wscale: 7 });
    const synAck = seg(1001, B, A, ['ACK', 'SYN'], 100, 4294967291, 65483, 0, { wscale: 7 });
    const ack = seg(1001, A, B, ['ACK'], 4294967291, 101, 512);
    const data = seg(1002, A, B, ['ACK', 'PSH'], 4294967291, 101, 512, 10);
    expect(syn[0]).toMatchObject({ event: 'send', rseq: 0, rack: 0, win: 65495, from: 'local', to: B });
    expect(syn[1]).toMatchObject({ event: 'deliver', id: (syn[0] as { id: number }).id });
    expect(synAck[0]).toMatchObject({ rseq: 0, rack: 1, win: 65483, from: B, to: 'local' });
    expect(ack[0]).toMatchObject({ rseq: 1, rack: 1, win: 512 * 128 });
    expect(data[0]).toMatchObject({ rseq: 1, len: 10 });
    const fin = seg(1003, A, B, ['ACK', 'FIN'], 4294967301 % 2 ** 32, 101, 512);
    expect(fin[0]).toMatchObject({ rseq: 11 }); // across the 2^32 wrap
  });

  it('UDP datagrams become datagram records plus a recvfrom naming the sender', () => {
    const { m } = mapper();
    expect(m.incoming({ ev: 'datagram', t: 1005, sock: 3, from: '127.0.0.1:5353', to: '127.0.0.1:6000', data: b64('q') })).toMatchObject([
      { type: 'datagram', event: 'deliver', src: '127.0.0.1:5353', dst: '127.0.0.1:6000', len: 1, from: '127.0.0.1:5353', to: 'local' },
      { type: 'call', op: 'recvfrom' },
      { type: 'return', op: 'recvfrom', result: { bytes: 1, data: 'q', from: '127.0.0.1:5353' } },
    ]);
  });
});
