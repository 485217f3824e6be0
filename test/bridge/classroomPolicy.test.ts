// Black-box: in classroom mode a page may listen on a wildcard address (0.0.0.0 or ::) and connect
// to that listener through loopback. The wildcard covers only its own address family: a TCP
// listener on [::] is IPv6-only, a socket on 0.0.0.0 hears no IPv6. So a wildcard listener at
// port P must not let the page reach a foreign service on the *other* family's loopback at P
// (bridge-security.md §3: allowed targets are the session's own listeners and the allow-list).
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, openPage, sentinel, startBridgeProcess, until, type BridgeProc, type Counter, type Page } from './helpers';

let bridge: BridgeProc;
let page: Page;
let v6: boolean;
const NO_V6 = 'IPv6 loopback (::1) is not available on this machine';
const cleanup: Array<() => Promise<void> | void> = [];

function ipv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  v6 = await ipv6Loopback();
  bridge = await startBridgeProcess(['--classroom', '--limit', 'connectsPerSecond=1000']);
  page = await openPage(bridge);
}, 20_000);
afterAll(async () => {
  for (const f of cleanup.splice(0)) await f();
  await bridge?.stop();
});

async function stream(): Promise<number> {
  return ((await page.op({ op: 'socket', type: 'stream' })) as { result: number }).result;
}

/** A page listener on `ip` (port chosen by the kernel); returns its port. */
async function listenOn(ip: string): Promise<number> {
  const s = await stream();
  expect(await page.op({ op: 'bind', sock: s, port: 0, ip })).toMatchObject({ ok: true });
  const r = await page.op({ op: 'listen', sock: s, backlog: 4 });
  expect(r).toMatchObject({ ok: true });
  return Number((r as { local: string }).local.split(':').at(-1));
}

async function guardAt(host: string, port: number): Promise<Counter> {
  const g = await sentinel(host, port);
  cleanup.push(() => g.close());
  return g;
}

async function connect(host: string, port: number) {
  return page.op({ op: 'connect', sock: await stream(), host, port });
}

/** Lets a connection that slipped through reach the sentinel's accept before counting. */
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('classroom mode: a wildcard listener covers its own family only (§3)', () => {
  it('0.0.0.0:P does not open [::1]:P (a foreign IPv6 service stays unreachable)', async (ctx) => {
    ctx.skip(!v6, NO_V6);
    const port = await listenOn('0.0.0.0');
    const foreign = await guardAt('::1', port);
    for (const host of ['::1', '[::1]']) {
      expect(await connect(host, port), host).toMatchObject({ ok: false, code: 'EACCES', syscall: 'connect', reason: 'not-allowed' });
    }
    // The page's own listener is still reachable through IPv4 loopback.
    expect(await connect('127.0.0.1', port)).toMatchObject({ ok: true, remote: `127.0.0.1:${port}` });
    await settle();
    expect(foreign.count()).toBe(0);
    expect(bridge.alive()).toBe(true);
  });

  it('[::]:Q does not open 127.0.0.1:Q, however it is spelled', async (ctx) => {
    ctx.skip(!v6, NO_V6);
    const port = await listenOn('::');
    const foreign = await guardAt('127.0.0.1', port);
    for (const host of ['127.0.0.1', '::ffff:127.0.0.1', '2130706433']) {
      expect(await connect(host, port), host).toMatchObject({ ok: false, code: 'EACCES', syscall: 'connect' });
    }
    expect(await connect('::1', port)).toMatchObject({ ok: true, remote: `[::1]:${port}` });
    await settle();
    expect(foreign.count()).toBe(0);
    expect(bridge.alive()).toBe(true);
  });

  it('UDP: a socket bound to 0.0.0.0:R does not open [::1]:R', async (ctx) => {
    ctx.skip(!v6, NO_V6);
    const bound = ((await page.op({ op: 'socket', type: 'dgram' })) as { result: number }).result;
    const r = await page.op({ op: 'bind', sock: bound, port: 0, ip: '0.0.0.0' });
    expect(r).toMatchObject({ ok: true });
    const port = Number((r as { local: string }).local.split(':').at(-1));
    let heard = 0;
    const foreign: DgramSocket = createSocket({ type: 'udp6', ipv6Only: true });
    foreign.on('message', () => { heard++; });
    await new Promise<void>((resolve, reject) => { foreign.once('error', reject); foreign.bind(port, '::1', resolve); });
    cleanup.push(() => { foreign.close(); });
    const sender = ((await page.op({ op: 'socket', type: 'dgram' })) as { result: number }).result;
    expect(await page.op({ op: 'sendto', sock: sender, host: '::1', port, data: b64('x') }))
      .toMatchObject({ ok: false, code: 'EACCES', syscall: 'sendto', reason: 'not-allowed' });
    // Its own socket, through IPv4 loopback, is still a target.
    expect(await page.op({ op: 'sendto', sock: sender, host: '127.0.0.1', port, data: b64('own') })).toMatchObject({ ok: true });
    await until(() => page.events.some((m) => m.ev === 'datagram' && m.sock === bound));
    await settle();
    expect(heard).toBe(0);
  });
});
