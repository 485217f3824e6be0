// With --capture and the privilege (root here), the real segments of a bridged connection reach
// the page as `segment` records: the three-way handshake, data with seq/ack, and the FINs, with
// Wireshark's relative numbers (RFC 9293 §3.5, §3.6).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BridgeClient } from '../../src/bridge/client';
import { createLogger } from '../../src/bridge/log';
import { startBridge, type BridgeHandle } from '../../src/bridge/server';
import type { SegmentRecord } from '../../src/sim/trace/records';
import { ORIGIN, echoServer, until, type Echo } from './helpers';

const root = process.getuid?.() === 0;
const tool = ['/usr/bin/tcpdump', '/usr/sbin/tcpdump', '/usr/bin/dumpcap'].some((p) => existsSync(p));

describe.runIf(root && tool)('capture of real segments (root)', () => {
  let bridge: BridgeHandle;
  let echo: Echo;
  beforeAll(async () => {
    echo = await echoServer();
    bridge = await startBridge({
      port: 0, origins: [ORIGIN], allow: [`127.0.0.1:${echo.port}`], capture: true,
      log: createLogger({ quiet: true, write: () => {} }),
    });
  });
  afterAll(async () => {
    await bridge.close();
    await echo.close();
  });

  it('shows the real handshake, the data and the FIN exchange of a bridged connection', async () => {
    const c = await BridgeClient.connect({
      url: bridge.wsUrl, secret: bridge.secret,
      createSocket: (url, protocols) => new WebSocket(url, protocols, { origin: ORIGIN }) as never,
    });
    expect(c.hello.capture).toBe(true);
    const fd = await c.socket('stream');
    const { local, remote } = await c.connect(fd, '127.0.0.1', echo.port);
    await c.send(fd, 'hello');
    await c.shutdown(fd, 'wr');
    const sent = () => c.trace.filter((r): r is SegmentRecord => r.type === 'segment' && r.event === 'send');
    // Our FIN, the echo's data and FIN, and our last ACK.
    await until(() => sent().filter((s) => s.flags.includes('FIN')).length >= 2 && sent().some((s) => s.src === local && s.flags.join() === 'ACK' && s.rack >= 7));
    const segs = sent();
    const [syn, synAck, ack] = segs;
    expect(syn).toMatchObject({ src: local, dst: remote, flags: ['SYN'], rseq: 0, rack: 0, len: 0, from: 'local', to: remote });
    expect(syn.opts?.mss).toBeGreaterThan(0);
    expect(synAck).toMatchObject({ src: remote, dst: local, flags: ['ACK', 'SYN'], rseq: 0, rack: 1, from: remote, to: 'local' });
    expect(ack).toMatchObject({ src: local, flags: ['ACK'], rseq: 1, rack: 1, len: 0 });
    expect(synAck.ack).toBe((syn.seq + 1) >>> 0);
    const data = segs.find((s) => s.src === local && s.len === 5)!;
    expect(data).toMatchObject({ rseq: 1, rack: 1 });
    expect(data.flags).toContain('PSH');
    const echoed = segs.find((s) => s.src === remote && s.len === 5)!;
    expect(echoed).toMatchObject({ rseq: 1, rack: 6 });
    const ourFin = segs.find((s) => s.src === local && s.flags.includes('FIN'))!;
    expect(ourFin.rseq).toBe(6);
    // Windows are scaled once both SYNs carried the option (RFC 7323 §2.2).
    if (syn.opts?.wscale !== undefined && synAck.opts?.wscale !== undefined) expect(ack.win % 2 ** syn.opts.wscale).toBe(0);
    // Every segment is recorded as sent and delivered with one id.
    for (const s of segs) expect(c.trace.some((r) => r.type === 'segment' && r.event === 'deliver' && r.id === s.id)).toBe(true);
    expect(c.invalid).toBe(0);
    c.disconnect();
  }, 20_000);

  it('captures connections to a listener the page opened, including their handshake', async () => {
    const c = await BridgeClient.connect({
      url: bridge.wsUrl, secret: bridge.secret,
      createSocket: (url, protocols) => new WebSocket(url, protocols, { origin: ORIGIN }) as never,
    });
    const ls = await c.socket('stream');
    const { local } = await c.listen(ls, 4);
    const { createConnection } = await import('node:net');
    const peer = createConnection(Number(local.split(':')[1]), '127.0.0.1');
    peer.on('error', () => {});
    const { sock, remote } = await c.accept(ls);
    await until(() => c.trace.some((r) => r.type === 'segment' && r.flags.join() === 'ACK' && r.src === remote));
    const syn = c.trace.find((r): r is SegmentRecord => r.type === 'segment' && r.flags.join() === 'SYN')!;
    expect(syn).toMatchObject({ src: remote, dst: local, from: remote, to: 'local' });
    await c.close(sock);
    peer.destroy();
    c.disconnect();
  }, 20_000);
});
