// The right answer to every question of every lesson, recomputed from the raw trace records with
// plain filters — independently of src/lessons — so that a wrong anchor, lookup or formula in a
// lesson shows up as a mismatch. Keyed "lesson-id/question-id".
import type { TraceRecord } from '../../../src/sim/trace/records';
import { encodePacket, packetFields } from '../../../src/sim/pcap';
import type { Run } from './lessonRuns';
import { bytesOf, calls, dataOf, hasFlags, of, returns, sent, stateAfter } from './lessonRuns';

type Oracle = (r: Run) => string | number;

const localPort = (sock: string) => Number(sock.split('->')[0].split(':')[1]);
const first = <T>(xs: T[], what: string): T => {
  if (xs.length === 0) throw new Error(`oracle: no ${what}`);
  return xs[0];
};
const idx = (t: readonly TraceRecord[], r: TraceRecord) => t.indexOf(r);
const flagsId = (f: readonly string[]) => ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG'].filter((x) => f.includes(x)).join('+');
const errOr = (r: Extract<TraceRecord, { type: 'return' }>) => r.error ?? 'OK';
/** The first state change of `host` after record `after` (a connection socket). */
const nextStateOf = (t: readonly TraceRecord[], host: string, after: number) =>
  first(t.slice(after + 1).filter((r): r is Extract<TraceRecord, { type: 'state' }> => r.type === 'state' && r.host === host && r.sock.includes('->')), `state change of ${host}`).to;
const timeWaitLength = (t: readonly TraceRecord[], host: string) => {
  const tw = first(of(t, 'state', (s) => s.host === host && s.to === 'TIME_WAIT'), 'TIME_WAIT');
  const end = first(of(t, 'state', (s) => s.sid === tw.sid && s.from === 'TIME_WAIT'), 'end of TIME_WAIT');
  return end.t - tw.t;
};

export const ORACLES: Record<string, Oracle> = {
  // 1
  'what-is-a-socket/socket-fd': ({ trace }) => returns(trace, 'server', 'socket')[0].result as number,
  'what-is-a-socket/client-port': ({ trace }) => {
    const port = localPort(returns(trace, 'client', 'connect')[0].sock!);
    const serverPort = (calls(trace, 'client', 'connect')[0].args as { port: number }).port;
    return port === 0 ? 'none' : port === serverPort ? 'server-port' : 'ephemeral';
  },
  'what-is-a-socket/second-socket-fd': ({ trace }) => returns(trace, 'alice', 'socket')[1].result as number,
  'what-is-a-socket/connected-on-80': ({ trace }) => {
    const third = returns(trace, 'server', 'accept')[2];
    const at = idx(trace, third);
    const sids = new Set(of(trace, 'state', (s) => s.host === 'server' && s.sock.startsWith('10.0.0.2:80->')).map((s) => s.sid));
    return [...sids].filter((sid) => stateAfter(trace, sid, at) === 'ESTABLISHED').length;
  },
  'what-is-a-socket/what-differs': ({ trace }) => {
    const [a, b] = returns(trace, 'alice', 'connect').map((r) => r.sock!.split('->')[0].split(':'));
    return a[0] !== b[0] ? 'src-ip' : a[1] !== b[1] ? 'src-port' : 'dst-port';
  },
  // 2
  'socket-types/udp-packets': ({ trace }) => of(trace, 'datagram', (d) => d.event === 'send').length + of(trace, 'segment', (s) => s.event === 'send').length,
  'socket-types/first-recvfrom': ({ trace }) => dataOf(returns(trace, 'server', 'recvfrom')[0]),
  'socket-types/tcp-recv': ({ trace }) => dataOf(returns(trace, 'server', 'recv')[0]),
  'socket-types/udp-received': ({ trace }) => returns(trace, 'server', 'recvfrom').filter((r) => !r.error).length,
  'socket-types/tcp-in-order': ({ trace }) => dataOf(returns(trace, 'server', 'recv')[0]),
  'socket-types/icmp-protocol': ({ trace }) => {
    const r = first(trace.filter((x) => (x.type === 'segment' || x.type === 'datagram' || x.type === 'icmp') && x.event === 'send' && x.from === 'server'), 'server packet');
    return r.type === 'segment' ? 'tcp' : r.type === 'datagram' ? 'udp' : 'icmp';
  },
  // The raw socket reads the whole IPv4 packet: IP header (20) + ICMP header (8) + the quoted
  // original datagram, its IP header and at most 8 bytes after it (RFC 792).
  'socket-types/raw-bytes': ({ trace }) => {
    const icmp = first(of(trace, 'icmp', (x) => x.event === 'deliver' && x.to === 'client'), 'ICMP delivered to the client');
    const orig = first(of(trace, 'datagram', (d) => d.id === icmp.about && d.event === 'send'), 'the datagram ICMP is about');
    return 20 + 8 + Math.min(20 + 8 + orig.len, 20 + 8);
  },
  // 3
  'tcp-call-flow/listener-state': ({ trace }) => stateAfter(trace, calls(trace, 'server', 'listen')[0].sid!, idx(trace, returns(trace, 'server', 'listen')[0])),
  'tcp-call-flow/accept-waits-for': ({ trace }) => of(trace, 'block', (b) => b.host === 'server' && b.op === 'accept')[0].waitingFor,
  'tcp-call-flow/connect-segment': ({ trace }) => {
    const c = idx(trace, calls(trace, 'client', 'connect')[0]);
    return flagsId(first(sent(trace, 'client').filter((s) => idx(trace, s) > c), 'segment after connect').flags);
  },
  'tcp-call-flow/connect-duration': ({ trace }) => returns(trace, 'client', 'connect')[0].t - calls(trace, 'client', 'connect')[0].t,
  'tcp-call-flow/client-recv': ({ trace }) => dataOf(returns(trace, 'client', 'recv')[0]),
  'tcp-call-flow/accept-fd': ({ trace }) => returns(trace, 'server', 'accept')[0].result as number,
  'tcp-call-flow/close-segment': ({ trace }) => {
    const c = idx(trace, calls(trace, 'client', 'close')[0]);
    return flagsId(first(sent(trace, 'client').filter((s) => idx(trace, s) > c), 'segment after close').flags);
  },
  'tcp-call-flow/listener-after-accepts': ({ trace }) => stateAfter(trace, calls(trace, 'server', 'listen')[0].sid!, idx(trace, returns(trace, 'server', 'accept')[1])),
  // 4
  'three-way-handshake/client-state-syn': ({ trace }) => {
    const syn = first(sent(trace, 'client').filter((s) => s.flags.length === 1 && s.flags[0] === 'SYN'), 'SYN');
    const st = first(of(trace, 'state', (s) => s.host === 'client' && s.to === 'SYN_SENT'), 'SYN_SENT');
    return stateAfter(trace, st.sid, idx(trace, syn));
  },
  'three-way-handshake/synack-ack': ({ trace }) => first(sent(trace, 'server').filter((s) => hasFlags(s, 'SYN', 'ACK')), 'SYN+ACK').ack,
  'three-way-handshake/server-state': ({ trace }) => {
    const sa = first(sent(trace, 'server').filter((s) => hasFlags(s, 'SYN', 'ACK')), 'SYN+ACK');
    const st = first(of(trace, 'state', (s) => s.host === 'server' && s.sock.includes('->')), 'server connection');
    return stateAfter(trace, st.sid, idx(trace, sa));
  },
  'three-way-handshake/third-ack': ({ trace }) => first(sent(trace, 'client').filter((s) => s.note === 'handshake-ack'), 'handshake ACK').ack,
  'three-way-handshake/handshake-bytes': ({ trace }) => sent(trace, 'client').concat(sent(trace, 'server'))
    .filter((s) => s.note === 'syn' || s.note === 'syn-ack' || s.note === 'handshake-ack').reduce((a, s) => a + s.len, 0),
  // 5
  'four-way-close/server-after-fin': ({ trace }) => {
    const fin = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.from === 'client' && s.flags.includes('FIN')), 'FIN delivered');
    return nextStateOf(trace, 'server', idx(trace, fin));
  },
  'four-way-close/client-after-ack': ({ trace }) => {
    const fin = first(sent(trace, 'client').filter((s) => s.flags.includes('FIN')), 'client FIN');
    const ack = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.from === 'server' && s.flags.length === 1 && s.flags[0] === 'ACK' && idx(trace, s) > idx(trace, fin)), 'ACK of FIN');
    const sid = first(of(trace, 'state', (s) => s.host === 'client' && s.sock.includes('->')), 'client conn').sid;
    return stateAfter(trace, sid, idx(trace, ack));
  },
  'four-way-close/time-wait-length': ({ trace }) => timeWaitLength(trace, 'client'),
  'four-way-close/answer-to-old-fin': ({ trace }) => {
    const re = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.from === 'server' && s.note === 'rto-retransmit'), 'retransmitted FIN');
    const next = sent(trace, 'client').find((s) => idx(trace, s) > idx(trace, re));
    return next ? flagsId(next.flags) : 'none';
  },
  'four-way-close/old-duplicate-fate': ({ trace }) => {
    // The server's first data segment (delayed by the scenario's fault) and what met it at the client.
    const old = first(sent(trace, 'server').filter((s) => s.note === 'data'), 'first data segment');
    const arrival = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.id === old.id), 'its delivery');
    const reply = first(sent(trace, 'client').filter((s) => idx(trace, s) > idx(trace, arrival)), 'client segment after it');
    if (reply.flags.includes('RST')) return 'rst';
    const oldText = dataOf(returns(trace, 'client', 'recv')[0]);
    const reconnect = idx(trace, returns(trace, 'client', 'connect')[1]);
    return returns(trace, 'client', 'recv').some((r) => idx(trace, r) > reconnect && !r.error && dataOf(r).includes(oldText)) ? 'accepted' : 'discarded';
  },
  'four-way-close/leaked-state': ({ trace }) => {
    const last = of(trace, 'state', (s) => s.host === 'server' && s.sock.includes('->')).pop()!;
    return last.to;
  },
  'four-way-close/recv-after-shutdown': ({ trace }) => dataOf(returns(trace, 'client', 'recv')[0]),
  'four-way-close/closing': ({ trace }) => {
    const fin = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.from === 'server' && s.flags.includes('FIN')), 'server FIN delivered');
    return nextStateOf(trace, 'client', idx(trace, fin));
  },
  'four-way-close/who-time-waits': ({ trace }) => {
    const hosts = [...new Set(of(trace, 'state', (s) => s.to === 'TIME_WAIT').map((s) => s.host))];
    return hosts.length > 1 ? 'both' : hosts[0];
  },
  // 6
  'flow-control/ack-for-data': ({ trace }) => {
    const d = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.to === 'server' && s.len > 0), 'data delivered');
    return d.rseq + d.len;
  },
  'flow-control/segments-in-flight': ({ trace }) => {
    const ack = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.to === 'client' && s.flags.length === 1 && s.flags[0] === 'ACK'), 'first ACK');
    return sent(trace, 'client').filter((s) => s.len > 0 && idx(trace, s) < idx(trace, ack)).length;
  },
  'flow-control/unread-bytes': ({ trace }) => {
    const z = first(sent(trace, 'server').filter((s) => s.win === 0), 'zero window');
    const b = of(trace, 'buffer', (x) => x.host === 'server' && x.t === z.t && idx(trace, x) > idx(trace, z))[0]
      ?? of(trace, 'buffer', (x) => x.host === 'server' && idx(trace, x) < idx(trace, z)).pop()!;
    return b.rcvUnread;
  },
  'flow-control/next-after-zero': ({ trace }) => {
    const z = first(of(trace, 'segment', (s) => s.event === 'deliver' && s.to === 'client' && s.win === 0), 'zero window at client');
    const next = first(sent(trace, 'client').filter((s) => idx(trace, s) > idx(trace, z)), 'next client segment');
    return next.note === 'zero-window-probe' ? 'zero-window-probe' : next.flags.includes('RST') ? 'rst' : 'data';
  },
  'flow-control/first-recv-size': ({ trace }) => bytesOf(returns(trace, 'server', 'recv')[0]),
  // 7
  'loss-and-retransmission/next-syn-gap': ({ trace }) => {
    const syns = sent(trace, 'client').filter((s) => s.flags.includes('SYN'));
    return syns[2].t - syns[1].t;
  },
  'loss-and-retransmission/third-rto': ({ trace }) => {
    const re = sent(trace, 'client').filter((s) => s.note === 'rto-retransmit');
    return re[2].t - re[1].t;
  },
  'loss-and-retransmission/after-three-dups': ({ trace }) => {
    const dup3 = of(trace, 'segment', (s) => s.event === 'deliver' && s.to === 'client' && s.note === 'dup-ack')[2];
    const r = sent(trace, 'client').find((s) => idx(trace, s) > idx(trace, dup3) && (s.note === 'fast-retransmit' || s.note === 'rto-retransmit'));
    return r?.note ?? 'nothing';
  },
  'loss-and-retransmission/retransmitted-seq': ({ trace }) => first(sent(trace, 'client').filter((s) => s.note === 'fast-retransmit'), 'fast retransmit').rseq,
  'loss-and-retransmission/phase-after-loss': ({ trace }) => {
    const f = first(sent(trace, 'client').filter((s) => s.note === 'fast-retransmit'), 'fast retransmit');
    return first(of(trace, 'cwnd', (c) => c.host === 'client' && idx(trace, c) > idx(trace, f)), 'cwnd').phase;
  },
  'loss-and-retransmission/ca-increase': ({ trace }) => {
    const ca = of(trace, 'cwnd', (c) => c.host === 'client' && c.phase === 'congestion-avoidance');
    const distinct = ca.map((c) => c.cwnd).filter((v, i, a) => i === 0 || v !== a[i - 1]);
    return distinct[1] - distinct[0];
  },
  // 8
  'sticky-packets/sticky-bytes': ({ trace }) => bytesOf(returns(trace, 'server', 'recv')[0]),
  'sticky-packets/second-datagram': ({ trace }) => dataOf(returns(trace, 'server', 'recvfrom')[1]),
  'sticky-packets/segments-for-3000': ({ trace }) => sent(trace, 'client').filter((s) => s.len > 0 && s.note === 'data').length,
  'sticky-packets/recvs-with-data': ({ trace }) => returns(trace, 'server', 'recv').filter((r) => !r.error && bytesOf(r) > 0).length,
  'sticky-packets/after-header': ({ trace }) => dataOf(returns(trace, 'server', 'recv')[1]),
  'sticky-packets/lines-found': ({ trace }) => (dataOf(returns(trace, 'server', 'recv')[0]).match(/\n/g) ?? []).length,
  // 9
  'many-clients/queued-time': ({ trace }) => {
    const acc = returns(trace, 'server', 'accept')[1];
    return acc.t - first(of(trace, 'state', (s) => s.sid === acc.sid && s.to === 'ESTABLISHED'), 'established').t;
  },
  'many-clients/c3-wait-iterative': ({ trace }) => returns(trace, 'c3', 'recv')[0].t - calls(trace, 'c3', 'connect')[0].t,
  'many-clients/accept-max': ({ trace }) => of(trace, 'queue', (q) => q.host === 'server')[0].acceptMax,
  'many-clients/c3-wait-threads': ({ trace }) => returns(trace, 'c3', 'recv')[0].t - calls(trace, 'c3', 'connect')[0].t,
  'many-clients/who-takes-c3': ({ trace, scenario }) => {
    const ip = scenario.hosts.c3.ip;
    return String(first(returns(trace, 'server', 'accept').filter((r) => r.sock?.includes(`->${ip}:`)), 'accept of c3').prog);
  },
  'many-clients/loop-threads': ({ trace }) => of(trace, 'program', (p) => p.host === 'server' && p.event === 'start').length,
  'many-clients/nonblocking-recv': ({ trace }) => {
    const r = returns(trace, 'server', 'recv')[0];
    return r.error ?? (r.t > calls(trace, 'server', 'recv')[0].t ? 'block' : 'zero');
  },
  // 10
  'errors/refused-errno': ({ trace }) => errOr(returns(trace, 'client', 'connect')[0]),
  'errors/syns-sent': ({ trace }) => sent(trace, 'client').filter((s) => s.flags.includes('SYN')).length,
  'errors/timeout-errno': ({ trace }) => errOr(returns(trace, 'client', 'connect')[0]),
  'errors/reset-errno': ({ trace }) => errOr(returns(trace, 'server', 'recv')[1]),
  'errors/epipe-errno': ({ trace }) => errOr(returns(trace, 'client', 'send')[2]),
  'errors/inuse-errno': ({ trace }) => errOr(returns(trace, 'server', 'bind')[1]),
  'errors/time-wait-errno': ({ trace }) => errOr(returns(trace, 'server', 'bind')[2]),
  'errors/eagain-errno': ({ trace }) => errOr(first(returns(trace, 'server', 'accept').filter((r) => r.error), 'failed accept')),
  'errors/emsgsize-errno': ({ trace }) => errOr(returns(trace, 'client', 'sendto')[0]),
  // 11
  'http-over-tcp/http-port': ({ trace }) => localPort(first(sent(trace, 'browser').filter((s) => s.flags.includes('SYN')), 'SYN').dst),
  'http-over-tcp/tcp-header-bytes': ({ trace, result }) => {
    const s = first(sent(trace, 'browser').filter((x) => x.len > 0 && x.to === 'www'), 'request');
    const bytes = encodePacket(result.packets.get(s.id)!);
    return (bytes[20 + 12] >> 4) * 4;
  },
  'http-over-tcp/ip-total-length': ({ trace, result }) => {
    const s = first(sent(trace, 'www').filter((x) => x.len > 0), 'response');
    const bytes = encodePacket(result.packets.get(s.id)!);
    // Cross-check the inspector's field map with the raw big-endian bytes 2..3.
    const f = packetFields(bytes).find((x) => x.key === 'ip.totalLength')!;
    if (f.value !== ((bytes[2] << 8) | bytes[3])) throw new Error('packetFields disagrees with the bytes');
    return (bytes[2] << 8) | bytes[3];
  },
  'http-over-tcp/who-closes-first': ({ trace }) => {
    const fins = of(trace, 'segment', (s) => s.event === 'send' && s.flags.includes('FIN'));
    const firstFin = first(fins, 'FIN');
    return fins.some((f) => f.t === firstFin.t && f.from !== firstFin.from) ? 'both' : firstFin.from;
  },
  'http-over-tcp/keepalive-connections': ({ trace }) => sent(trace, 'browser').filter((s) => s.flags.length === 1 && s.flags[0] === 'SYN').length,
  'http-over-tcp/requests-in-one-recv': ({ trace }) => (dataOf(returns(trace, 'www', 'recv')[0]).match(/GET \//g) ?? []).length,
  // 12
  'rfc-vs-linux/linux-syn-gap': ({ trace }) => {
    const syns = sent(trace, 'client').filter((s) => s.flags.length === 1 && s.flags[0] === 'SYN');
    return syns[2].t - syns[1].t;
  },
  'rfc-vs-linux/rfc-accept-max': ({ trace }) => of(trace, 'queue', (q) => q.host === 'server')[0].acceptMax,
  'rfc-vs-linux/rfc-syn-gap': ({ trace }) => {
    const syns = sent(trace, 'client').filter((s) => s.flags.length === 1 && s.flags[0] === 'SYN');
    return syns[2].t - syns[1].t;
  },
  'rfc-vs-linux/linux-probe-bytes': ({ trace }) => first(sent(trace, 'client').filter((s) => s.note === 'zero-window-probe'), 'probe').len,
  'rfc-vs-linux/rfc-probe-kind': ({ trace }) => {
    const len = first(sent(trace, 'client').filter((s) => s.note === 'zero-window-probe'), 'probe').len;
    return ['empty-ack', 'one-byte'][len] ?? 'full-segment';
  },
  'rfc-vs-linux/rfc-time-wait': ({ trace }) => timeWaitLength(trace, 'client'),
};
