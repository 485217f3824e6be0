// What the transport layers need from their host: identity, clock, trace, randomness, IP output.
import type { Rng } from '../engine/rng';
import type { Scheduler } from '../engine/scheduler';
import type { Tracer } from '../trace/tracer';
import type { SegmentNote } from '../trace/records';
import type { Packet } from './packet';

export type PacketInput = Omit<Packet, 'id' | 'ttl' | 'ipId' | 'df'>;

export interface PacketMeta {
  /** Wireshark-style relative numbers for TCP (seq − sender's ISN, ack − receiver's ISN). */
  rseq?: number;
  rack?: number;
  /** Advertised window in bytes after scaling (the window field << our shift). */
  win?: number;
  note?: SegmentNote;
}

export interface HostContext {
  readonly name: string;
  readonly ip: string;
  readonly sched: Scheduler;
  readonly tracer: Tracer;
  readonly rng: Rng;
  nextSid(): number;
  /** Hand a packet to IP; returns its trace id. */
  output(p: PacketInput, meta: PacketMeta): number;
  /** Record that the host discarded a packet it received (e.g. a full accept queue). */
  discard(p: Packet, reason: 'backlog' | 'rcvbuf' | 'invalid'): void;
  isLocal(ip: string): boolean;
  /** MTU of the path to `ip` (for the MSS). */
  mtuTo(ip: string): number;
}
