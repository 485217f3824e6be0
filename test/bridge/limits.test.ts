// Black-box: the caps of bridge-security.md §4 and §6 (sockets, listeners, unclaimed
// connections, connects per second), and memory and cleanup under hostile conditions (§6, §7):
// a flood from a fast peer to a page that stops reading, and a page that vanishes without a
// close frame.
import { createConnection, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProcNetTcp } from '../../src/bridge/kernelStates';
import { b64, echoServer, openPage, sentinel, startBridgeProcess, until, within, type BridgeProc, type Counter, type Echo, type Page } from './helpers';

let small: BridgeProc;
let echo: Echo;
let guard: Counter;

beforeAll(async () => {
  echo = await echoServer();
  guard = await sentinel();
  small = await startBridgeProcess([
    '--allow', `127.0.0.1:${echo.port}`,
    '--limit', 'maxSockets=8', '--limit', 'maxListeners=2', '--limit', 'maxUnclaimed=2', '--limit', 'connectsPerSecond=3',
  ]);
}, 20_000);
afterAll(async () => {
  await small.stop();
  await Promise.all([echo.close(), guard.close()]);
});

describe('caps (§4, §6)', () => {
  it('refuses the socket beyond the per-session cap with EMFILE', async () => {
    const page = await openPage(small);
    const replies = [];
    for (let i = 0; i < 9; i++) replies.push(await page.op({ op: 'socket', type: 'stream' }));
    expect(replies.slice(0, 8).every((r) => r.ok)).toBe(true);
    expect(replies[8]).toMatchObject({ ok: false, code: 'EMFILE', reason: 'socket-limit' });
    page.ws.close();
  });

  it('refuses the listener beyond the per-session cap with EMFILE', async () => {
    const page = await openPage(small);
    const results = [];
    for (let i = 0; i < 3; i++) {
      const s = await page.op({ op: 'socket', type: 'stream' });
      results.push(await page.op({ op: 'listen', sock: s.ok ? s.result : 0, backlog: 4 }));
    }
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ code: 'EMFILE', reason: 'listener-limit' });
    page.ws.close();
  });

  it('limits connects per second (EAGAIN), without contacting anyone for the refused ones', async () => {
    const page = await openPage(small);
    const before = echo.count();
    const socks = [];
    for (let i = 0; i < 6; i++) socks.push(((await page.op({ op: 'socket', type: 'stream' })) as { result: number }).result);
    const replies = await Promise.all(socks.map((sock) => page.op({ op: 'connect', sock, host: '127.0.0.1', port: echo.port })));
    const refused = replies.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const r of refused) expect(r).toMatchObject({ code: 'EAGAIN', reason: 'rate-limit' });
    await until(() => echo.count() - before === replies.length - refused.length);
    expect(guard.count()).toBe(0);
    page.ws.close();
  });

  it('resets connections beyond the accepted-but-unclaimed cap', async () => {
    const page = await openPage(small);
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    const l = await page.op({ op: 'listen', sock: s.result, backlog: 8 });
    const port = Number((l as { local: string }).local.split(':')[1]);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => new Promise<string>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' });
      c.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'));
      c.on('connect', () => { c.write('hi'); });
      c.on('close', () => resolve('closed'));
      setTimeout(() => { resolve('open'); c.destroy(); }, 1500).unref();
    })));
    const refused = page.events.filter((m) => m.ev === 'refused' && m.sock === s.result);
    expect(refused.length).toBe(3);
    expect(outcomes.filter((o) => o === 'ECONNRESET').length).toBe(3);
    expect(outcomes.filter((o) => o === 'open').length).toBe(2);
    expect(page.events.filter((m) => m.ev === 'incoming').every((m) => (m as { queued: number }).queued <= 2)).toBe(true);
    page.ws.close();
  });
});

describe('hostile conditions (§6, §7)', () => {
  it('keeps memory bounded when a fast peer floods a page that stops reading, and loses no byte', async () => {
    const flood = await startFlood();
    const bridge = await startBridgeProcess(['--allow', `127.0.0.1:${flood.port}`]);
    try {
      const page = await openPage(bridge);
      const baseline = bridge.rssKb();
      const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
      const wsSock = (page.ws as unknown as { _socket: Socket })._socket;
      wsSock.pause(); // the page stops reading
      page.ws.send(JSON.stringify({ op: 'connect', req: 1, sock: s.result, host: '127.0.0.1', port: flood.port }));
      // Wait until the peer can write no more: every buffer on the way is full.
      let last = -1; let still = 0;
      await until(() => { const n = flood.sent(); still = n === last ? still + 1 : 0; last = n; return n > 0 && still >= 10; }, 100);
      const grownMb = (bridge.rssKb() - baseline) / 1024;
      const sentMb = flood.sent() / 2 ** 20;
      expect(grownMb).toBeLessThan(64);
      expect(sentMb).toBeLessThan(128);
      expect(bridge.alive()).toBe(true);
      // Now read everything: every byte the peer wrote arrives, in order.
      flood.stop();
      let got = 0; let inOrder = true;
      page.ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.ev !== 'data') return;
        const bytes = Buffer.from(m.data, 'base64');
        for (let i = 0; i < bytes.length; i++) if (bytes[i] !== (got + i) % 251) { inOrder = false; break; }
        got += bytes.length;
      });
      wsSock.resume();
      await until(() => got >= flood.sent());
      expect(got).toBe(flood.sent());
      expect(inOrder).toBe(true);
      page.ws.close();
    } finally {
      await bridge.stop();
      await flood.close();
    }
  }, 60_000);

  it('destroys every socket and listener of a page that vanishes without a close frame', async () => {
    const page = await openPage(small);
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port });
    const l = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    const port = Number(((await page.op({ op: 'listen', sock: l.result, backlog: 4 })) as { local: string }).local.split(':')[1]);
    await until(() => echo.sockets.size > 0);
    const closesBefore = echo.events.filter((e) => e === 'close').length;
    (page.ws as unknown as { _socket: Socket })._socket.destroy(); // no close frame, just gone
    await until(() => echo.events.filter((e) => e === 'close').length > closesBefore);
    const refused = await new Promise<string>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' });
      c.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? ''));
      c.on('connect', () => { c.destroy(); resolve('connected'); });
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(small.alive()).toBe(true);
    expect(guard.count()).toBe(0);
  });
});

describe('a socket the page closed while its peer does not read (§6)', () => {
  /** Connects to a peer that never reads, sends until the bridge answers EAGAIN, then closes. */
  async function closeWithUnsentBytes(page: Page, port: number) {
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    const c = await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port });
    expect(c).toMatchObject({ ok: true });
    const chunk = b64(Buffer.alloc(128 * 1024, 0x61));
    for (let i = 0; ; i++) {
      const r = await page.op({ op: 'send', sock: s.result, data: chunk });
      if (!r.ok) { expect(r).toMatchObject({ code: 'EAGAIN', reason: 'buffer-full' }); break; }
      expect(i).toBeLessThan(2000);
    }
    expect(await page.op({ op: 'close', sock: s.result })).toMatchObject({ ok: true });
    const local = (c as { local: string }).local;
    const remote = `127.0.0.1:${port}`;
    /** Is either end of that connection still in the kernel's table? */
    const inKernel = async () => { const t = await readProcNetTcp(); return t.has(`${local}|${remote}`) || t.has(`${remote}|${local}`); };
    return { inKernel };
  }

  it('is reset when the session ends, and counts toward maxSockets until then', async () => {
    const peer = await silentPeer();
    const bridge = await startBridgeProcess(['--allow', `127.0.0.1:${peer.port}`, '--limit', 'maxSockets=2']);
    try {
      const page = await openPage(bridge);
      const conn = await closeWithUnsentBytes(page, peer.port);
      await new Promise((r) => setTimeout(r, 300));
      expect(await conn.inKernel()).toBe(true); // still flushing: the default linger is 30 s
      expect(await page.op({ op: 'socket', type: 'stream' })).toMatchObject({ ok: true });
      expect(await page.op({ op: 'socket', type: 'stream' })).toMatchObject({ ok: false, code: 'EMFILE', reason: 'socket-limit' });
      page.ws.close();
      await page.closed;
      // A reset, not a FIN queued behind bytes the peer will never read: both ends leave the table.
      expect(await within(5000, async () => !(await conn.inKernel()))).toBe(true);
      expect(await peer.firstError()).toBe('ECONNRESET');
      expect(bridge.alive()).toBe(true);
    } finally {
      await bridge.stop();
      await peer.close();
    }
  }, 60_000);

  it('is reset after the linger timeout (limit closeLingerMs) while the page stays', async () => {
    const peer = await silentPeer();
    const bridge = await startBridgeProcess(['--allow', `127.0.0.1:${peer.port}`, '--limit', 'maxSockets=2', '--limit', 'closeLingerMs=1000']);
    try {
      const page = await openPage(bridge);
      const conn = await closeWithUnsentBytes(page, peer.port);
      expect(await conn.inKernel()).toBe(true);
      expect(await within(6000, async () => !(await conn.inKernel()))).toBe(true);
      expect(await peer.firstError()).toBe('ECONNRESET');
      // Its place under maxSockets is free again.
      expect(await page.op({ op: 'socket', type: 'stream' })).toMatchObject({ ok: true });
      expect(await page.op({ op: 'socket', type: 'stream' })).toMatchObject({ ok: true });
      expect(page.ws.readyState).toBe(page.ws.OPEN);
      page.ws.close();
    } finally {
      await bridge.stop();
      await peer.close();
    }
  }, 60_000);
});

/** A peer that accepts and never reads. */
async function silentPeer() {
  const conns = new Set<Socket>();
  const errors: string[] = [];
  const server = createServer({ pauseOnConnect: true }, (c) => {
    conns.add(c);
    c.on('error', (e) => errors.push((e as NodeJS.ErrnoException).code ?? 'error'));
    c.on('close', () => conns.delete(c));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    /** Writes to the connection and reports the error the write gets. */
    firstError: async () => {
      for (const c of conns) c.write('x');
      await until(() => errors.length > 0);
      return errors[0];
    },
    close: () => new Promise<void>((r) => { for (const c of conns) c.destroy(); server.close(() => r()); }),
  };
}

/** A peer that writes a numbered byte pattern as fast as the connection takes it. */
async function startFlood() {
  let sent = 0;
  let stopped = false;
  const conns = new Set<Socket>();
  const chunk = Buffer.alloc(65536);
  const server = createServer((c) => {
    conns.add(c);
    c.on('error', () => {});
    const pump = () => {
      while (!stopped) {
        for (let i = 0; i < chunk.length; i++) chunk[i] = (sent + i) % 251;
        sent += chunk.length;
        if (!c.write(Buffer.from(chunk))) { c.once('drain', pump); return; }
      }
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    sent: () => sent,
    stop: () => { stopped = true; },
    close: () => new Promise<void>((r) => { for (const c of conns) c.destroy(); server.close(() => r()); }),
  };
}


