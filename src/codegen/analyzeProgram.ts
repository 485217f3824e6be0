// What the generators need to know beyond one step at a time: which socket each step works on,
// what that socket is for (Java picks ServerSocket, Socket or DatagramSocket when it is created;
// Node picks net.Server, net.Socket or dgram), whether it ever becomes non-blocking (Java then needs
// NIO channels), and which BSD calls a language folds into one (bind + listen in Java and Node).
import type { Scenario, Step } from '../scenarios/schema';
import { CodegenError } from './literals';
import type { SocketKind } from './types';

export interface SocketInstance {
  /** The scenario's name for it (`as`). */
  name: string;
  kind: SocketKind;
  /** Index of the step that creates it in this program; null when another program (thread) does. */
  createdAt: number | null;
  /** Set non-blocking at some point, or (listener) hands out sockets that are. */
  nonblocking: boolean;
  /** Watched by a poll step (Java's Selector takes only NIO channels; Node needs a queue it can look into). */
  polled: boolean;
  /** Java: an NIO channel from its creation (non-blocking at some point, polled, or accepted from or
   *  handing out a socket that is one). */
  channel: boolean;
  /** The listener it came from, for sockets created by accept in this program. */
  acceptedFrom?: SocketInstance;
  /** Step indices that operate on it. */
  uses: number[];
}

export interface ProgramModel {
  host: string;
  ip: string;
  programName?: string;
  steps: Step[];
  /** Per step: the socket it operates on (`sock`). */
  target: (SocketInstance | undefined)[];
  /** Per poll step: the sockets it watches (in `socks` order) and whether each was non-blocking then. */
  polled: { inst: SocketInstance; nonblocking: boolean }[][];
  /** Per step: the socket it creates (`socket`, `accept`). */
  created: (SocketInstance | undefined)[];
  /** Sockets used before (or without) being created in this program: declared up front. */
  hoisted: SocketInstance[];
  instances: SocketInstance[];
  /** Socket names assigned more than once (JavaScript declares them with `let`). */
  reassigned: Set<string>;
  /** Per step: the target was non-blocking when the step ran. */
  nonblockingAt: boolean[];
  /** Per close step: SO_LINGER was set to 0 (abortive close, RST). */
  lingerZeroAt: boolean[];
  /** bind step → the listen step that Java and Node perform in the same call. */
  listenOfBind: Map<number, number>;
  /** listen step → the bind step that already did it. */
  bindOfListen: Map<number, number>;
  /** connect step → the bind step of the same socket before it (Node binds inside connect). */
  bindOfConnect: Map<number, number>;
  /** Every socket name in the program, for naming. */
  names: Set<string>;
  /** An address for `to`: a host's IP, or the text itself (already an IP). */
  resolve(to: string): string;
}

/** `true`/non-zero turns a flag option on; for SO_LINGER a number is the linger time. */
export function optionOn(value: number | boolean): boolean {
  return value === true || (typeof value === 'number' && value !== 0);
}

const sockOf = (st: Step): string | undefined => ('sock' in st ? st.sock : undefined);
/** Every socket name a step refers to without creating it. */
export const socketsUsed = (st: Step): string[] => (st.op === 'poll' ? [...st.socks] : 'sock' in st ? [st.sock] : []);
const createsName = (st: Step): string | undefined => (st.op === 'socket' || st.op === 'accept' ? st.as : undefined);

/** What the socket named `name`, created by `steps[from]`, is used for later in `steps`. */
function usageKind(steps: readonly Step[], from: number, name: string): SocketKind | undefined {
  for (let i = from + 1; i < steps.length; i++) {
    const st = steps[i];
    if (sockOf(st) === name) {
      if (st.op === 'listen' || st.op === 'accept') return 'listener';
      if (st.op === 'connect' || st.op === 'send' || st.op === 'recv' || st.op === 'shutdown') return 'stream';
    }
    if (createsName(st) === name) return undefined;
  }
  return undefined;
}

/** Java: which sockets must be NIO channels; a listener and the sockets it accepts are alike. */
export function markChannels(instances: readonly SocketInstance[]): void {
  for (const inst of instances) if (inst.nonblocking || inst.polled) inst.channel = true;
  for (const inst of instances) if (inst.channel && inst.acceptedFrom) inst.acceptedFrom.channel = true;
  for (const inst of instances) if (inst.acceptedFrom?.channel) inst.channel = true;
}

export function analyzeProgram(scenario: Scenario, programIndex: number): ProgramModel {
  const programs = scenario.programs ?? [];
  if (!Number.isInteger(programIndex) || programIndex < 0 || programIndex >= programs.length) {
    throw new CodegenError(`programIndex ${programIndex} is out of range: the scenario has ${programs.length} program(s)`);
  }
  const program = programs[programIndex];
  const hostInfo = scenario.hosts?.[program.host];
  if (!hostInfo) throw new CodegenError(`programs[${programIndex}].host: no host named "${program.host}"`);
  const steps = program.steps;
  const siblings = programs.filter((p, i) => i !== programIndex && p.host === program.host);

  // A socket of another thread on this host: its kind comes from where that thread creates it.
  const kindElsewhere = (name: string): SocketKind | undefined => {
    for (const p of siblings) {
      const i = p.steps.findIndex((st) => createsName(st) === name);
      if (i < 0) continue;
      const st = p.steps[i];
      if (st.op === 'accept') return 'stream';
      if (st.op === 'socket' && st.type === 'dgram') return 'dgram';
      if (st.op === 'socket' && st.type === 'raw') return 'raw';
      const used = usageKind(p.steps, i, name);
      if (used) return used;
    }
    for (const p of siblings) {
      if (p.steps.some((st) => sockOf(st) === name && (st.op === 'listen' || st.op === 'accept'))) return 'listener';
    }
    return undefined;
  };

  const current = new Map<string, SocketInstance>();
  const instances: SocketInstance[] = [];
  const hoisted: SocketInstance[] = [];
  const target: (SocketInstance | undefined)[] = [];
  const created: (SocketInstance | undefined)[] = [];
  const assignments = new Map<string, number>();
  const names = new Set<string>();
  const nonblocking = new Map<SocketInstance, boolean>();
  const lingerZero = new Map<SocketInstance, boolean>();
  const nonblockingAt: boolean[] = [];
  const lingerZeroAt: boolean[] = [];

  const polled: { inst: SocketInstance; nonblocking: boolean }[][] = [];
  /** The socket `name` refers to at step `i`; one this program has not created is hoisted. */
  const lookup = (name: string, st: Step, i: number): SocketInstance => {
    names.add(name);
    let inst = current.get(name);
    if (!inst) {
      const guess: SocketKind = st.op === 'sendto' || st.op === 'recvfrom' ? 'dgram'
        : st.op === 'listen' || st.op === 'accept' ? 'listener' : 'stream';
      inst = { name, kind: kindElsewhere(name) ?? guess, createdAt: null, nonblocking: false, polled: false, channel: false, uses: [] };
      current.set(name, inst);
      instances.push(inst);
      hoisted.push(inst);
      assignments.set(name, 1);
    }
    if (!inst.uses.includes(i)) inst.uses.push(i);
    return inst;
  };

  steps.forEach((st, i) => {
    const sock = sockOf(st);
    const inst = sock === undefined ? undefined : lookup(sock, st, i);
    polled.push(st.op === 'poll' ? st.socks.map((name) => {
      const p = lookup(name, st, i);
      p.polled = true;
      return { inst: p, nonblocking: nonblocking.get(p) === true };
    }) : []);
    target.push(inst);
    nonblockingAt.push(inst ? nonblocking.get(inst) === true : false);
    lingerZeroAt.push(inst ? lingerZero.get(inst) === true : false);
    if (inst && st.op === 'setsockopt') {
      if (st.name === 'O_NONBLOCK') {
        nonblocking.set(inst, optionOn(st.value));
        if (optionOn(st.value)) inst.nonblocking = true;
      }
      if (st.name === 'SO_LINGER') lingerZero.set(inst, st.value === 0 || st.value === true);
    }

    const made = createsName(st);
    let inst2: SocketInstance | undefined;
    if (made !== undefined) {
      names.add(made);
      const kind: SocketKind = st.op === 'accept' ? 'stream'
        : st.op === 'socket' && st.type === 'dgram' ? 'dgram'
          : st.op === 'socket' && st.type === 'raw' ? 'raw'
          : usageKind(steps, i, made) ?? kindElsewhere(made) ?? 'stream';
      inst2 = { name: made, kind, createdAt: i, nonblocking: false, polled: false, channel: false, uses: [], acceptedFrom: st.op === 'accept' ? inst : undefined };
      current.set(made, inst2);
      instances.push(inst2);
      assignments.set(made, (assignments.get(made) ?? 0) + 1);
    }
    created.push(inst2);
  });

  // Java: a listener whose accepted sockets go non-blocking must itself be a channel.
  for (const inst of instances) if (inst.nonblocking && inst.acceptedFrom) inst.acceptedFrom.nonblocking = true;
  for (const inst of instances) if (inst.acceptedFrom?.nonblocking) inst.nonblocking = true;
  markChannels(instances);

  const listenOfBind = new Map<number, number>();
  const bindOfListen = new Map<number, number>();
  const bindOfConnect = new Map<number, number>();
  for (const inst of instances) {
    let bind: number | undefined;
    for (const i of inst.uses) {
      const op = steps[i].op;
      if (op === 'bind') bind = i;
      else if (op === 'listen' && bind !== undefined && inst.kind === 'listener' && !listenOfBind.has(bind)) {
        listenOfBind.set(bind, i);
        bindOfListen.set(i, bind);
      } else if (op === 'connect' && bind !== undefined && inst.kind === 'stream') bindOfConnect.set(i, bind);
    }
  }

  const ipOf = new Map(Object.entries(scenario.hosts).map(([name, h]) => [name, h.ip]));
  return {
    host: program.host,
    ip: hostInfo.ip,
    programName: program.name,
    steps,
    target,
    polled,
    created,
    hoisted,
    instances,
    reassigned: new Set([...assignments].filter(([, n]) => n > 1).map(([name]) => name)),
    nonblockingAt,
    lingerZeroAt,
    listenOfBind,
    bindOfListen,
    bindOfConnect,
    names,
    resolve: (to) => ipOf.get(to) ?? to,
  };
}
