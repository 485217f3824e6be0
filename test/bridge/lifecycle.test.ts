// Clean shutdown (bridge-security.md §11) and the app served from the bridge's own origin.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORIGIN, b64, echoServer, openPage, startBridgeProcess } from './helpers';

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

describe('without a built app', () => {
  it('says there is no app and what to run instead, and prints no URL that would answer 404', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'socketlab-nodist-')), 'dist');
    const bridge = await startBridgeProcess(['--serve', missing]);
    try {
      const out = bridge.stdout();
      expect(out).toContain(`No app to open: ${missing} does not exist (the app is not built)`);
      for (const advice of ['npm run dev', 'npm run build', '--app-url URL']) expect(out).toContain(advice);
      expect(out).not.toContain(`http://127.0.0.1:${bridge.port}/#bridge=`);
      expect(out).not.toContain('Open this URL');
      // A page on an allowed origin can still use it: the fragment alone, named as such.
      expect(out).toContain(`A page on ${ORIGIN} (--origin) can use this bridge`);
      expect(out).toMatch(/\n {2}#bridge=\S+&bridgeKey=[0-9a-f]{64}\n/);
      // And whoever opens the bridge's address anyway is told the same, not sent in a circle.
      const r = await get(bridge.port, '/');
      expect(r.status).toBe(404);
      expect(r.body).toContain('no app is served here');
      expect(r.body).toContain('npm run dev');
      expect(r.body).not.toContain('open the URL printed');
    } finally {
      await bridge.stop();
    }
  });
});
