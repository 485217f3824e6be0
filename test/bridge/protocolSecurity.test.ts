// Black-box: an authenticated page that misbehaves. Frame abuse, malformed and unknown messages,
// bad hosts and ports, targets outside the allow-list (including every spelling of loopback),
// the bridge's own port. Each rejection must carry the right errno or close code, reach no
// sentinel, and leave the bridge alive (bridge-security.md §3, §5, §6).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, echoServer, openPage, sentinel, startBridgeProcess, until, type BridgeProc, type Counter, type Echo, type Page } from './helpers';

let bridge: BridgeProc;
let guard: Counter;
let guard6: Counter;
let echo: Echo;
let page: Page;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  guard = await sentinel();
  guard6 = await sentinel('::1');
  echo = await echoServer();
  const own = await freePort();
  // The bridge's own port is listed on purpose: it must stay denied anyway.
  bridge = await startBridgeProcess([
    '--port', String(own), '--allow', `127.0.0.1:${echo.port}`, '--allow', `127.0.0.1:${own}`,
    '--limit', 'connectsPerSecond=1000', '--limit', 'maxSockets=1000',
  ]);
  page = await openPage(bridge);
}, 20_000);
afterAll(async () => {
  await bridge.stop();
  await Promise.all([guard.close(), guard6.close(), echo.close()]);
});

const noBreach = () => {
  expect(guard.count()).toBe(0);
  expect(guard6.count()).toBe(0);
  expect(bridge.alive()).toBe(true);
};

async function connectTo(host: unknown, port: unknown) {
  const s = await page.op({ op: 'socket', type: 'stream' });
  return page.op({ op: 'connect', sock: s.ok ? s.result : 0, host, port });
}

describe('targets outside the allow-list are denied on resolved addresses (§3)', () => {
  const loopbackSpellings = [
    '127.0.0.1', 'localhost', 'LOCALHOST', '0x7f000001', '2130706433', '127.1', '127.0.1',
    '0177.0.0.1', '017700000001', '0x7f.1', '127.0.0.2', '::ffff:127.0.0.1', '[::ffff:127.0.0.1]',
    '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '::127.0.0.1',
  ];
  for (const host of loopbackSpellings) {
    it(`denies ${host} at a port nobody allowed (EACCES)`, async () => {
      const r = await connectTo(host, guard.port);
      expect(r).toMatchObject({ ok: false, code: 'EACCES', syscall: 'connect' });
      noBreach();
    });
  }

  it('denies IPv6 loopback at a port nobody allowed', async () => {
    expect(await connectTo('::1', guard6.port)).toMatchObject({ ok: false, code: 'EACCES' });
    expect(await connectTo('[::1]', guard6.port)).toMatchObject({ ok: false, code: 'EACCES' });
    noBreach();
  });

  for (const host of ['0', '0.0.0.0', '::', '[::]', '0x0']) {
    it(`denies the unspecified address ${host}, even at an allowed port`, async () => {
      expect(await connectTo(host, echo.port)).toMatchObject({ ok: false, code: 'EACCES', reason: 'unspecified-address' });
      noBreach();
    });
  }

  for (const host of ['169.254.169.254', '::ffff:169.254.169.254', 'fe80::1', '224.0.0.1', '255.255.255.255', 'ff02::1', '64:ff9b::a9fe:a9fe', 'fd00:ec2::254']) {
    it(`denies link-local/metadata/multicast/broadcast ${host}`, async () => {
      expect(await connectTo(host, 80)).toMatchObject({ ok: false, code: 'EACCES', reason: 'special-address' });
      noBreach();
    });
  }

  it('denies the bridge\'s own port even when it is on the allow-list', async () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '2130706433']) {
      expect(await connectTo(host, bridge.port)).toMatchObject({ ok: false, code: 'EACCES', reason: 'bridge-port' });
    }
    noBreach();
  });

  it('allows the listed target, whichever spelling resolves to it, and nothing else', async () => {
    const before = echo.count();
    for (const host of ['127.0.0.1', '0x7f000001', '::ffff:127.0.0.1']) {
      expect(await connectTo(host, echo.port)).toMatchObject({ ok: true, remote: `127.0.0.1:${echo.port}` });
    }
    // The server counts a connection when its accept runs, which may come after our connect returns.
    await until(() => echo.count() - before >= 3);
    expect(echo.count() - before).toBe(3);
    noBreach();
  });

  it('answers EHOSTUNREACH for a name that does not resolve, and contacts nobody', async () => {
    expect(await connectTo('no-such-host.invalid', guard.port)).toMatchObject({ ok: false, code: 'EHOSTUNREACH' });
    noBreach();
  });

  it('applies the same policy to UDP sendto', async () => {
    const s = await page.op({ op: 'socket', type: 'dgram' });
    for (const host of ['127.0.0.1', '2130706433', '255.255.255.255', '224.0.0.251']) {
      expect(await page.op({ op: 'sendto', sock: s.ok && s.result, host, port: guard.port, data: b64('x') })).toMatchObject({ ok: false, code: 'EACCES' });
    }
    noBreach();
  });
});

describe('bad hosts and ports are EINVAL (§5)', () => {
  const hosts: unknown[] = ['', 'a b', 'http://x', 'x/y', '127.0.0.1:80', 'x'.repeat(300), '-bad', 'a..b', '[127.0.0.1', 'ünï.example', 5, null, ['127.0.0.1']];
  for (const host of hosts) {
    it(`rejects host ${JSON.stringify(host)?.slice(0, 40)}`, async () => {
      expect(await connectTo(host, echo.port)).toMatchObject({ ok: false, code: 'EINVAL' });
      noBreach();
    });
  }
  for (const port of [0, -1, 65536, 1.5, '80', null, 1e20]) {
    it(`rejects port ${JSON.stringify(port)}`, async () => {
      expect(await connectTo('127.0.0.1', port)).toMatchObject({ ok: false, code: 'EINVAL' });
      noBreach();
    });
  }
});

describe('strict messages: unknown operations and fields are EINVAL, never exceptions (§5)', () => {
  const raw = async (text: string) => {
    const n = page.events.length;
    page.ws.send(text);
    return page.next((m) => page.events.indexOf(m) >= n && m.ev === 'reply');
  };
  it('answers malformed JSON with EINVAL (req null)', async () => {
    expect(await raw('{"op":"socket",')).toMatchObject({ ok: false, code: 'EINVAL', req: null, reason: 'malformed JSON' });
  });
  it('answers a JSON array, a string and null with EINVAL', async () => {
    for (const t of ['[]', '"socket"', 'null', '42']) expect(await raw(t)).toMatchObject({ ok: false, code: 'EINVAL' });
  });
  it('answers an unknown operation with EINVAL, echoing its req', async () => {
    expect(await page.op({ op: 'exec', cmd: 'rm -rf /' , req: 7 })).toMatchObject({ ok: false, code: 'EINVAL', req: 7 });
  });
  it('answers an unknown field on a known operation with EINVAL', async () => {
    expect(await page.op({ op: 'socket', type: 'stream', reuse: true })).toMatchObject({ ok: false, code: 'EINVAL' });
  });
  it('answers a __proto__ key with EINVAL (no prototype pollution)', async () => {
    expect(await raw('{"op":"socket","req":9,"type":"stream","__proto__":{"polluted":1}}')).toMatchObject({ ok: false, code: 'EINVAL', req: 9 });
    expect(await raw('{"op":"socket","req":10,"type":"stream","constructor":{"prototype":{}}}')).toMatchObject({ ok: false, code: 'EINVAL', req: 10 });
  });
  it('answers data that is not base64 with EINVAL', async () => {
    const s = await page.op({ op: 'socket', type: 'stream' });
    expect(await page.op({ op: 'send', sock: s.ok && s.result, data: 'not base64!' })).toMatchObject({ ok: false, code: 'EINVAL' });
  });
  it('answers a binary frame with EINVAL', async () => {
    const n = page.events.length;
    page.ws.send(Buffer.from('{"op":"socket","req":1,"type":"stream"}'), { binary: true });
    expect(await page.next((m) => page.events.indexOf(m) >= n && m.ev === 'reply')).toMatchObject({ ok: false, code: 'EINVAL' });
  });
  it('answers operations out of order with errno replies', async () => {
    const sock = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    const d = await page.op({ op: 'socket', type: 'dgram' }) as { result: number };
    expect(await page.op({ op: 'send', sock: 999999, data: b64('x') })).toMatchObject({ ok: false, code: 'EBADF' });
    expect(await page.op({ op: 'send', sock: sock.result, data: b64('x') })).toMatchObject({ ok: false, code: 'ENOTCONN' });
    expect(await page.op({ op: 'shutdown', sock: sock.result, how: 'wr' })).toMatchObject({ ok: false, code: 'ENOTCONN' });
    expect(await page.op({ op: 'accept', sock: sock.result })).toMatchObject({ ok: false, code: 'EINVAL' });
    expect(await page.op({ op: 'listen', sock: d.result, backlog: 5 })).toMatchObject({ ok: false, code: 'EOPNOTSUPP' });
    expect(await page.op({ op: 'send', sock: d.result, data: b64('x') })).toMatchObject({ ok: false, code: 'EDESTADDRREQ' });
    expect(await page.op({ op: 'close', sock: sock.result })).toMatchObject({ ok: true });
    expect(await page.op({ op: 'close', sock: sock.result })).toMatchObject({ ok: false, code: 'EBADF' });
    const again = await page.op({ op: 'socket', type: 'stream' }) as { result: number };
    expect(again.result).toBeGreaterThan(d.result); // ids are never reused
  });
  it('answers send after shutdown(SHUT_WR) with EPIPE and connect twice with EISCONN', async () => {
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    expect(await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port })).toMatchObject({ ok: true });
    expect(await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port })).toMatchObject({ ok: false, code: 'EISCONN' });
    expect(await page.op({ op: 'recv', sock: s.result, max: 10 })).toMatchObject({ ok: false, code: 'EINVAL' });
    expect(await page.op({ op: 'shutdown', sock: s.result, how: 'wr' })).toMatchObject({ ok: true });
    expect(await page.op({ op: 'send', sock: s.result, data: b64('late') })).toMatchObject({ ok: false, code: 'EPIPE' });
    noBreach();
  });
  it('takes a send of exactly 131,072 bytes and refuses 131,073 with EINVAL, writing nothing', async () => {
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    expect(await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port })).toMatchObject({ ok: true });
    const over = await page.op({ op: 'send', sock: s.result, data: Buffer.alloc(131_073, 1).toString('base64') });
    expect(over).toMatchObject({ ok: false, code: 'EINVAL', reason: expect.stringMatching(/^data: at most 131072 bytes/) });
    expect(await page.op({ op: 'send', sock: s.result, data: Buffer.alloc(131_072, 2).toString('base64') })).toMatchObject({ ok: true, result: 131_072 });
    // The echo returns exactly the accepted bytes: none of the refused message got through.
    let got = 0;
    await until(() => {
      got = page.events.filter((m) => m.ev === 'data' && m.sock === s.result).reduce((n, m) => n + Buffer.from((m as { data: string }).data, 'base64').length, 0);
      return got >= 131_072;
    });
    await new Promise((r) => setTimeout(r, 100));
    const bytes = page.events.filter((m) => m.ev === 'data' && m.sock === s.result).map((m) => Buffer.from((m as { data: string }).data, 'base64'));
    expect(Buffer.concat(bytes).equals(Buffer.alloc(131_072, 2))).toBe(true);
    await page.op({ op: 'close', sock: s.result });
    noBreach();
  });
  it('treats a zero-length send as a zero-byte write, never as EOF', async () => {
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port });
    const endsBefore = echo.events.filter((e) => e === 'end').length;
    expect(await page.op({ op: 'send', sock: s.result, data: '' })).toMatchObject({ ok: true, result: 0 });
    expect(await page.op({ op: 'send', sock: s.result, data: b64('after') })).toMatchObject({ ok: true, result: 5 });
    const echoed = await page.next((m) => m.ev === 'data' && m.sock === s.result);
    expect(Buffer.from((echoed as { data: string }).data, 'base64').toString()).toBe('after');
    expect(echo.events.filter((e) => e === 'end').length).toBe(endsBefore);
  });
});

describe('listening is loopback-only, unprivileged and bounded (§4)', () => {
  it('refuses ports below 1024, non-loopback addresses and names', async () => {
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    expect(await page.op({ op: 'bind', sock: s.result, port: 80 })).toMatchObject({ ok: false, code: 'EACCES', reason: 'privileged-port' });
    expect(await page.op({ op: 'bind', sock: s.result, port: 5000, ip: '0.0.0.0' })).toMatchObject({ ok: false, code: 'EACCES', reason: 'loopback-only' });
    expect(await page.op({ op: 'bind', sock: s.result, port: 5000, ip: '10.1.2.3' })).toMatchObject({ ok: false, code: 'EACCES' });
    expect(await page.op({ op: 'bind', sock: s.result, port: 5000, ip: 'localhost' })).toMatchObject({ ok: false, code: 'EINVAL' });
    noBreach();
  });
  it('clamps a huge backlog', async () => {
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    const r = await page.op({ op: 'listen', sock: s.result, backlog: 1_000_000 });
    expect(r).toMatchObject({ ok: true, backlog: 64 });
    expect((r as { local: string }).local).toMatch(/^127\.0\.0\.1:\d+$/);
    await page.op({ op: 'close', sock: s.result });
  });
});

describe('frame abuse closes the connection with the right code (§6)', () => {
  it('closes with 1009 on a message over maxPayload, and the bridge lives on', async () => {
    const p = await openPage(bridge);
    p.ws.send(JSON.stringify({ op: 'send', req: 1, sock: 3, data: 'A'.repeat(300 * 1024) }));
    expect((await p.closed).code).toBe(1009);
    noBreach();
  });
  it('closes with 1008 on a message split into too many fragments', async () => {
    const p = await openPage(bridge);
    for (let i = 0; i < 40; i++) p.ws.send('{', { fin: false });
    p.ws.send('}', { fin: true });
    expect((await p.closed).code).toBe(1008);
    noBreach();
  });
  it('closes with 1007 on a text frame that is not UTF-8', async () => {
    const p = await openPage(bridge);
    (p.ws as unknown as { _sender: { sendFrame(list: Buffer[], cb?: () => void): void } })._sender.sendFrame(
      [Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xff, 0xfe])],
    );
    expect((await p.closed).code).toBe(1007);
    noBreach();
  });
});
