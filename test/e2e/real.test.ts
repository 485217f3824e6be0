// End-to-end Real mode in headless Chromium: a real bridge process (started by the test, serving
// the built app from its own loopback origin, so the page may open its WebSocket), real servers
// and clients on 127.0.0.1, and the stage showing what they did — live, scrubbable, saved and
// reopened. With root the bridge also captures the real segments.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launch, type Browser } from './browser';
import { startBridgeProcess, type BridgeProc } from '../bridge/helpers';
import { importCapture, isCaptureError } from '../../src/sim/pcap';

const ROOT = process.getuid?.() === 0;
const EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\n';

interface TestServer { port: number; close(): Promise<void> }

/** A TCP server on 127.0.0.1 (free port) that runs `onConn` for each client; closes them all on close. */
async function tcpServer(onConn: (s: Socket) => void): Promise<TestServer> {
  const socks = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (s) => {
    socks.add(s); s.on('error', () => {}); s.on('close', () => socks.delete(s)); onConn(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((r) => { for (const s of socks) s.destroy(); server.close(() => r()); }),
  };
}

let browser: Browser;
let echo: TestServer;
let evil: TestServer;
let bridge: BridgeProc;
const pageErrors: string[] = [];

beforeAll(async () => {
  echo = await tcpServer((s) => { s.on('data', (d) => s.write(d)); s.on('end', () => s.end()); });
  evil = await tcpServer((s) => { s.write(EVIL); });
  bridge = await startBridgeProcess([
    '--serve', inject('distDir'), '--allow', `127.0.0.1:${echo.port}`, '--allow', `127.0.0.1:${evil.port}`, '--quiet', ...(ROOT ? ['--capture'] : []),
  ]);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await bridge?.stop();
  await echo?.close();
  await evil?.close();
});
afterEach(() => { expect(bridge.alive()).toBe(true); });

const appUrl = (b: BridgeProc) => `http://127.0.0.1:${b.port}/#bridge=${encodeURIComponent(b.wsUrl)}&bridgeKey=${b.secret}`;

async function openRealMode(url = appUrl(bridge)): Promise<Page> {
  const page = await browser.ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) pageErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  await page.addInitScript('try { localStorage.clear(); } catch (e) {}');
  await page.goto(url);
  await page.getByTestId('step-count').waitFor();
  await page.getByTestId('real-toggle').click();
  await page.getByTestId('real-panel').waitFor();
  return page;
}

const stepCount = (page: Page) => page.getByTestId('step-count').textContent();
const atEnd = async (page: Page) => { const m = /^Step (\d+) of (\d+)/.exec((await stepCount(page)) ?? ''); return !!m && m[1] === m[2] && m[2] !== '0'; };

/** Steps from the start until a packet whose accessible name matches is in flight. */
async function stepUntilPacket(page: Page, name: RegExp): Promise<boolean> {
  // Keys go to the stage, not to a focused text box.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Home');
  for (let i = 0; i < 80; i++) {
    if (await page.getByRole('button', { name }).count()) return true;
    if (await atEnd(page)) return false;
    await page.keyboard.press('ArrowRight');
  }
  return false;
}

describe('Real mode in Chromium', () => {
  it('connects through the bridge to a real echo server: handshake, data, echo, live and scrubbable', async () => {
    const page = await openRealMode();
    // The key left the address bar as soon as the page read it.
    expect(page.url()).not.toContain('bridgeKey');
    await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('Connected to the bridge');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(echo.port));
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const card = page.getByTestId('real-sock-3');
    await card.getByText('ESTABLISHED').waitFor();
    await card.getByLabel('Data to send on fd 3').fill('hello');
    await card.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card.getByTestId('peer-text').textContent()).toBe('hello\\n\n');
    // Live: the stage follows the newest step.
    await expect.poll(() => page.getByTestId('narration').textContent()).toMatch(/Your program calls recv\(3\), which returns 6\./);
    expect(await atEnd(page)).toBe(true);
    expect(await page.getByTestId('session-calls').textContent()).toContain(`connect(3, 127.0.0.1:${echo.port}) = 0`);
    expect(await page.locator('.lane-head .state-chip').allTextContents()).toContain('ESTABLISHED');
    if (ROOT) {
      // From the capture: the real three-way handshake and the data both ways.
      expect(await stepUntilPacket(page, /^SYN seq=0\b.* — your program → 127\.0\.0\.1:\d+$/)).toBe(true);
      expect(await stepUntilPacket(page, /^SYN, ACK seq=0 ack=1\b.* — 127\.0\.0\.1:\d+ → your program$/)).toBe(true);
      expect(await stepUntilPacket(page, /^PSH, ACK seq=1 ack=1\b.*len=6 — your program → 127\.0\.0\.1:\d+$/)).toBe(true);
      expect(await stepUntilPacket(page, /^PSH, ACK seq=1 ack=7\b.*len=6 — 127\.0\.0\.1:\d+ → your program$/)).toBe(true);
      // The inspector shows the echoed segment with the bytes it carried.
      await page.getByRole('button', { name: /^PSH, ACK seq=1 ack=7\b/ }).click();
      await page.getByRole('button', { name: 'Inspect' }).click();
      const inspector = page.getByTestId('inspector');
      await expect.poll(() => inspector.textContent()).toContain('Payload (6 bytes)');
      expect(await inspector.locator('.payload-text code').textContent()).toBe('hello\\n');
      expect(await inspector.textContent()).toContain("Rebuilt from the bridge's capture");
    } else {
      // From the calls and the kernel's states.
      await page.keyboard.press('Home');
      expect(await stepCount(page)).toMatch(/^Step 0 of [1-9]/);
    }
    // Scrubbed back, the cursor stays while new events arrive; End follows again.
    await page.keyboard.press('Home');
    await card.getByLabel('Data to send on fd 3').fill('more');
    await card.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card.getByTestId('peer-text').textContent()).toBe('hello\\n\nmore\\n\n');
    expect(await stepCount(page)).toMatch(/^Step 0 of/);
    await page.keyboard.press('End');
    await card.getByRole('button', { name: 'Shutdown (FIN)' }).click();
    await expect.poll(() => card.textContent()).toContain('peer sent FIN (end of data)');
    await expect.poll(() => atEnd(page)).toBe(true);
    await page.close();
  });

  it('saves the recording (JSON, and pcap when captured) and reopens it later', async () => {
    const page = await openRealMode();
    await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('Connected');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(echo.port));
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const card = page.getByTestId('real-sock-3');
    await card.getByLabel('Data to send on fd 3').fill('saved');
    await card.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card.getByTestId('peer-text').textContent()).toBe('saved\\n\n');
    if (ROOT) await expect.poll(() => page.locator('.flight').count()).toBeGreaterThanOrEqual(1);
    const download = async (item: string) => {
      await page.locator('.menu > summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
      return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
    };
    const json = await download('Save real session (JSON)');
    expect(json.name).toMatch(/^socketlab-real-.*\.json$/);
    const session = JSON.parse(json.bytes.toString('utf8'));
    expect(session.format).toBe('socketlab-real-session/1');
    if (ROOT) {
      const pcap = await download('Export capture (pcap)');
      const back = importCapture(new Uint8Array(pcap.bytes));
      if (isCaptureError(back)) throw new Error(back.code);
      const flags = back.trace.filter((r) => r.type === 'segment' && r.event === 'send').map((r) => (r as { flags: string[] }).flags.join());
      expect(flags.slice(0, 3)).toEqual(['SYN', 'ACK,SYN', 'ACK']);
    }
    // Reopen it in a fresh page with no bridge at all: it replays like any run.
    const other = await browser.ctx.newPage();
    other.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    await other.goto(`http://127.0.0.1:${bridge.port}/?lang=en`);
    await other.getByTestId('step-count').waitFor();
    const steps = session.trace.length > 0;
    expect(steps).toBe(true);
    await other.getByTestId('file-input').setInputFiles({ name: 'lesson.json', mimeType: 'application/json', buffer: json.bytes });
    await expect.poll(() => other.getByRole('combobox', { name: 'Scenario' }).locator('option:checked').textContent()).toBe('Real session lesson.json');
    await expect.poll(() => stepCount(other)).toMatch(/^Step 0 of [1-9]/);
    await other.keyboard.press('End');
    expect(await other.getByTestId('session-calls').textContent()).toContain('send(3, "saved\\n", 6) = 6');
    // Shared as a link (#r=…), the recording opens at the same step in another tab, no bridge needed.
    await other.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await other.keyboard.press('ArrowRight');
    const here = await stepCount(other);
    await other.getByRole('button', { name: 'Copy share link' }).click();
    await other.waitForFunction(() => location.hash.startsWith('#r='));
    const link = other.url();
    const third = await browser.ctx.newPage();
    third.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    await third.goto(`http://127.0.0.1:${bridge.port}/?lang=en${link.slice(link.indexOf('#'))}`);
    await expect.poll(() => stepCount(third)).toBe(here);
    // Nothing loads over it afterwards (the default scenario used to replace it once simulated).
    await third.waitForTimeout(1500);
    expect(await stepCount(third)).toBe(here);
    await third.keyboard.press('End');
    expect(await third.getByTestId('session-calls').textContent()).toContain('send(3, "saved\\n", 6) = 6');
    await third.close();
    await other.close();
    await page.close();
  });

  it('listens; a real client connects and sends; the accept and the bytes appear as they happen', async () => {
    const page = await openRealMode();
    await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('Connected');
    await page.getByRole('radio', { name: 'Listen for clients' }).click();
    await page.getByRole('textbox', { name: 'Port' }).fill('0');
    await page.getByRole('button', { name: 'Listen', exact: true }).click();
    const tryCmd = await page.getByTestId('real-try').textContent();
    const port = Number(/nc 127\.0\.0\.1 (\d+)/.exec(tryCmd ?? '')![1]);
    const client = createConnection(port, '127.0.0.1');
    client.on('error', () => {});
    await new Promise<void>((r) => client.once('connect', () => r()));
    client.write('hi from a real client\n');
    const conn = page.getByTestId('real-sock-4');
    await expect.poll(() => conn.getByTestId('peer-text').textContent()).toBe('hi from a real client\\n\n');
    expect(await conn.textContent()).toContain(`127.0.0.1:${port} ↔ 127.0.0.1:${client.localPort}`);
    expect(await page.getByTestId('real-sock-3').textContent()).toContain('1 accepted');
    expect(await page.getByTestId('session-calls').textContent()).toContain('fd 4 ← accept(3) = 4');
    // The page answers; the client reads it; the client closes and the page sees the FIN.
    const got = new Promise<string>((r) => client.once('data', (d) => r(String(d))));
    await conn.getByLabel('Data to send on fd 4').fill('welcome');
    await conn.getByRole('button', { name: 'Send' }).click();
    expect(await got).toBe('welcome\n');
    client.end();
    await expect.poll(() => conn.textContent()).toContain('peer sent FIN (end of data)');
    if (ROOT) expect(await stepUntilPacket(page, /^SYN seq=0\b.* — 127\.0\.0\.1:\d+ → your program$/)).toBe(true);
    client.destroy();
    await page.close();
  });

  it('bytes from a real peer that look like HTML stay text: no element, no script', async () => {
    const page = await openRealMode();
    await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('Connected');
    await page.getByRole('button', { name: `127.0.0.1:${evil.port}` }).click();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const card = page.getByTestId('real-sock-3');
    await expect.poll(() => card.getByTestId('peer-text').textContent()).toBe(EVIL.replace('\n', '\\n\n'));
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await page.evaluate(() => [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect.poll(() => page.getByTestId('narration').textContent()).toContain('<img src=x onerror=');
    await page.getByRole('radio', { name: 'Bytes' }).click();
    expect((await card.getByLabel('Received fd 3').textContent())!.replace(/\s/g, '')).toContain('3c696d67207372633d78');
    await page.close();
  });

  it('errors: a target the bridge refuses, then the bridge vanishing, are explained and lose nothing (zh-CN)', async () => {
    const own = await startBridgeProcess(['--serve', inject('distDir'), '--allow', `127.0.0.1:${echo.port}`, '--quiet']);
    try {
      const page = await openRealMode(`${appUrl(own).replace('/#', '/?lang=zh-CN#')}`);
      await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('已连接到桥接程序');
      await page.getByRole('textbox', { name: '端口' }).fill('1');
      await page.getByRole('button', { name: '连接', exact: true }).click();
      await expect.poll(() => page.getByTestId('notice').last().textContent()).toContain('connect() 失败，错误 EACCES：桥接程序不允许这个目标');
      await page.getByRole('textbox', { name: '端口' }).fill(String(echo.port));
      await page.getByRole('button', { name: '连接', exact: true }).click();
      await page.getByTestId('real-sock-4').getByText('ESTABLISHED').waitFor();
      const before = await stepCount(page);
      expect(await own.stop()).toBe(0);
      await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('与桥接程序的连接已断开（代码 1001）');
      expect(await page.getByTestId('real-status').textContent()).toContain('你的记录仍然保留');
      expect(await stepCount(page)).toBe(before);
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      expect(await stepCount(page)).toMatch(/^第 1 步/);
      await page.getByRole('button', { name: '重新连接' }).click();
      await expect.poll(() => page.getByTestId('real-status').textContent()).toContain('不可用：桥接程序没有响应。');
      await page.close();
    } finally {
      await own.stop();
    }
  });

  it('imports through the Files menu and plays to the end with the handshake visible', async () => {
    // The recorded capture of a real loopback echo (test/fixtures/README.md), no bridge needed.
    const page = await browser.ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    await page.addInitScript('try { localStorage.clear(); } catch (e) {}');
    await page.goto(`http://127.0.0.1:${bridge.port}/`);
    await page.getByTestId('step-count').waitFor();
    await page.locator('.menu > summary').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'Open capture (pcap)…' }).click()]);
    await chooser.setFiles(fileURLToPath(new URL('../fixtures/loopback-echo.pcap', import.meta.url)));
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).locator('option:checked').textContent()).toBe('Capture: loopback-echo.pcap');
    await expect.poll(() => stepCount(page)).toMatch(/^Step 0 of [1-9]/);
    expect(await stepUntilPacket(page, /^SYN seq=0\b.* — 127\.0\.0\.1:\d+ → 127\.0\.0\.1:47001$/)).toBe(true);
    expect(await stepUntilPacket(page, /^SYN, ACK seq=0 ack=1\b.* — 127\.0\.0\.1:47001 → 127\.0\.0\.1:\d+$/)).toBe(true);
    await page.keyboard.press('Home');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => atEnd(page), { timeout: 45_000 }).toBe(true);
    expect(await page.getByTestId('narration').textContent()).toContain('End of the run.');
    await page.close();
  });

  it('logged no console errors', () => {
    expect(pageErrors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([]);
  });
});
