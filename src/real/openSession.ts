// Saving the real session on the stage as JSON, and opening such a file again: it replays like
// any run (read-only, no bridge needed), with its packets rebuilt from the trace.
import type { AppStore } from '../store/createAppStore';
import type { Run } from '../store/types';
import { packetsFromRealTrace } from './realPackets';
import { hostIps } from './hostIps';
import { REAL_SESSION_FORMAT, MAX_SESSION_BYTES, parseRealSession, serializeRealSession, type RealSessionFile } from './sessionFile';

export function sessionFromRun(run: Run): RealSessionFile {
  const trace = [...run.trace];
  return {
    format: REAL_SESSION_FORMAT,
    title: run.title ?? 'session',
    bridge: {
      capture: trace.some((r) => r.type === 'segment'),
      kernelStates: trace.some((r) => r.type === 'state'),
      classroom: false,
    },
    hosts: run.ips ?? hostIps(trace),
    trace,
  };
}

export function sessionJson(run: Run): string {
  return serializeRealSession(sessionFromRun(run));
}

/** Opens parsed JSON that claims to be a real session; false (and a notice) if it is not valid. */
export function openRealSession(store: AppStore, json: unknown, size: number, name: string): boolean {
  if (size > MAX_SESSION_BYTES) {
    store.getState().notify({ kind: 'error', key: 'error.session', params: { path: '(file)', expected: 'schema.maxBytes', max: MAX_SESSION_BYTES }, keyParams: ['expected'] });
    return false;
  }
  const r = parseRealSession(json);
  if (!r.ok) {
    store.getState().notify({ kind: 'error', key: 'error.session', params: { ...r.error.problem.params, path: r.error.path, expected: r.error.problem.key }, keyParams: ['expected'] });
    return false;
  }
  const { trace, hosts } = r.session;
  store.getState().setLive({ trace, packets: packetsFromRealTrace(trace) }, { ips: { ...hostIps(trace), ...hosts }, title: name, live: false });
  return true;
}

/** Shows a decoded session (from a share link) at the given step. */
export function showRealSession(store: AppStore, session: RealSessionFile, step: number, name: string): void {
  const { trace, hosts } = session;
  store.getState().setLive({ trace, packets: packetsFromRealTrace(trace) }, { ips: { ...hostIps(trace), ...hosts }, title: name, live: false });
  const last = Math.max(0, (store.getState().run?.timeline.steps.length ?? 1) - 1);
  store.getState().seek(Math.min(step, last));
}
