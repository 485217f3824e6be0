// Black-box: the bridge runs as a child process; requests are handcrafted over raw sockets so the
// test controls Origin, Host and every header (bridge-security.md, "How to test it"). Every
// rejected upgrade must answer 403, reach no sentinel, and leave the bridge alive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { canonicalAddr, readProcNetTcp } from '../../src/bridge/kernelStates';
import { ORIGIN, openPage, rawUpgrade, sentinel, startBridgeProcess, until, type BridgeProc, type Counter } from './helpers';

let bridge: BridgeProc;
let guard: Counter;

beforeAll(async () => {
  guard = await sentinel();
  bridge = await startBridgeProcess(['--heartbeat-ms', '200', '--handshake-timeout-ms', '500', '--limit', 'maxSessions=2']);
});
afterAll(async () => {
  await bridge.stop();
  await guard.close();
});

const auth = () => `socketlab.v1, socketlab.auth.${bridge.secret}`;

describe('upgrade authentication (bridge-security.md §2)', () => {
  it('accepts the right Host, Origin and secret (the control case)', async () => {
    expect(await rawUpgrade(bridge.port, { Origin: ORIGIN, 'Sec-WebSocket-Protocol': auth() })).toBe(101);
  });

  const cases: Array<[string, () => Record<string, string | undefined>, string?]> = [
    ['a foreign Origin', () => ({ Origin: 'https://evil.example', 'Sec-WebSocket-Protocol': auth() })],
    ['a missing Origin', () => ({ 'Sec-WebSocket-Protocol': auth() })],
    ['Origin: null (sandboxed iframe, file://)', () => ({ Origin: 'null', 'Sec-WebSocket-Protocol': auth() })],
    ['an Origin differing only in port', () => ({ Origin: 'http://app.test:5174', 'Sec-WebSocket-Protocol': auth() })],
    ['an Origin differing only in scheme', () => ({ Origin: 'https://app.test:5173', 'Sec-WebSocket-Protocol': auth() })],
    ['the Origin of the bridge\'s own Host name spelled as "any localhost"', () => ({ Origin: 'http://localhost:1', 'Sec-WebSocket-Protocol': auth() })],
    ['a wrong secret', () => ({ Origin: ORIGIN, 'Sec-WebSocket-Protocol': `socketlab.v1, socketlab.auth.${'0'.repeat(64)}` })],
    ['a secret one character short', () => ({ Origin: ORIGIN, 'Sec-WebSocket-Protocol': `socketlab.v1, socketlab.auth.${bridge.secret.slice(1)}` })],
    ['a missing secret', () => ({ Origin: ORIGIN, 'Sec-WebSocket-Protocol': 'socketlab.v1' })],
    ['no subprotocol at all', () => ({ Origin: ORIGIN })],
    ['two secret entries', () => ({ Origin: ORIGIN, 'Sec-WebSocket-Protocol': `${auth()}, socketlab.auth.${'1'.repeat(64)}` })],
    ['DNS rebinding: a consistent but foreign Host/Origin pair', () => ({
      Host: `evil.example:${bridge.port}`, Origin: `http://evil.example:${bridge.port}`, 'Sec-WebSocket-Protocol': auth(),
    })],
    ['a Host with the wrong port', () => ({ Host: `127.0.0.1:${bridge.port + 1}`, Origin: ORIGIN, 'Sec-WebSocket-Protocol': auth() })],
    ['a Host without a port', () => ({ Host: '127.0.0.1', Origin: ORIGIN, 'Sec-WebSocket-Protocol': auth() })],
    ['a missing Host', () => ({ Host: undefined, Origin: ORIGIN, 'Sec-WebSocket-Protocol': auth() })],
    ['WebSocket version 8 (Sec-WebSocket-Origin era)', () => ({ 'Sec-WebSocket-Version': '8', 'Sec-WebSocket-Origin': ORIGIN, 'Sec-WebSocket-Protocol': auth() })],
  ];
  for (const [name, headers] of cases) {
    it(`rejects ${name} with 403`, async () => {
      expect(await rawUpgrade(bridge.port, headers())).toBe(403);
      expect(guard.count()).toBe(0);
      expect(bridge.alive()).toBe(true);
    });
  }

  it('rejects the secret in the query string (it must never travel in a URL)', async () => {
    expect(await rawUpgrade(bridge.port, { Origin: ORIGIN, 'Sec-WebSocket-Protocol': 'socketlab.v1' }, `/socketlab?bridgeKey=${bridge.secret}`)).toBe(403);
    expect(await rawUpgrade(bridge.port, { Origin: ORIGIN, 'Sec-WebSocket-Protocol': auth() }, `/socketlab?x=1`)).toBe(403);
  });

  it('never writes the secret to its log, even when it is sent where it does not belong', async () => {
    await rawUpgrade(bridge.port, { Origin: `http://${bridge.secret}.example`, 'Sec-WebSocket-Protocol': auth() });
    expect(bridge.stderr()).toContain('upgrade-rejected');
    expect(bridge.stderr()).not.toContain(bridge.secret.slice(0, 16));
  });

  it('escapes control characters from headers in its log (no terminal escapes)', async () => {
    // Node's parser refuses C0 controls in headers, but bytes ≥ 0x80 pass as latin1: 0x9b is
    // the C1 CSI, which many terminals obey like ESC [.
    // A bridge of its own: the shared one's log is rate-limited (20 lines/s) and the rejections
    // above may have used the budget, which would silently drop the line this test looks for.
    const own = await startBridgeProcess([]);
    try {
      expect(await rawUpgrade(own.port, { Origin: 'http://x\u009b31m.example', 'Sec-WebSocket-Protocol': `socketlab.v1, socketlab.auth.${own.secret}` })).toBe(403);
      await until(() => own.stderr().includes('x\\x9b31m'));
      expect(own.stderr()).not.toContain('\u009b');
    } finally {
      await own.stop();
    }
  });

  it('answers the chosen subprotocol without echoing the secret entry', async () => {
    const ws = new WebSocket(bridge.wsUrl, ['socketlab.v1', `socketlab.auth.${bridge.secret}`], { origin: ORIGIN });
    await new Promise((r) => ws.on('open', r));
    expect(ws.protocol).toBe('socketlab.v1');
    ws.close();
    await new Promise((r) => ws.on('close', r));
  });

  it('drops a client that never finishes its upgrade request (handshake timeout)', async () => {
    const { createConnection } = await import('node:net');
    const s = createConnection(bridge.port, '127.0.0.1');
    s.on('error', () => {});
    s.write('GET /socketlab HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // …and nothing more
    await new Promise((r) => s.on('close', r));
    expect(bridge.alive()).toBe(true);
  });

  it('caps the number of sessions (503 beyond the cap)', async () => {
    const a = await openPage(bridge);
    const b = await openPage(bridge);
    expect(await rawUpgrade(bridge.port, { Origin: ORIGIN, 'Sec-WebSocket-Protocol': auth() })).toBe(503);
    a.ws.close(); b.ws.close();
    await Promise.all([a.closed, b.closed]);
  });

  it('terminates a page that stops answering pings (heartbeat)', async () => {
    const page = await openPage(bridge);
    const sock = (page.ws as unknown as { _socket: Socket })._socket;
    // Stop reading, so no pong goes back: as if the tab froze or the machine vanished.
    sock.pause();
    const key = `${canonicalAddr(sock.localAddress!, sock.localPort!)}|${canonicalAddr('127.0.0.1', bridge.port)}`;
    // The bridge gives up on us: our end of the connection sees its FIN (CLOSE_WAIT) or RST.
    await until(async () => (await readProcNetTcp()).get(key)?.state !== 'ESTABLISHED', 50);
    sock.resume();
    const { code } = await page.closed;
    expect(code).toBe(1006); // no close frame: terminated
    expect(bridge.alive()).toBe(true);
  });
});
