// The timeline: a pure function of the trace. It splits the trace into steps, links records to
// sockets and packet flights, and answers `viewAt(cursor)` — everything the views draw at a step.
// Seeking is O(K) records from the nearest checkpoint (a snapshot every K steps), so any step of
// a long trace is one short fold away, forward or backward alike.
import type {
  TraceRecord, BufferRecord, CwndRecord, QueueRecord, CallRecord, BlockRecord, ReturnRecord, TcpState, TimerName,
} from '../sim/trace/records';
import { buildSteps, type TimelineStep } from './buildSteps';
import { indexSockets, knownAt, type SocketInfo, type SocketKnown } from './socketRegistry';
import { buildFlights, type Flight } from './flights';
import { applyRecord, cloneFold, emptyFold, type FoldState, type ProgramStatus, type TimerFold } from './foldState';

export interface SocketView {
  /** The socket over the whole run: use it to find its lane, not to say what the student sees. */
  info: SocketInfo;
  /** What the run has shown of it so far: fd, name and addresses as of the cursor. */
  known: SocketKnown;
  /** A listener's new connection that no accept() has returned yet (so no fd, no name). */
  unaccepted: boolean;
  state: TcpState | null;
  prev: TcpState | null;
  /** The state changed in the current step. */
  changedNow: boolean;
  fdOpen: boolean;
  buffer?: BufferRecord;
  cwnd?: CwndRecord;
  queue?: QueueRecord;
}

export interface FlightView {
  flight: Flight;
  /** Fraction of the trip done at the cursor's virtual time (0 = just left, 1 = arriving). */
  progress: number;
}

export interface TimerView extends TimerFold {
  /** Fraction of the timer's duration elapsed at the cursor's virtual time. */
  progress: number;
}

export interface ProgramView {
  prog: number;
  host: string;
  status: ProgramStatus;
  call?: CallRecord;
  block?: BlockRecord;
  lastReturn?: ReturnRecord;
  /** The last return happened in the current step. */
  returnedNow: boolean;
}

export interface Transition { sock: number; from: TcpState; to: TcpState; rec: number }

export interface StageView {
  /** Number of steps applied (0 = before anything happened). */
  cursor: number;
  t: number;
  /** The step just applied, or null at cursor 0. */
  step: TimelineStep | null;
  sockets: SocketView[];
  inFlight: FlightView[];
  timers: TimerView[];
  programs: ProgramView[];
  /** State changes made by the current step, in order. */
  transitions: Transition[];
}

export interface Timeline {
  trace: readonly TraceRecord[];
  steps: readonly TimelineStep[];
  sockets: readonly SocketInfo[];
  flights: readonly Flight[];
  /** Socket id per record (-1: none). */
  recSock: Int32Array;
  /** Highest valid cursor (= number of steps). */
  length: number;
  viewAt(cursor: number): StageView;
}

export const CHECKPOINT_EVERY = 64;

/** Timers that belong to one state and end when the socket leaves it. */
const STATE_TIMERS: Partial<Record<TimerName, TcpState>> = { 'fin-wait-2': 'FIN_WAIT_2', 'time-wait': 'TIME_WAIT' };

/**
 * When a packet's trip ends, as it was decided when the packet left: the simulator fixes a
 * packet's arrival at its send (link latency, jitter, queueing). A packet lost on the way is
 * recorded lost halfway through the trip it would have made, so its trip is twice that long:
 * a packet travels at the same speed whether or not it is later lost, and dropping it (which
 * re-simulates the run) does not move it at any step before the loss. While the end is unknown
 * (the run ended first) the packet stays where it left.
 */
export function tripEndTime(trace: readonly TraceRecord[], f: Flight): number {
  const t0 = trace[f.sendRec].t;
  if (f.endRec < 0) return t0;
  const end = trace[f.endRec];
  const lostOnTheWay = f.fate === 'drop' && 'reason' in end && (end.reason === 'fault' || end.reason === 'loss');
  return lostOnTheWay ? 2 * end.t - t0 : end.t;
}

export function clampCursor(cursor: number, length: number): number {
  if (!Number.isFinite(cursor)) return 0;
  return Math.max(0, Math.min(length, Math.trunc(cursor)));
}

export function createTimeline(trace: readonly TraceRecord[], every = CHECKPOINT_EVERY): Timeline {
  const steps = buildSteps(trace);
  const socks = indexSockets(trace);
  const flights = buildFlights(trace, steps, socks);
  const tripEnd = flights.map((f) => tripEndTime(trace, f));
  const programHosts = new Map<number, string>();
  for (const r of trace) {
    if ((r.type === 'program' || r.type === 'call') && !programHosts.has(r.prog)) programHosts.set(r.prog, r.host);
  }
  // A capture has no programs: nothing in it ever accepts a connection.
  const hasPrograms = programHosts.size > 0;

  const applyStep = (s: FoldState, k: number) => {
    const st = steps[k];
    for (let i = st.first; i <= st.last; i++) applyRecord(s, trace[i], i, socks.recSock[i], k);
  };

  // checkpoints[j] = state after applying steps [0, j·every).
  const checkpoints: FoldState[] = [emptyFold()];
  {
    const s = emptyFold();
    for (let k = 0; k < steps.length; k++) {
      applyStep(s, k);
      if ((k + 1) % every === 0) checkpoints.push(cloneFold(s));
    }
  }

  const viewAt = (cursorIn: number): StageView => {
    const cursor = clampCursor(cursorIn, steps.length);
    const base = Math.floor(cursor / every);
    const s = cloneFold(checkpoints[Math.min(base, checkpoints.length - 1)]);
    for (let k = Math.min(base, checkpoints.length - 1) * every; k < cursor; k++) applyStep(s, k);
    const current = cursor > 0 ? cursor - 1 : -1;
    const step = current >= 0 ? steps[current] : null;
    const t = step ? step.t : 0;

    const sockets: SocketView[] = [];
    for (const [id, f] of s.sockets) {
      const known = knownAt(socks, id, step ? step.last : -1);
      sockets.push({
        info: socks.sockets[id], known, unaccepted: hasPrograms && known.fd === undefined && socks.sockets[id].parent !== undefined, state: f.state, prev: f.prev, changedNow: f.changedStep === current && current >= 0,
        fdOpen: f.fdOpen,
        buffer: f.buffer >= 0 ? trace[f.buffer] as BufferRecord : undefined,
        cwnd: f.cwnd >= 0 ? trace[f.cwnd] as CwndRecord : undefined,
        queue: f.queue >= 0 ? trace[f.queue] as QueueRecord : undefined,
      });
    }
    sockets.sort((a, b) => a.info.id - b.info.id);

    const inFlight: FlightView[] = [];
    for (const fl of flights) {
      if (fl.sendStep > current) break; // flights are in send order
      if (fl.endStep <= current) continue;
      const t0 = trace[fl.sendRec].t;
      const t1 = tripEnd[fl.index];
      inFlight.push({ flight: fl, progress: t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0 });
    }

    const timers: TimerView[] = [];
    for (const tm of s.timers.values()) {
      // A timer whose socket is closed, or whose deadline passed with no `fire`, no longer runs;
      // nor does a state's own timer once the socket left that state (the simulator may record
      // the cancel a step later, after the segment the state change sends).
      const state = s.sockets.get(tm.sock)?.state;
      if (state === 'CLOSED' || tm.at < t) continue;
      const own = STATE_TIMERS[tm.timer];
      if (own && state !== own) continue;
      const span = tm.at - tm.setT;
      timers.push({ ...tm, progress: span > 0 ? Math.min(1, Math.max(0, (t - tm.setT) / span)) : 1 });
    }
    timers.sort((a, b) => a.setRec - b.setRec);

    const programs: ProgramView[] = [];
    for (const [prog, host] of [...programHosts].sort((a, b) => a[0] - b[0])) {
      const p = s.programs.get(prog);
      programs.push({
        prog, host, status: p?.status ?? 'waiting',
        call: p && p.call >= 0 ? trace[p.call] as CallRecord : undefined,
        block: p && p.block >= 0 ? trace[p.block] as BlockRecord : undefined,
        lastReturn: p && p.ret >= 0 ? trace[p.ret] as ReturnRecord : undefined,
        returnedNow: !!step && !!p && p.ret >= step.first && p.ret <= step.last,
      });
    }

    const transitions: Transition[] = [];
    if (step) {
      for (let i = step.first; i <= step.last; i++) {
        const r = trace[i];
        if (r.type === 'state') transitions.push({ sock: socks.recSock[i], from: r.from, to: r.to, rec: i });
      }
    }
    return { cursor, t, step, sockets, inFlight, timers, programs, transitions };
  };

  return { trace, steps, sockets: socks.sockets, flights, recSock: socks.recSock, length: steps.length, viewAt };
}
