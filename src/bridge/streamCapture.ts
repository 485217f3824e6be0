// Routes captured segments to the page socket they belong to. A listener's capture filter names
// only its port, so everything it sees is its own; a connecting socket shares its filter (the
// target host and port) with any other connection to the same target, so its packets are kept
// only once our own port is known — the SYN and SYN|ACK seen before that wait in a short queue.
import type { Ip } from './addresses';
import type { CapturedTcp } from './pcapStream';
import type { SessionApi, StreamEntry } from './sessionTypes';

const EARLY_QUEUE = 32;

function toBridgeMs(wallMs: number): number {
  return Math.max(0, wallMs - performance.timeOrigin);
}

export async function attachCapture(s: SessionApi, e: StreamEntry, ip: Ip, port: number): Promise<(() => void) | undefined> {
  if (!s.capture) return undefined;
  const early: CapturedTcp[] = [];
  const send = (seg: CapturedTcp) => {
    s.emit({
      ev: 'segment', sock: e.id, src: seg.src, dst: seg.dst, flags: seg.flags, seq: seg.seq,
      ack: seg.ack, len: seg.len, win: seg.win, ...(seg.opts ? { opts: seg.opts } : {}),
    }, toBridgeMs(seg.wallMs));
  };
  const mine = (seg: CapturedTcp) => (seg.src === e.local && seg.dst === e.remote) || (seg.src === e.remote && seg.dst === e.local);
  const r = await s.capture.start({ ip, port }, (seg) => {
    if (s.closed()) return;
    if (e.server) { send(seg); return; }
    if (!e.local || !e.remote) { if (early.length < EARLY_QUEUE) early.push(seg); return; }
    for (const q of early.splice(0)) if (mine(q)) send(q);
    if (mine(seg)) send(seg);
  });
  if (!r.ok) {
    s.emit({ ev: 'notice', code: 'capture-unavailable', detail: r.reason });
    return undefined;
  }
  return r.stop;
}
