// Screenshots of Real mode for review: connected to an echo server, listening with a real client,
// a refused connection, and no bridge at all — at 1280×720, in English and Chinese, light and
// dark. Starts its own bridge (serving a fresh build), servers and client on 127.0.0.1, and stops
// them. Usage: ./node_modules/.bin/tsx scripts/real-screens.ts [outDir]
import { mkdirSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../test/e2e/globalSetup';
import { startBridgeProcess } from '../test/bridge/helpers';

const out = resolve(process.argv[2] ?? '/work/notes/screens/real');
mkdirSync(out, { recursive: true });
const dist = resolve('.tmp/screens-dist');
await buildApp(dist);

const socks = new Set<Socket>();
const echo = createServer({ allowHalfOpen: true }, (s) => { socks.add(s); s.on('error', () => {}); s.on('data', (d) => s.write(d)); s.on('end', () => s.end()); });
await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
const echoPort = (echo.address() as { port: number }).port;
// An allowed port with nothing listening: the connection is refused.
const closed = createServer();
await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
const closedPort = (closed.address() as { port: number }).port;
await new Promise<void>((r) => closed.close(() => r()));

const root = process.getuid?.() === 0;
const bridge = await startBridgeProcess(['--serve', dist, '--allow', `127.0.0.1:${echoPort}`, '--allow', `127.0.0.1:${closedPort}`, '--quiet', ...(root ? ['--capture'] : [])]);
const url = `http://127.0.0.1:${bridge.port}/`;
const withKey = `${url}#bridge=${encodeURIComponent(bridge.wsUrl)}&bridgeKey=${bridge.secret}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

const L = {
  en: { connect: 'Connect', listen: 'Listen', listenMode: 'Listen for clients', send: 'Send', port: 'Port', ready: 'Connected', data: (fd: number) => `Data to send on fd ${fd}` },
  'zh-CN': { connect: '连接', listen: '开始监听', listenMode: '监听客户端', send: '发送', port: '端口', ready: '已连接', data: (fd: number) => `要在 fd ${fd} 上发送的数据` },
};

async function open(lang: 'en' | 'zh-CN', theme: 'light' | 'dark', withBridge = true): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: lang === 'en' ? 'en-US' : 'zh-CN', colorScheme: theme, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(withBridge ? withKey : url);
  await page.getByTestId('step-count').waitFor();
  await page.getByTestId('real-toggle').click();
  await page.getByTestId('real-panel').waitFor();
  if (withBridge) await page.getByTestId('real-status').getByText(L[lang].ready).waitFor();
  return page;
}

async function send(page: Page, lang: 'en' | 'zh-CN', fd: number, text: string) {
  const box = page.getByLabel(L[lang].data(fd));
  await box.fill(text);
  await page.getByTestId(`real-sock-${fd}`).getByRole('button', { name: L[lang].send, exact: true }).click();
}

try {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const tag = `${lang === 'en' ? 'en' : 'zh'}-${theme}`;
      // Connected to an echo server, two messages each way.
      let page = await open(lang, theme);
      await page.getByRole('textbox', { name: L[lang].port }).fill(String(echoPort));
      await page.getByRole('button', { name: L[lang].connect, exact: true }).click();
      await page.getByTestId('real-sock-3').getByText('ESTABLISHED').waitFor();
      await send(page, lang, 3, 'hello, socket');
      await page.getByTestId('real-sock-3').getByTestId('peer-text').getByText(/hello, socket/).waitFor();
      await send(page, lang, 3, '你好');
      await page.getByTestId('real-sock-3').getByTestId('peer-text').getByText(/你好/).waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${out}/connected-1280-${tag}.png` });
      await page.context().close();

      // Listening, with a real client connected.
      page = await open(lang, theme);
      await page.getByRole('radio', { name: L[lang].listenMode }).click();
      await page.getByRole('textbox', { name: L[lang].port }).fill('0');
      await page.getByRole('button', { name: L[lang].listen, exact: true }).click();
      const port = Number(/(\d+)$/.exec((await page.getByTestId('real-try').textContent()) ?? '')![1]);
      const client = createConnection(port, '127.0.0.1');
      client.on('error', () => {});
      await new Promise<void>((r) => client.once('connect', () => r()));
      client.write('GET / HTTP/1.0\r\n\r\n');
      await page.getByTestId('real-sock-4').getByTestId('peer-text').waitFor();
      await send(page, lang, 4, 'HTTP/1.0 200 OK');
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${out}/listening-1280-${tag}.png` });
      client.destroy();
      await page.context().close();

      // A refused connection: the notice and the socket's error.
      page = await open(lang, theme);
      await page.getByRole('textbox', { name: L[lang].port }).fill(String(closedPort));
      await page.getByRole('button', { name: L[lang].connect, exact: true }).click();
      await page.getByTestId('notice').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/error-1280-${tag}.png` });
      await page.context().close();

      // No bridge: Real mode explains how to start one.
      page = await open(lang, theme, false);
      await page.screenshot({ path: `${out}/unavailable-1280-${tag}.png` });
      await page.context().close();
    }
  }
} finally {
  // Whatever failed above, nothing this script started outlives it.
  await browser.close();
  await bridge.stop();
  for (const s of socks) s.destroy();
  await new Promise<void>((r) => echo.close(() => r()));
}
console.log(`screenshots in ${out}`);
