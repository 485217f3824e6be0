// The state the views need, folded record by record. Values in the maps are replaced, never
// mutated, so a checkpoint is a cheap shallow copy of the maps.
import type { TraceRecord, TcpState, TimerName } from '../sim/trace/records';

export interface SockFold {
  state: TcpState | null;
  prev: TcpState | null;
  /** Step of the last state change (-1: none yet). */
  changedStep: number;
  /** Record indices of the latest buffer / cwnd / queue record, or -1. */
  buffer: number;
  cwnd: number;
  queue: number;
  /** The application still holds an fd for it. */
  fdOpen: boolean;
}

export interface TimerFold {
  sock: number;
  host: string;
  timer: TimerName;
  setRec: number;
  setT: number;
  at: number;
  backoff: number;
}

export type ProgramStatus = 'waiting' | 'running' | 'blocked' | 'ended' | 'stopped';

export interface ProgFold {
  status: ProgramStatus;
  /** Record index of the call in progress (or the last one), -1 if none. */
  call: number;
  /** Record index of the block record of the call in progress, -1 if it is not blocked. */
  block: number;
  /** Record index of the last return, -1 if none. */
  ret: number;
}

export interface FoldState {
  t: number;
  sockets: Map<number, SockFold>;
  timers: Map<string, TimerFold>;
  programs: Map<number, ProgFold>;
}

export function emptyFold(): FoldState {
  return { t: 0, sockets: new Map(), timers: new Map(), programs: new Map() };
}

export function cloneFold(s: FoldState): FoldState {
  return { t: s.t, sockets: new Map(s.sockets), timers: new Map(s.timers), programs: new Map(s.programs) };
}

const NEW_SOCK: SockFold = { state: null, prev: null, changedStep: -1, buffer: -1, cwnd: -1, queue: -1, fdOpen: false };
const NEW_PROG: ProgFold = { status: 'waiting', call: -1, block: -1, ret: -1 };

/** Apply record `i` (about socket `sock`, -1 if none) belonging to step `step`. */
export function applyRecord(s: FoldState, r: TraceRecord, i: number, sock: number, step: number): void {
  s.t = r.t;
  const sk = (id: number) => s.sockets.get(id) ?? NEW_SOCK;
  const pg = (p: number) => s.programs.get(p) ?? NEW_PROG;
  switch (r.type) {
    case 'program':
      s.programs.set(r.prog, { ...pg(r.prog), status: r.event === 'start' ? 'running' : r.event === 'end' ? 'ended' : 'stopped', block: -1 });
      break;
    case 'call':
      s.programs.set(r.prog, { ...pg(r.prog), status: 'running', call: i, block: -1 });
      break;
    case 'block':
      s.programs.set(r.prog, { ...pg(r.prog), status: 'blocked', block: i });
      break;
    case 'return': {
      const p = pg(r.prog);
      s.programs.set(r.prog, { ...p, status: p.status === 'ended' || p.status === 'stopped' ? p.status : 'running', block: -1, ret: i });
      if (sock >= 0 && r.error === undefined) {
        if (r.op === 'socket' || r.op === 'accept') s.sockets.set(sock, { ...sk(sock), fdOpen: true });
        else if (r.op === 'close') s.sockets.set(sock, { ...sk(sock), fdOpen: false });
      }
      break;
    }
    case 'state':
      if (sock >= 0) s.sockets.set(sock, { ...sk(sock), state: r.to, prev: r.from, changedStep: step });
      break;
    case 'buffer':
      if (sock >= 0) s.sockets.set(sock, { ...sk(sock), buffer: i });
      break;
    case 'cwnd':
      if (sock >= 0) s.sockets.set(sock, { ...sk(sock), cwnd: i });
      break;
    case 'queue':
      if (sock >= 0) s.sockets.set(sock, { ...sk(sock), queue: i });
      break;
    case 'timer': {
      const key = `${sock}|${r.timer}`;
      if (r.event === 'set') {
        s.timers.set(key, { sock, host: r.host, timer: r.timer, setRec: i, setT: r.t, at: r.at ?? r.t, backoff: r.backoff ?? 0 });
      } else {
        s.timers.delete(key);
      }
      break;
    }
    case 'segment':
    case 'datagram':
    case 'icmp':
      // Packets in flight are intervals over steps (see flights.ts); nothing to fold.
      break;
  }
}
