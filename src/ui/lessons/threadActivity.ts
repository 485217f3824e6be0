// What each thread (program) of one host does over virtual time, read from the trace alone: the
// calls it makes, which of them block and for how long (and waiting for what), when it starts
// and ends. The thread-activity chart draws this; pure data, no React.
import type { Scenario } from '../../scenarios/schema';
import type { BlockRecord, CallRecord, TraceRecord } from '../../sim/trace/records';

export type WaitKind = 'accept' | 'recv' | 'poll' | 'sleep' | 'other';

/** A call that blocked: from its call to its return (`toRec` -1 while it never returned). */
export interface BlockedSpan {
  kind: 'blocked';
  wait: WaitKind;
  op: string;
  /** The socket name(s) it waits on, as the program names them ("listener", "a1", "listener, c1"). */
  on: string;
  waitingFor: BlockRecord['waitingFor'];
  from: number;
  fromRec: number;
  to: number;
  toRec: number;
  error?: string;
}

export interface InstantCall { op: string; on: string; rec: number; error?: string }

/** Calls that returned at once, made one after the other at the same virtual time. */
export interface CallBurst {
  kind: 'calls';
  at: number;
  calls: InstantCall[];
}

export type Activity = BlockedSpan | CallBurst;

export interface ThreadRow {
  prog: number;
  name: string;
  /** Started by another thread's spawn (else by the scenario). */
  spawned: boolean;
  start: number;
  startRec: number;
  end: number;
  endRec: number;
  /** The program stopped on a failed call with expect: ok. */
  stopped: boolean;
  activities: Activity[];
}

export interface ThreadActivity {
  host: string;
  rows: ThreadRow[];
  /** The time span of the host's activity. */
  t0: number;
  t1: number;
}

const waitKind = (op: string): WaitKind => {
  if (op === 'accept') return 'accept';
  if (op === 'recv' || op === 'recvfrom') return 'recv';
  if (op === 'poll') return 'poll';
  if (op === 'sleep') return 'sleep';
  return 'other';
};

function onWhat(c: CallRecord): string {
  const a = c.args as { sock?: unknown; socks?: unknown; ms?: unknown };
  if (Array.isArray(a.socks)) return a.socks.join(', ');
  if (typeof a.sock === 'string') return a.sock;
  if (c.op === 'sleep' && typeof a.ms === 'number') return `${a.ms} ms`;
  return '';
}

/** The host the chart is about: the one with the most programs (a server with threads). */
export function busiestHost(scenario: Scenario): string | null {
  const n = new Map<string, number>();
  for (const p of scenario.programs) n.set(p.host, (n.get(p.host) ?? 0) + 1);
  let best: string | null = null;
  for (const [h, k] of n) if (best === null || k > n.get(best)!) best = h;
  return best;
}

export function threadActivity(scenario: Scenario, trace: readonly TraceRecord[], host = busiestHost(scenario)): ThreadActivity | null {
  if (host === null) return null;
  const rows = new Map<number, ThreadRow>();
  scenario.programs.forEach((p, i) => {
    if (p.host !== host) return;
    rows.set(i, {
      prog: i, name: p.name ?? `#${i}`, spawned: p.start === 'spawn',
      start: -1, startRec: -1, end: -1, endRec: -1, stopped: false, activities: [],
    });
  });
  if (rows.size === 0) return null;
  const open = new Map<number, { call: CallRecord; rec: number; span?: BlockedSpan }>();
  let t0 = Infinity;
  let t1 = -Infinity;
  trace.forEach((r, i) => {
    if (r.type !== 'program' && r.type !== 'call' && r.type !== 'block' && r.type !== 'return') return;
    if (r.host !== host) return;
    const row = rows.get(r.prog);
    if (!row) return;
    t0 = Math.min(t0, r.t);
    t1 = Math.max(t1, r.t);
    if (r.type === 'program') {
      if (r.event === 'start') { row.start = r.t; row.startRec = i; } else { row.end = r.t; row.endRec = i; row.stopped = r.event === 'stopped'; }
    } else if (r.type === 'call') {
      open.set(r.id, { call: r, rec: i });
    } else if (r.type === 'block') {
      const o = open.get(r.id);
      if (!o) return;
      o.span = {
        kind: 'blocked', wait: waitKind(o.call.op), op: o.call.op, on: onWhat(o.call), waitingFor: r.waitingFor,
        from: o.call.t, fromRec: o.rec, to: -1, toRec: -1,
      };
      row.activities.push(o.span);
    } else {
      const o = open.get(r.id);
      if (!o) return;
      open.delete(r.id);
      if (o.span) {
        o.span.to = r.t;
        o.span.toRec = i;
        if (r.error) o.span.error = r.error;
        return;
      }
      const call: InstantCall = { op: o.call.op, on: onWhat(o.call), rec: o.rec, ...(r.error ? { error: r.error } : {}) };
      const last = row.activities[row.activities.length - 1];
      if (last?.kind === 'calls' && last.at === o.call.t) last.calls.push(call);
      else row.activities.push({ kind: 'calls', at: o.call.t, calls: [call] });
    }
  });
  if (!Number.isFinite(t0)) { t0 = 0; t1 = 1; }
  return { host, rows: [...rows.values()], t0, t1: Math.max(t1, t0 + 1) };
}

/** What a thread is doing once the records up to `last` (a trace index) have happened. */
export type ThreadStatus =
  | { kind: 'not-started' }
  | { kind: 'finished'; at: number; stopped: boolean }
  | { kind: 'blocked'; span: BlockedSpan }
  | { kind: 'running'; op: string | null };

export function statusAt(row: ThreadRow, last: number): ThreadStatus {
  if (row.startRec < 0 || row.startRec > last) return { kind: 'not-started' };
  if (row.endRec >= 0 && row.endRec <= last) return { kind: 'finished', at: row.end, stopped: row.stopped };
  for (let i = row.activities.length - 1; i >= 0; i--) {
    const a = row.activities[i];
    if (a.kind === 'blocked') {
      if (a.fromRec > last) continue;
      if (a.toRec < 0 || a.toRec > last) return { kind: 'blocked', span: a };
      return { kind: 'running', op: null };
    }
    const done = a.calls.filter((c) => c.rec <= last);
    if (done.length > 0) return { kind: 'running', op: done[done.length - 1].op };
  }
  return { kind: 'running', op: null };
}
