// The classic socket programs, run through the public API, with the full segment sequence asserted.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import { builtinScenario } from '../../../src/scenarios/builtin';
import { parseScenario, type Scenario } from '../../../src/scenarios/schema';
import { returns, statePaths, wire, at } from './traceHelpers';
import { isRecvResult } from '../../../src/sim/trace/records';

function run(id: string, patch?: (s: Scenario) => void) {
  const s = structuredClone(builtinScenario(id)!);
  patch?.(s);
  const v = parseScenario(s);
  if (!v.ok) throw new Error(v.error.message);
  return simulate(v.scenario);
}

describe('built-in scenarios', () => {
  it('every built-in scenario is valid and runs to completion', () => {
    for (const id of ['echo', 'handshake', 'close-client-first', 'close-server-first', 'refused', 'syn-loss', 'udp-echo',
      'half-close', 'abortive-close', 'backlog-overflow', 'zero-window', 'sticky-tcp-vs-udp', 'loss-retransmit']) {
      const s = builtinScenario(id);
      expect(s, id).toBeDefined();
      expect(parseScenario(s).ok, id).toBe(true);
      const r = simulate(s!);
      expect(r.truncated, id).toBe(false);
      expect(r.trace.some((x) => x.type === 'program' && x.event === 'stopped'), id).toBe(false);
    }
  });
});

describe('TCP echo: socket→bind→listen→accept→recv→send→close and socket→connect→send→recv→close', () => {
  const r = run('echo');
  it('puts exactly the handshake, the data and the four-way close on the wire', () => {
    expect(wire(r.trace)).toEqual([
      'client>server SYN seq=0 ack=0 len=0',
      'server>client ACK,SYN seq=0 ack=1 len=0',
      'client>server ACK seq=1 ack=1 len=0',
      'client>server ACK,PSH seq=1 ack=1 len=13',
      'server>client ACK seq=1 ack=14 len=0',
      'server>client ACK,PSH seq=1 ack=14 len=13',
      'client>server ACK seq=14 ack=14 len=0',
      'client>server ACK,FIN seq=14 ack=14 len=0',
      'server>client ACK seq=14 ack=15 len=0',
      'server>client ACK,FIN seq=14 ack=15 len=0',
      'client>server ACK seq=15 ack=15 len=0',
    ]);
  });
  it('returns what each call returns; accept() gives a new fd while the listener keeps fd 3', () => {
    expect(returns(r.trace, 'server')).toEqual([
      'server socket → 3', 'server bind → 0', 'server listen → 0', 'server accept → 4',
      'server recv → "hello, socket"', 'server send → 13', 'server recv → ""', 'server close → 0',
    ]);
    expect(returns(r.trace, 'client')).toEqual([
      'client sleep → 0', 'client socket → 3', 'client connect → 0', 'client send → 13', 'client recv → "hello, socket"', 'client close → 0',
    ]);
  });
  it('the client closes first and waits in TIME_WAIT for 2·MSL (60 s on Linux)', () => {
    const paths = Object.values(statePaths(r.trace));
    expect(paths).toContainEqual(['CLOSED', 'LISTEN']);
    expect(paths).toContainEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    expect(paths).toContainEqual(['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    const [tw] = at(r.trace, (x) => x.type === 'state' && x.to === 'TIME_WAIT');
    const [closed] = at(r.trace, (x) => x.type === 'state' && x.from === 'TIME_WAIT');
    expect(closed - tw).toBe(60_000);
  });
  it('connect() blocks until the SYN,ACK arrives; accept() until the handshake completes', () => {
    const blocks = r.trace.filter((x) => x.type === 'block').map((x) => x.type === 'block' && `${x.host} ${x.op} ${x.waitingFor}`);
    // The first recv() finds the data already queued (it arrived with the handshake's last ACK);
    // the final recv() waits for the client's FIN.
    expect(blocks).toEqual(['client sleep sleep', 'server accept connection', 'client connect handshake', 'client recv data', 'server recv data']);
  });
});

describe('server closes first', () => {
  it('the server passes FIN_WAIT_2 and TIME_WAIT; the client CLOSE_WAIT and LAST_ACK', () => {
    const r = run('close-server-first');
    expect(wire(r.trace).slice(3)).toEqual([
      'server>client ACK,FIN seq=1 ack=1 len=0',
      'client>server ACK seq=1 ack=2 len=0',
      'client>server ACK,FIN seq=1 ack=2 len=0',
      'server>client ACK seq=2 ack=2 len=0',
    ]);
    const paths = Object.entries(statePaths(r.trace));
    expect(paths.find(([k]) => k.startsWith('server') && k !== 'server 1')![1]).toEqual(['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    expect(paths.find(([k]) => k.startsWith('client'))![1]).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });
});

describe('connection refused', () => {
  it('no listener: the SYN is answered with RST,ACK and connect() fails with ECONNREFUSED (RFC 9293 §3.10.7.1)', () => {
    const r = run('refused');
    expect(wire(r.trace)).toEqual(['client>server SYN seq=0 ack=0 len=0', 'server>client ACK,RST seq=0 ack=1 len=0']);
    expect(returns(r.trace, 'client')).toEqual(['client socket → 3', 'client connect → ECONNREFUSED', 'client close → 0']);
  });
});

describe('lost SYN', () => {
  it('the SYN is retransmitted after 1 s, then 2 s (rfc profile doubling) and connect() returns when the third arrives', () => {
    const r = run('syn-loss');
    expect(wire(r.trace).slice(0, 7)).toEqual([
      'client>server SYN seq=0 ack=0 len=0', '  (dropped: fault)',
      'client>server SYN seq=0 ack=0 len=0', '  (dropped: fault)',
      'client>server SYN seq=0 ack=0 len=0',
      'server>client ACK,SYN seq=0 ack=1 len=0',
      'client>server ACK seq=1 ack=1 len=0',
    ]);
    expect(at(r.trace, (x) => x.type === 'segment' && x.event === 'send' && x.flags.join() === 'SYN')).toEqual([0, 1000, 3000]);
    expect(returns(r.trace, 'client')).toContain('client connect → 0');
  });
});

describe('half-close', () => {
  it('after shutdown(SHUT_WR) the client still receives the reply; both ends close cleanly', () => {
    const r = run('half-close');
    expect(wire(r.trace).slice(3)).toEqual([
      'client>server ACK,PSH seq=1 ack=1 len=12',
      'client>server ACK,FIN seq=13 ack=1 len=0',
      'server>client ACK seq=1 ack=13 len=0',
      'server>client ACK seq=1 ack=14 len=0',
      'server>client ACK,PSH seq=1 ack=14 len=21',
      'server>client ACK,FIN seq=22 ack=14 len=0',
      'client>server ACK seq=14 ack=22 len=0',
      'client>server ACK seq=14 ack=23 len=0',
    ]);
    expect(returns(r.trace, 'client')).toEqual([
      'client sleep → 0', 'client socket → 3', 'client connect → 0', 'client send → 12', 'client shutdown → 0',
      'client recv → "all 12 bytes received"', 'client recv → ""', 'client close → 0',
    ]);
  });
});

describe('abortive close', () => {
  it('SO_LINGER 0: close() sends RST, no FIN, no TIME_WAIT; the peer gets ECONNRESET', () => {
    const r = run('abortive-close');
    expect(wire(r.trace).slice(3)).toEqual([
      'client>server ACK,PSH seq=1 ack=1 len=3',
      'server>client ACK seq=1 ack=4 len=0',
      'client>server ACK,RST seq=4 ack=1 len=0',
    ]);
    expect(r.trace.some((x) => x.type === 'state' && x.to === 'TIME_WAIT')).toBe(false);
    expect(returns(r.trace, 'server').slice(4)).toEqual(['server recv → "bye"', 'server recv → ECONNRESET', 'server close → 0']);
  });
});

describe('backlog overflow (Linux: accept queue holds backlog + 1)', () => {
  const r = run('backlog-overflow');
  it('full segment sequence', () => {
    // Four clients connect and close at once; the accept queue (backlog 1 + 1) takes client1 and client2. The final ACKs (and FINs) of client3 and client4 are dropped at the full queue; the server retransmits their SYN,ACKs, the clients answer from FIN_WAIT_1 (seq=2), and once accept() makes room their FINs get through.
    expect(wire(r.trace)).toEqual([
      'client1>server SYN seq=0 ack=0 len=0',
      'client2>server SYN seq=0 ack=0 len=0',
      'server>client1 ACK,SYN seq=0 ack=1 len=0',
      'client3>server SYN seq=0 ack=0 len=0',
      'server>client2 ACK,SYN seq=0 ack=1 len=0',
      'client4>server SYN seq=0 ack=0 len=0',
      'client1>server ACK seq=1 ack=1 len=0',
      'server>client3 ACK,SYN seq=0 ack=1 len=0',
      'client1>server ACK,FIN seq=1 ack=1 len=0',
      'client2>server ACK seq=1 ack=1 len=0',
      'server>client4 ACK,SYN seq=0 ack=1 len=0',
      'client2>server ACK,FIN seq=1 ack=1 len=0',
      'client3>server ACK seq=1 ack=1 len=0',
      'server>client1 ACK seq=1 ack=2 len=0',
      'client3>server ACK,FIN seq=1 ack=1 len=0',
      'client4>server ACK seq=1 ack=1 len=0',
      'server>client2 ACK seq=1 ack=2 len=0',
      'client4>server ACK,FIN seq=1 ack=1 len=0',
      '  (dropped: backlog)',
      '  (dropped: backlog)',
      '  (dropped: backlog)',
      '  (dropped: backlog)',
      'client3>server ACK,FIN seq=1 ack=1 len=0',
      'client4>server ACK,FIN seq=1 ack=1 len=0',
      '  (dropped: backlog)',
      '  (dropped: backlog)',
      'client3>server ACK,FIN seq=1 ack=1 len=0',
      'client4>server ACK,FIN seq=1 ack=1 len=0',
      '  (dropped: backlog)',
      '  (dropped: backlog)',
      'server>client3 ACK,SYN seq=0 ack=1 len=0',
      'server>client4 ACK,SYN seq=0 ack=1 len=0',
      'client3>server ACK seq=2 ack=1 len=0',
      'client4>server ACK seq=2 ack=1 len=0',
      '  (dropped: backlog)',
      '  (dropped: backlog)',
      'server>client1 ACK,FIN seq=1 ack=2 len=0',
      'server>client2 ACK,FIN seq=1 ack=2 len=0',
      'client1>server ACK seq=2 ack=2 len=0',
      'client2>server ACK seq=2 ack=2 len=0',
      'client3>server ACK,FIN seq=1 ack=1 len=0',
      'client4>server ACK,FIN seq=1 ack=1 len=0',
      'server>client3 ACK seq=1 ack=2 len=0',
      'server>client3 ACK,FIN seq=1 ack=2 len=0',
      'server>client4 ACK seq=1 ack=2 len=0',
      'server>client4 ACK,FIN seq=1 ack=2 len=0',
      'client3>server ACK seq=2 ack=2 len=0',
      'client4>server ACK seq=2 ack=2 len=0',
    ]);
  });
  it('two connections complete; the final ACKs of the other two are dropped at the full accept queue', () => {
    const drops = r.trace.filter((x) => x.type === 'segment' && x.event === 'drop' && x.reason === 'backlog');
    expect(drops.length).toBeGreaterThan(0);
    expect(drops.every((x) => x.type === 'segment' && (x.from === 'client3' || x.from === 'client4'))).toBe(true);
    const queues = r.trace.filter((x) => x.type === 'queue').map((x) => x.type === 'queue' && x.acceptQueue);
    expect(Math.max(...(queues as number[]))).toBe(2);
  });
  it('the server retransmits SYN,ACK to the waiting clients and all four are accepted once the server calls accept()', () => {
    const synAckRetrans = r.trace.filter((x) => x.type === 'segment' && x.event === 'send' && x.note === 'synack-retransmit');
    expect(synAckRetrans.map((x) => x.type === 'segment' && x.to).sort()).toEqual(['client3', 'client4']);
    expect(returns(r.trace, 'server').filter((x) => x.includes('accept'))).toEqual(['server accept → 4', 'server accept → 4', 'server accept → 4', 'server accept → 4']);
  });
  it('rfc profile (queue holds backlog): only one connection completes before accept()', () => {
    const rr = run('backlog-overflow', (s) => { s.tcp = { profile: 'rfc' }; });
    const queues = rr.trace.filter((x) => x.type === 'queue').map((x) => x.type === 'queue' && x.acceptQueue);
    expect(Math.max(...(queues as number[]))).toBe(1);
  });
});

describe('zero window', () => {
  const r = run('zero-window');
  it('full segment sequence (linux: empty probes at SND.UNA−1, answered with ACKs of window 0, until the window update)', () => {
    // The server does not read: after 4096 bytes its window is 0; the client probes (seq=4096, len 0) with backoff; the reads reopen the window and the rest follows.
    expect(wire(r.trace)).toEqual([
      'client>server SYN seq=0 ack=0 len=0',
      'server>client ACK,SYN seq=0 ack=1 len=0',
      'client>server ACK seq=1 ack=1 len=0',
      'client>server ACK seq=1 ack=1 len=1460',
      'client>server ACK seq=1461 ack=1 len=1460',
      'server>client ACK seq=1 ack=1461 len=0',
      'server>client ACK seq=1 ack=2921 len=0',
      'client>server ACK seq=2921 ack=1 len=1176',
      'server>client ACK seq=1 ack=4097 len=0',
      'client>server ACK seq=4096 ack=1 len=0',
      'server>client ACK seq=1 ack=4097 len=0',
      'client>server ACK seq=4096 ack=1 len=0',
      'server>client ACK seq=1 ack=4097 len=0',
      'client>server ACK seq=4096 ack=1 len=0',
      'server>client ACK seq=1 ack=4097 len=0',
      'server>client ACK seq=1 ack=4097 len=0',
      'client>server ACK seq=4097 ack=1 len=1460',
      'client>server ACK seq=5557 ack=1 len=1460',
      'server>client ACK seq=1 ack=5557 len=0',
      'server>client ACK seq=1 ack=7017 len=0',
      'server>client ACK seq=1 ack=7017 len=0',
      'client>server ACK seq=7017 ack=1 len=1176',
      'client>server ACK seq=8193 ack=1 len=1460',
      'client>server ACK,PSH,FIN seq=9653 ack=1 len=348',
      'server>client ACK seq=1 ack=8193 len=0',
      'server>client ACK seq=1 ack=9653 len=0',
      'server>client ACK seq=1 ack=10002 len=0',
      'server>client ACK,FIN seq=1 ack=10002 len=0',
      'client>server ACK seq=10002 ack=2 len=0',
    ]);
  });
  it('the window shrinks to 0, Linux probes with SND.UNA−1, and a window update reopens it', () => {
    const fromServer = r.trace.filter((x) => x.type === 'segment' && x.event === 'send' && x.from === 'server');
    expect(fromServer.some((x) => x.type === 'segment' && x.win === 0)).toBe(true);
    const probes = r.trace.filter((x) => x.type === 'segment' && x.event === 'send' && x.note === 'zero-window-probe');
    expect(probes.length).toBeGreaterThanOrEqual(2);
    for (const p of probes) expect(p.type === 'segment' && [p.len, p.rseq]).toEqual([0, 4096]);
    expect(r.trace.some((x) => x.type === 'segment' && x.event === 'send' && x.note === 'window-update' && x.win > 0)).toBe(true);
  });
  it('no data is lost: the server reads all 10000 bytes', () => {
    const got = r.trace.filter((x) => x.type === 'return' && x.host === 'server' && x.op === 'recv')
      .reduce((n, x) => n + (x.type === 'return' && isRecvResult(x.result) ? x.result.bytes : 0), 0);
    expect(got).toBe(10000);
  });
  it('the sender never has more in flight than the window the receiver advertised', () => {
    let wnd = Infinity;
    let una = 0;
    let nxt = 0;
    for (const x of r.trace) {
      if (x.type !== 'segment' || x.event !== 'deliver' && x.event !== 'send') continue;
      if (x.event === 'deliver' && x.from === 'server') { wnd = x.win; una = Math.max(una, x.rack); }
      if (x.event === 'send' && x.from === 'client' && x.len > 0 && x.note !== 'zero-window-probe') {
        nxt = Math.max(nxt, x.rseq + x.len);
        expect(nxt - una).toBeLessThanOrEqual(wnd);
      }
    }
  });
  it('rfc profile probes with one byte of new data', () => {
    const rr = run('zero-window', (s) => { s.tcp = { profile: 'rfc', windowScale: 0 }; });
    const probes = rr.trace.filter((x) => x.type === 'segment' && x.event === 'send' && x.note === 'zero-window-probe');
    expect(probes.length).toBeGreaterThan(0);
    for (const p of probes) expect(p.type === 'segment' && p.len).toBe(1);
  });
});

describe('sticky packets vs datagrams', () => {
  const r = run('sticky-tcp-vs-udp');
  it('full segment sequence: two TCP segments of 5 bytes, two UDP datagrams of 5 bytes', () => {
    // The bytes of the two send() calls travel as two segments yet are read by one recv(); the two sendto() stay two datagrams.
    expect(wire(r.trace)).toEqual([
      'client>server SYN seq=0 ack=0 len=0',
      'server>client ACK,SYN seq=0 ack=1 len=0',
      'client>server ACK seq=1 ack=1 len=0',
      'client>server ACK,PSH seq=1 ack=1 len=5',
      'client>server ACK,PSH seq=6 ack=1 len=5',
      'client>server UDP len=5',
      'client>server UDP len=5',
      'client>server ACK,FIN seq=11 ack=1 len=0',
      'server>client ACK seq=1 ack=6 len=0',
      'server>client ACK seq=1 ack=11 len=0',
      'server>client ACK seq=1 ack=12 len=0',
      'server>client ACK,FIN seq=1 ack=12 len=0',
      'client>server ACK seq=12 ack=2 len=0',
    ]);
  });
  it('two TCP sends arrive in one recv; two UDP sendto stay two datagrams', () => {
    const r = run('sticky-tcp-vs-udp');
    const server = returns(r.trace, 'server');
    expect(server).toContain('server recv → "HELLOWORLD"');
    expect(server).toContain('server recvfrom → "HELLO"');
    expect(server).toContain('server recvfrom → "WORLD"');
  });
});

describe('loss and fast retransmit', () => {
  it('three duplicate ACKs trigger a fast retransmit of the lost segment, and cwnd is halved (RFC 5681 §3.2)', () => {
    const r = run('loss-retransmit');
    const dups = r.trace.filter((x) => x.type === 'segment' && x.event === 'send' && x.note === 'dup-ack');
    expect(dups.length).toBeGreaterThanOrEqual(3);
    const fr = r.trace.filter((x) => x.type === 'segment' && x.event === 'send' && x.note === 'fast-retransmit');
    expect(fr.map((x) => x.type === 'segment' && x.rseq)).toEqual([4381]);
    const enter = r.trace.find((x) => x.type === 'cwnd' && x.phase === 'fast-recovery');
    expect(enter && enter.type === 'cwnd' && enter.ssthresh).toBe(9490);
    const got = returns(r.trace, 'server').filter((x) => x.startsWith('server recv')).join('');
    expect(got.length).toBeGreaterThan(0);
    const bytes = r.trace.filter((x) => x.type === 'return' && x.host === 'server' && x.op === 'recv')
      .reduce((n, x) => n + (x.type === 'return' && isRecvResult(x.result) ? x.result.bytes : 0), 0);
    expect(bytes).toBe(29200);
    expect(r.trace.some((x) => x.type === 'segment' && x.note === 'rto-retransmit')).toBe(false);
  });
});

describe('UDP echo', () => {
  it('no handshake: one datagram each way, sender address reported by recvfrom', () => {
    const r = run('udp-echo');
    expect(wire(r.trace)).toEqual(['client>server UDP len=4', 'server>client UDP len=4']);
    expect(r.trace.find((x) => x.type === 'return' && x.op === 'recvfrom' && x.host === 'server')).toMatchObject({ result: { bytes: 4, data: 'ping', from: '10.0.0.1:5000' } });
  });
  it('a datagram to a closed port is answered with ICMP port unreachable', () => {
    const r = run('udp-echo', (s) => { s.programs = [s.programs[1]]; });
    expect(wire(r.trace)).toEqual(['client>server UDP len=4', 'server>client ICMP port-unreachable']);
  });
});
