// Prints how long pcap export and capture import take for a bulk TCP transfer of N segments
// (each data segment answered by an ACK). Run: ./node_modules/.bin/tsx bench/pcapImport.bench.ts [N]
import { performance } from 'node:perf_hooks';
import { ACK, FIN, PSH, SYN, type Packet } from '../src/sim/net/packet';
import { writePcap, type PcapFrame } from '../src/sim/pcap/pcapWriter';
import { readCapture } from '../src/sim/pcap/readCapture';
import { captureToTrace } from '../src/sim/pcap/captureToTrace';
import { isCaptureError } from '../src/sim/pcap/captureError';

const n = Number(process.argv[2] ?? 20_000);
const payload = new Uint8Array(1448);
const seg = (t: number, fromC: boolean, flags: number, seq: number, ack: number, len = 0): PcapFrame => {
  const packet: Packet = {
    id: 0, src: fromC ? '10.0.0.1' : '10.0.0.2', dst: fromC ? '10.0.0.2' : '10.0.0.1', ttl: 64, ipId: 0, df: true, proto: 'tcp',
    tcp: { srcPort: fromC ? 40000 : 80, dstPort: fromC ? 80 : 40000, seq: seq >>> 0, ack: ack >>> 0, flags, window: 512, urgent: 0, options: [], payload: len ? payload.subarray(0, len) : new Uint8Array(0) },
  };
  return { t, packet };
};
const frames: PcapFrame[] = [seg(0, true, SYN, 100, 0), seg(10, false, SYN | ACK, 900, 101), seg(20, true, ACK, 101, 901)];
let seq = 101;
for (let i = 0; i < n / 2; i++) {
  frames.push(seg(21 + i * 0.1, true, PSH | ACK, seq, 901, 1448));
  seq += 1448;
  frames.push(seg(21.05 + i * 0.1, false, ACK, 901, seq));
}
frames.push(seg(30 + n * 0.05, true, FIN | ACK, seq, 901));

const time = <T>(label: string, f: () => T): T => {
  const t0 = performance.now();
  const r = f();
  console.log(`${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return r;
};
const bytes = time(`writePcap, ${frames.length} frames`, () => writePcap(frames));
console.log(`file size: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB`);
const cap = time('readCapture', () => readCapture(bytes));
if (isCaptureError(cap)) throw new Error(cap.code);
const t = time('captureToTrace', () => captureToTrace(cap));
console.log(`trace records: ${t.trace.length}`);
