// Whether a backed-off timer really doubled: the stage's timer bar and the narration both say
// "×2^backoff" only when the trace shows it. Linux retries a SYN at a steady 1 s at first
// (tcp_syn_linear_timeouts), and the RTO is capped (rtoMax): then neither claims a doubling.
import type { TraceRecord } from '../sim/trace/records';

/**
 * For the timer `set` record at `setIndex`: 2^backoff when its span is the series' base span ×
 * 2^backoff (the base: the last `set` of the same timer on the same socket with backoff 0),
 * else null (no backoff, or a span that did not double).
 */
export function backoffFactor(trace: readonly TraceRecord[], setIndex: number): number | null {
  const set = trace[setIndex];
  if (set?.type !== 'timer' || set.event !== 'set' || !set.backoff || set.at === undefined) return null;
  for (let i = setIndex - 1; i >= 0; i--) {
    const r = trace[i];
    if (r.type !== 'timer' || r.event !== 'set' || r.sid !== set.sid || r.timer !== set.timer || (r.backoff ?? 0) > 0) continue;
    const factor = 2 ** set.backoff;
    const base = (r.at ?? r.t) - r.t;
    return base > 0 && set.at - set.t === base * factor ? factor : null;
  }
  return null;
}
