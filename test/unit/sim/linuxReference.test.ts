// The linux profile against a real Linux capture: test/fixtures/loopback-echo.pcap was recorded
// with tcpdump on this kind of machine (test/fixtures/README.md). The same program, simulated with
// Linux's default delayed ACKs, must put the same segments on the wire: same flags, same relative
// seq/ack, same lengths, in the same order. (Windows differ: real loopback uses a 64 KiB MTU and
// larger buffers with window scale 10; SACK and timestamps are not modelled — docs/simulator.md.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importCapture, isCaptureError } from '../../../src/sim/pcap';
import { simulate } from '../../../src/sim';
import { parseScenario } from '../../../src/scenarios/schema';
import type { TraceRecord } from '../../../src/sim/trace/records';

const SERVER_PORT = ':47001';

function shape(trace: readonly TraceRecord[], match: (src: string, dst: string) => boolean): string[] {
  return trace.flatMap((r) => r.type === 'segment' && r.event === 'send' && match(r.src, r.dst)
    ? [`${r.src.endsWith(SERVER_PORT) ? 'S>C' : 'C>S'} ${r.flags.join(',')} seq=${r.rseq} ack=${r.rack} len=${r.len}`] : []);
}

function real(): TraceRecord[] {
  const cap = importCapture(new Uint8Array(readFileSync('test/fixtures/loopback-echo.pcap')));
  if (isCaptureError(cap)) throw new Error(cap.code);
  return cap.trace;
}

// test/fixtures/loopback-traffic.mjs, step by step: a Node echo server that ends its side when the
// client ends, and a client that writes, waits for the echo, pauses 20 ms, twice, then ends.
const echoProgram = {
  format: 'socketlab-scenario/1', seed: 1,
  network: { latency: 0.01, mtu: 65536 },
  tcp: { profile: 'linux', delayedAck: true, mss: 65495 },
  hosts: { lo: { ip: '127.0.0.1' } },
  programs: [
    { host: 'lo', steps: [
      { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', ip: '127.0.0.1', port: 47001 },
      { op: 'listen', sock: 'l', backlog: 511 }, { op: 'accept', sock: 'l', as: 'c' },
      { op: 'recv', sock: 'c', max: 65536 }, { op: 'send', sock: 'c', data: 'hello\n' },
      { op: 'recv', sock: 'c', max: 65536 }, { op: 'send', sock: 'c', data: 'bye\n' },
      { op: 'recv', sock: 'c', max: 65536 }, { op: 'shutdown', sock: 'c', how: 'wr' }] },
    { host: 'lo', steps: [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: '127.0.0.1', port: 47001 },
      { op: 'send', sock: 's', data: 'hello\n' }, { op: 'recv', sock: 's', max: 65536 }, { op: 'sleep', ms: 20 },
      { op: 'send', sock: 's', data: 'bye\n' }, { op: 'recv', sock: 's', max: 65536 }, { op: 'sleep', ms: 20 },
      { op: 'shutdown', sock: 's', how: 'wr' }, { op: 'recv', sock: 's', max: 65536 }, { op: 'close', sock: 's' }] },
  ],
};

describe('linux profile vs a real Linux loopback capture', () => {
  it('TCP echo with an orderly close: the same segments, including quick ACKs, piggybacked ACKs and FIN,ACK', () => {
    const parsed = parseScenario(echoProgram);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const sim = simulate(parsed.scenario).trace;
    const onPort = (a: string, b: string) => a.endsWith(SERVER_PORT) || b.endsWith(SERVER_PORT);
    const expected = shape(real(), onPort);
    expect(expected).toHaveLength(12);
    expect(shape(sim, onPort)).toEqual(expected);
  });

  it('connection refused: SYN answered by RST,ACK with seq 0 and ack ISN+1, as the real kernel does', () => {
    const refused = (a: string, b: string) => a.endsWith(':47004') || b.endsWith(':47004');
    const realShape = real().flatMap((r) => r.type === 'segment' && r.event === 'send' && refused(r.src, r.dst) ? [`${r.flags.join(',')} seq=${r.seq === 0 ? 0 : 'isn'} ack=${r.rack} len=${r.len}`] : []);
    const parsed = parseScenario({
      format: 'socketlab-scenario/1', seed: 1, hosts: { lo: { ip: '127.0.0.1' } },
      programs: [{ host: 'lo', steps: [{ op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: '127.0.0.1', port: 47004 }] }],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const simShape = simulate(parsed.scenario).trace.flatMap((r) => r.type === 'segment' && r.event === 'send' ? [`${r.flags.join(',')} seq=${r.seq === 0 ? 0 : 'isn'} ack=${r.rack} len=${r.len}`] : []);
    expect(realShape).toEqual(['SYN seq=isn ack=0 len=0', 'ACK,RST seq=0 ack=1 len=0']);
    expect(simShape).toEqual(realShape);
  });
});
