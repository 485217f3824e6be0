// `npm run bench` (bridge part): relay throughput and added latency of the SocketLab bridge next to
// websockify (Debian package `websockify`) and a direct TCP connection, measured in the same run on
// the same machine, and the bridge's memory while a 1 GB flood goes through a slow reader.
// Prints figures; asserts nothing. Usage: node bench/bridge.mjs [--quick]
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const ORIGIN = 'http://bench.local';
const ROUND_TRIPS = quick ? 300 : 2000;
const BULK = (quick ? 64 : 256) * 2 ** 20;
const FLOOD = (quick ? 256 : 1024) * 2 ** 20;
const MSG = 64;

// ---- the target: one TCP server, told by its first byte what to be ---------------------------
// 'E' echo · 'S'+u64 source that writes n bytes · 'K'+u64 sink that answers "done" after
// n bytes (no half-close needed: websockify cannot relay one)
function benchServer() {
  const server = createServer({ allowHalfOpen: true }, (c) => {
    c.on('error', () => {});
    let mode = null; let head = Buffer.alloc(0); let count = 0; let want = 0;
    const sink = (n) => { count += n; if (count >= want && want > 0) { want = 0; c.write('done'); } };
    c.on('data', (d) => {
      if (mode === 'E') { c.write(d); return; }
      if (mode === 'K') { sink(d.length); return; }
      head = Buffer.concat([head, d]);
      const m = String.fromCharCode(head[0]);
      if (m === 'E') { mode = 'E'; if (head.length > 1) c.write(head.subarray(1)); }
      else if (m === 'K' && head.length >= 9) { mode = 'K'; want = Number(head.readBigUInt64BE(1)); sink(head.length - 9); }
      else if (m === 'S' && head.length >= 9) { mode = 'S'; source(c, Number(head.readBigUInt64BE(1))); }
    });
    c.on('end', () => c.end());
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}
function source(c, n) {
  const chunk = Buffer.alloc(65536, 120);
  let left = n;
  const pump = () => {
    while (left > 0) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= part.length;
      if (!c.write(part)) { c.once('drain', pump); return; }
    }
    // Stay open: websockify closes the WebSocket on the target's FIN without flushing what it
    // still holds (we saw it lose ~1 MB of 64 MB), which would stall the measurement.
  };
  pump();
}

// ---- three ways to reach it: same interface { write(buf), onData(cb), end(), close() } --------
async function direct(port) {
  const s = createConnection(port, '127.0.0.1');
  s.setNoDelay(true);
  await new Promise((r) => s.once('connect', r));
  return { write: (b) => { s.write(b); return Promise.resolve(); }, onData: (cb) => s.on('data', cb), onEnd: (cb) => s.on('end', cb), end: () => s.end(), close: () => s.destroy(), raw: s };
}

async function viaWebsockify(wsPort) {
  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/`, ['binary'], { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  return {
    write: (b) => new Promise((r) => ws.send(b, { binary: true }, r)),
    onData: (cb) => ws.on('message', (d) => cb(d)), onEnd: (cb) => ws.on('close', cb),
    end: () => ws.close(), close: () => ws.terminate(), raw: ws._socket,
  };
}

async function viaBridge(b, port) {
  const ws = new WebSocket(b.wsUrl, ['socketlab.v1', `socketlab.auth.${b.secret}`], { origin: ORIGIN, perMessageDeflate: false });
  const waiters = new Map(); let req = 1; let dataCb = () => {}; let endCb = () => {}; const drains = [];
  ws.on('message', (t) => {
    const m = JSON.parse(t);
    if (m.ev === 'reply') { waiters.get(m.req)?.(m); waiters.delete(m.req); }
    else if (m.ev === 'data') dataCb(Buffer.from(m.data, 'base64'));
    else if (m.ev === 'eof') endCb();
    else if (m.ev === 'drain') drains.splice(0).forEach((f) => f());
  });
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  const op = (o) => new Promise((r) => { const id = req++; waiters.set(id, r); ws.send(JSON.stringify({ ...o, req: id })); });
  const sock = (await op({ op: 'socket', type: 'stream' })).result;
  const c = await op({ op: 'connect', sock, host: '127.0.0.1', port });
  if (!c.ok) throw new Error(`bridge connect: ${c.code}`);
  const write = async (buf) => {
    for (let off = 0; off < buf.length; off += 128 * 1024) {
      const part = buf.subarray(off, off + 128 * 1024);
      for (;;) {
        const r = await op({ op: 'send', sock, data: part.toString('base64') });
        if (r.ok) break;
        if (r.code !== 'EAGAIN') throw new Error(r.code);
        await new Promise((res) => drains.push(res));
      }
    }
  };
  return { write, onData: (cb) => { dataCb = cb; }, onEnd: (cb) => { endCb = cb; }, end: () => op({ op: 'shutdown', sock, how: 'wr' }), close: () => ws.close(), raw: ws._socket };
}

// ---- measurements --------------------------------------------------------------------------
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function latency(open) {
  const c = await open();
  await c.write(Buffer.from('E'));
  const msg = Buffer.alloc(MSG, 97);
  let got = 0; let wake = null;
  c.onData((d) => { got += d.length; if (got >= MSG && wake) { got -= MSG; const w = wake; wake = null; w(); } });
  const rtts = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t0 = performance.now();
    await new Promise((r) => { wake = r; c.write(msg); });
    rtts.push(performance.now() - t0);
  }
  c.close();
  const warm = rtts.slice(Math.floor(rtts.length / 10));
  return { p50: pct(warm, 0.5), p95: pct(warm, 0.95) };
}

async function download(open) {
  const c = await open();
  const head = Buffer.alloc(9); head[0] = 83; head.writeBigUInt64BE(BigInt(BULK), 1);
  let got = 0;
  const t0 = performance.now();
  await new Promise((r) => { c.onData((d) => { got += d.length; if (got >= BULK) r(); }); c.write(head); });
  const s = (performance.now() - t0) / 1000;
  c.close();
  return BULK / s / 1e6;
}

async function upload(open) {
  const c = await open();
  const head = Buffer.alloc(9); head[0] = 75; head.writeBigUInt64BE(BigInt(BULK), 1);
  await c.write(head);
  const chunk = Buffer.alloc(128 * 1024, 121);
  let reply = '';
  const done = new Promise((r) => c.onData((d) => { reply += d; if (reply === 'done') r(); }));
  const t0 = performance.now();
  for (let sent = 0; sent < BULK; sent += chunk.length) {
    await c.write(chunk);
    // Keep the client itself from queueing without bound (ws/TCP backpressure).
    if (c.raw.writableLength > 4 * 2 ** 20) await new Promise((r) => c.raw.once('drain', r));
  }
  await done;
  const s = (performance.now() - t0) / 1000;
  c.close();
  return { mbps: BULK / s / 1e6, ok: reply === 'done' };
}

/** RSS of a process and all its descendants (websockify relays in a forked child). */
function rssMb(pid) {
  let kb = 0;
  try {
    kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) kb += rssMb(Number(child)) * 1024;
    }
  } catch { /* gone */ }
  return kb / 1024;
}

/** A 1 GB flood read slowly: the reader pauses 5 ms after every MB. Samples the relay's RSS. */
async function flood(open, pid) {
  const base = rssMb(pid);
  const c = await open();
  const head = Buffer.alloc(9); head[0] = 83; head.writeBigUInt64BE(BigInt(FLOOD), 1);
  let peak = 0; let got = 0; let sinceNap = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 50);
  const t0 = performance.now();
  await new Promise((r) => {
    c.onData((d) => {
      got += d.length; sinceNap += d.length;
      if (sinceNap >= 2 ** 20) { sinceNap = 0; c.raw.pause(); setTimeout(() => c.raw.resume(), 5); }
      if (got >= FLOOD) r();
    });
    c.write(head);
  });
  clearInterval(sampler);
  const s = (performance.now() - t0) / 1000;
  c.close();
  return { base, peak, mbps: FLOOD / s / 1e6 };
}

// ---- run -----------------------------------------------------------------------------------
async function startBridge(port) {
  const p = spawn(process.execPath, [join(root, 'bin', 'socketlab-bridge.js'), '--port', '0', '--quiet', '--origin', ORIGIN,
    '--allow', `127.0.0.1:${port}`, '--limit', 'connectsPerSecond=1000', '--no-kernel-states'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const m = await new Promise((r, j) => { p.stdout.on('data', (d) => { out += d; const x = out.match(/#bridge=(\S+)&bridgeKey=([0-9a-f]+)/); if (x) r(x); }); p.once('exit', j); });
  return { proc: p, wsUrl: decodeURIComponent(m[1]), secret: m[2] };
}

async function startWebsockify(port) {
  if (spawnSync('sh', ['-c', 'command -v websockify']).status !== 0) return null;
  const probe = createServer(); await new Promise((r) => probe.listen(0, '127.0.0.1', r));
  const wsPort = probe.address().port; await new Promise((r) => probe.close(r));
  const p = spawn('websockify', [`127.0.0.1:${wsPort}`, `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((r) => { const s = createConnection(wsPort, '127.0.0.1'); s.on('connect', () => { s.destroy(); r(true); }); s.on('error', () => r(false)); });
    if (ok) return { proc: p, port: wsPort };
    await new Promise((r) => setTimeout(r, 100));
  }
  p.kill(); return null;
}

const server = await benchServer();
const port = server.address().port;
const bridge = await startBridge(port);
const wsk = await startWebsockify(port);
const rows = [];
const paths = [
  ['direct TCP', () => direct(port), null],
  ['SocketLab bridge (JSON+base64)', () => viaBridge(bridge, port), bridge.proc.pid],
  ...(wsk ? [['websockify 0.10 (binary frames)', () => viaWebsockify(wsk.port), wsk.proc.pid]] : []),
];
console.log(`Bridge bench: ${ROUND_TRIPS} round trips of ${MSG} B, ${BULK / 2 ** 20} MiB bulk each way, ${FLOOD / 2 ** 20} MiB flood${wsk ? '' : ' (websockify not installed: apt-get install websockify)'}`);
for (const [name, open, pid] of paths) {
  // The flood runs first, on a fresh relay, so "base" is the relay's RSS at rest.
  const fl = pid ? await flood(open, pid) : null;
  const lat = await latency(open);
  const down = await download(open);
  const up = await upload(open);
  rows.push({
    path: name, 'rtt p50 ms': lat.p50.toFixed(3), 'rtt p95 ms': lat.p95.toFixed(3),
    'peer→page MB/s': down.toFixed(0), 'page→peer MB/s': up.mbps.toFixed(0) + (up.ok ? '' : ' (COUNT MISMATCH)'),
    'flood RSS base→peak MB': fl ? `${fl.base.toFixed(0)}→${fl.peak.toFixed(0)}` : '-', 'flood MB/s': fl ? fl.mbps.toFixed(0) : '-',
  });
}
console.table(rows);
const d = rows[0];
for (const r of rows.slice(1)) {
  console.log(`${r.path}: adds ${(r['rtt p50 ms'] - d['rtt p50 ms']).toFixed(3)} ms (p50) / ${(r['rtt p95 ms'] - d['rtt p95 ms']).toFixed(3)} ms (p95) per round trip over direct TCP`);
}
bridge.proc.kill('SIGTERM');
wsk?.proc.kill('SIGTERM');
server.close();
setTimeout(() => process.exit(0), 500).unref();
