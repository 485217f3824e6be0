// One direction of the path between two hosts: latency, jitter, loss, duplication, reordering,
// bandwidth (serialization delay behind a FIFO) and MTU, with its own seeded random stream.
import type { Rng } from '../engine/rng';

export interface LinkParams {
  latency: number;    // ms, one way
  jitter: number;     // ms, uniform extra delay in [0, jitter)
  loss: number;       // probability
  duplicate: number;  // probability
  reorder: number;    // probability that a packet is held back and overtaken
  bandwidth: number | null; // bytes per second; null = unlimited
  mtu: number;
}

export const DEFAULT_LINK: LinkParams = { latency: 10, jitter: 0, loss: 0, duplicate: 0, reorder: 0, bandwidth: null, mtu: 1500 };

/** What happens to one packet on the link. Times are µs of virtual time. */
export interface LinkFate {
  lost: boolean;
  /** When the packet has left the sender's interface (after queueing and serialization). */
  departUs: number;
  arriveUs: number;
  /** Arrival of a duplicate copy, if the link made one. */
  duplicateArriveUs: number | null;
}

export class Link {
  private busyUntilUs = 0;
  /** The answer of `transmit`, reused: it is read at once, and one object per packet adds up. */
  private readonly fate: LinkFate = { lost: false, departUs: 0, arriveUs: 0, duplicateArriveUs: null };

  constructor(readonly params: LinkParams, private readonly rng: Rng) {}

  /** Decide the packet's fate. Always draws the same number of random values per packet, so a
   *  change in one probability does not shift the draws of later packets. The answer is valid
   *  until the next call. */
  transmit(nowUs: number, sizeBytes: number, extraDelayMs: number, forceDuplicate: boolean): Readonly<LinkFate> {
    const p = this.params;
    const rLoss = this.rng.float();
    const rDup = this.rng.float();
    const rReorder = this.rng.float();
    const rJitter = this.rng.float();
    const rJitterDup = this.rng.float();
    const txUs = p.bandwidth ? Math.round((sizeBytes / p.bandwidth) * 1e6) : 0;
    const departUs = Math.max(nowUs, this.busyUntilUs) + txUs;
    this.busyUntilUs = departUs;
    const reorderUs = rReorder < p.reorder ? Math.max(p.latency, 1) * 1000 : 0;
    const base = departUs + Math.round((p.latency + extraDelayMs) * 1000);
    const arriveUs = base + Math.round(rJitter * p.jitter * 1000) + reorderUs;
    const dup = forceDuplicate || rDup < p.duplicate;
    const f = this.fate;
    f.lost = rLoss < p.loss;
    f.departUs = departUs;
    f.arriveUs = arriveUs;
    f.duplicateArriveUs = dup ? base + Math.round(rJitterDup * p.jitter * 1000) + 1 : null;
    return f;
  }
}
