// A RST sent by a connection that has an ISN carries Wireshark's relative sequence number in the
// trace (`rseq` = seq − the sender's ISN, spec: segment records), not 0.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import type { Scenario } from '../../../src/scenarios/schema';
import type { SegmentRecord } from '../../../src/sim/trace/records';

describe('relative numbers of RSTs', () => {
  it('data arriving after close(): the RST <SEQ=SEG.ACK> has rseq = SEG.ACK − ISS (2: after SYN and FIN)', () => {
    const sc: Scenario = {
      format: 'socketlab-scenario/1', seed: 4,
      hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
      programs: [
        { host: 'server', steps: [
          { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 1 },
          { op: 'accept', sock: 'l', as: 'c' }, { op: 'close', sock: 'c' }] },
        { host: 'client', steps: [
          { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
          { op: 'sleep', ms: 100 }, { op: 'send', sock: 's', data: 'late' }] },
      ],
    };
    const segs = simulate(sc).trace.filter((r): r is SegmentRecord => r.type === 'segment' && r.event === 'send');
    const synAck = segs.find((r) => r.from === 'server' && r.flags.includes('SYN'))!;
    const rst = segs.find((r) => r.note === 'rst-data-after-close')!;
    expect(rst).toBeDefined();
    expect(rst.seq).toBe((synAck.seq + 2) >>> 0);
    expect(rst.rseq).toBe(2);
  });
});
