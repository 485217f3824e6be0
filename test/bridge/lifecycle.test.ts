// Clean shutdown (bridge-security.md §11) and the app served from the bridge's own origin.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { b64, echoServer, openPage, startBridgeProcess } from './helpers';

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('clean shutdown on SIGTERM (§11)', () => {
  it('closes pages with 1001, destroys sockets and listeners, and exits 0', async () => {
    const echo = await echoServer();
    const bridge = await startBridgeProcess(['--allow', `127.0.0.1:${echo.port}`]);
    const page = await openPage(bridge);
    const s = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    await page.op({ op: 'connect', sock: s.result, host: '127.0.0.1', port: echo.port });
    await page.op({ op: 'send', sock: s.result, data: b64('x') });
    const l = (await page.op({ op: 'socket', type: 'stream' })) as { result: number };
    const port = Number(((await page.op({ op: 'listen', sock: l.result, backlog: 2 })) as { local: string }).local.split(':')[1]);
    const closesBefore = echo.events.filter((e) => e === 'close').length;
    const code = await bridge.stop();
    expect(code).toBe(0);
    expect((await page.closed).code).toBe(1001);
    expect(echo.events.filter((e) => e === 'close').length).toBeGreaterThan(closesBefore);
    const refused = await new Promise<string>((resolve) => {
      const c = createConnection(port, '127.0.0.1');
      c.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? ''));
      c.on('connect', () => { c.destroy(); resolve('connected'); });
    });
    expect(refused).toBe('ECONNREFUSED');
    await echo.close();
  });
});

describe('serving the built app from the bridge origin', () => {
  it('serves files under the directory only, and only to the bridge\'s own Host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socketlab-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SocketLab</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, '..', 'socketlab-secret.txt'), 'outside');
    const bridge = await startBridgeProcess(['--serve', dir]);
    try {
      expect(await get(bridge.port, '/')).toMatchObject({ status: 200, body: '<!doctype html><title>SocketLab</title>' });
      expect((await get(bridge.port, '/assets/app.js')).status).toBe(200);
      for (const path of ['/../socketlab-secret.txt', '/%2e%2e/socketlab-secret.txt', '/assets/..%2f..%2fsocketlab-secret.txt', '/nope']) {
        const r = await get(bridge.port, path);
        expect(r.status, path).toBe(404);
        expect(r.body).not.toContain('outside');
      }
      // A rebinding page cannot read it through a foreign Host name either.
      expect((await get(bridge.port, '/', `evil.example:${bridge.port}`)).status).toBe(403);
      expect(bridge.stdout()).toContain(`http://127.0.0.1:${bridge.port}/#bridge=`);
    } finally {
      await bridge.stop();
    }
  });
});
