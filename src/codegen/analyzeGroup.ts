// Threads: a program that another one starts with a `spawn` step (pthread_create) is a function of
// the same process, so the generated file is the whole process — the program that no spawn starts
// as `main`, each program it starts (directly or through another) as a worker function — and the
// sockets that several threads name are shared variables, exactly as the simulator resolves a
// socket name per host at the moment a step runs.
import type { Scenario } from '../scenarios/schema';
import { analyzeProgram, markChannels, socketsUsed, type ProgramModel, type SocketInstance } from './analyzeProgram';

export interface GroupMember {
  /** Index in scenario.programs. */
  index: number;
  model: ProgramModel;
  /** 0 for the program that runs as main; 1, 2… for the worker functions, in program order. */
  ordinal: number;
}

export interface GroupModel {
  /** The main program first, then the workers in program order. */
  members: GroupMember[];
  /** Position in `members` of the program that was asked for. */
  selected: number;
  /** Socket names that more than one member names: file-scope (module, static) variables. */
  shared: Set<string>;
  /** Program index → ordinal of its worker function. */
  ordinalOf: Map<number, number>;
}

/** The program that started `index` (the one with the spawn step), if any. */
function spawnerOf(scenario: Scenario, index: number): number | undefined {
  const p = scenario.programs[index];
  if (p.start !== 'spawn') return undefined;
  const i = scenario.programs.findIndex((q, qi) => qi !== index && q.host === p.host && q.steps.some((st) => st.op === 'spawn' && st.program === index));
  return i < 0 ? undefined : i;
}

/** Programs `index` starts with spawn steps (valid targets only). */
function spawnedBy(scenario: Scenario, index: number): number[] {
  const host = scenario.programs[index].host;
  return scenario.programs[index].steps.flatMap((st) => {
    if (st.op !== 'spawn') return [];
    const target = scenario.programs[st.program];
    return target && st.program !== index && target.host === host && target.start === 'spawn' ? [st.program] : [];
  });
}

export function analyzeGroup(scenario: Scenario, programIndex: number): GroupModel {
  const model = analyzeProgram(scenario, programIndex);
  // Climb to the program no spawn starts (a cycle, which validation rules out, stops the climb).
  let root = programIndex;
  const seen = new Set([root]);
  for (let up = spawnerOf(scenario, root); up !== undefined && !seen.has(up); up = spawnerOf(scenario, up)) {
    seen.add(up);
    root = up;
  }
  const found = new Set([root]);
  const queue = [root];
  while (queue.length > 0) for (const w of spawnedBy(scenario, queue.shift()!)) if (!found.has(w)) { found.add(w); queue.push(w); }
  const order = [root, ...[...found].filter((i) => i !== root).sort((a, b) => a - b)];
  if (!found.has(programIndex)) order.splice(0, order.length, programIndex);

  const ordinalOf = new Map(order.slice(1).map((idx, k) => [idx, k + 1]));
  const members = order.map((index) => ({ index, model: index === programIndex ? model : analyzeProgram(scenario, index), ordinal: ordinalOf.get(index) ?? 0 }));

  const namedBy = new Map<string, Set<number>>();
  for (const m of members) {
    for (const st of m.model.steps) {
      const names = [...socketsUsed(st), ...('as' in st && st.as ? [st.as] : [])];
      for (const n of names) namedBy.set(n, (namedBy.get(n) ?? new Set()).add(m.index));
    }
  }
  const shared = new Set(members.length < 2 ? [] : [...namedBy].filter(([, by]) => by.size > 1).map(([n]) => n));
  unifyShared(members.map((m) => m.model), shared);
  return { members, selected: order.indexOf(programIndex), shared, ordinalOf };
}

/**
 * A shared name is one variable of one type in every function: what a thread that did not create
 * the socket assumes about it (its kind, whether Java needs a channel, whether Node needs a queue
 * it can look into) comes from the thread that creates it and from every use.
 */
function unifyShared(models: ProgramModel[], shared: ReadonlySet<string>): void {
  const all = models.flatMap((m) => m.instances).filter((i) => shared.has(i.name));
  const byName = new Map<string, SocketInstance[]>();
  for (const inst of all) byName.set(inst.name, [...(byName.get(inst.name) ?? []), inst]);
  for (const insts of byName.values()) {
    const creator = insts.find((i) => i.createdAt !== null);
    const polled = insts.some((i) => i.polled);
    for (const inst of insts) {
      if (creator && inst.createdAt === null) inst.kind = creator.kind;
      if (polled) inst.polled = true;
    }
  }
  for (const m of models) markChannels(m.instances);
  for (const insts of byName.values()) {
    if (insts.some((i) => i.channel)) for (const inst of insts) inst.channel = true;
  }
  for (const m of models) markChannels(m.instances);
}
