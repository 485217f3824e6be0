// The result of attempting a socket call: done (a result or an errno), or blocked until one of
// the sockets it waits on changes — then the program tries again.
import type { BlockRecord, Errno, PollResult, RecvResult } from '../trace/records';
import type { WaitList } from '../engine/waitList';

export interface Waitable {
  readonly waiters: WaitList;
}

export type Outcome =
  | { kind: 'done'; result?: number | RecvResult | PollResult; error?: Errno; sid?: number; sock?: string }
  | { kind: 'block'; waitingFor: BlockRecord['waitingFor']; on: Waitable | Waitable[] | null; wakeAtUs?: number; retry: () => Outcome };

export const ok = (result: number | RecvResult | PollResult = 0, extra?: { sid?: number; sock?: string }): Outcome =>
  (extra ? { kind: 'done', result, sid: extra.sid, sock: extra.sock } : { kind: 'done', result });
export const fail = (error: Errno): Outcome => ({ kind: 'done', error });
