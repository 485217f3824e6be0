// Runs one scenario program (a thread on a host): each step is a call record, then a return
// record — with a block record in between when the call has to wait. A blocked call blocks only
// its own program. `until: "eof"` repeats a recv until it returns 0.
import type { Step } from '../../scenarios/schema';
import type { Host } from '../net/host';
import type { Scheduler, TimerHandle } from '../engine/scheduler';
import type { Tracer } from '../trace/tracer';
import { isRecvResult, type CallArgs, type ReturnRecord } from '../trace/records';
import { execStep, socketOf, type CallContext } from './socketCalls';
import type { Outcome } from './outcome';

type Blocked = Extract<Outcome, { kind: 'block' }>;

export class ProgramRunner {
  private index = 0;
  finished = false;
  /** Each step's `args`, built once: a recv repeated until EOF calls the same step thousands of times. */
  private readonly args: CallArgs[];

  constructor(
    private readonly host: Host,
    private readonly prog: number,
    private readonly steps: readonly Step[],
    private readonly sched: Scheduler,
    private readonly tracer: Tracer,
    private readonly nextCallId: () => number,
    private readonly ctx: CallContext,
  ) {
    this.args = steps.map(argsOf);
  }

  started = false;

  start(): void {
    this.started = true;
    this.sched.soon(() => {
      this.tracer.emit({ type: 'program', host: this.host.name, prog: this.prog, event: 'start', t: this.tracer.now });
      this.next();
    });
  }

  private next(): void {
    if (this.index >= this.steps.length) {
      this.finished = true;
      this.tracer.emit({ type: 'program', host: this.host.name, prog: this.prog, event: 'end', t: this.tracer.now });
      return;
    }
    this.run(this.steps[this.index]);
  }

  private run(step: Step): void {
    const id = this.nextCallId();
    const sock = 'sock' in step ? socketOf(this.host, step.sock) : undefined;
    const args = this.args[this.index];
    const t = this.tracer.now;
    this.tracer.emit(sock
      ? { type: 'call', host: this.host.name, op: step.op, args, id, prog: this.prog, step: this.index, fd: sock.fd, sid: sock.sid, t }
      : { type: 'call', host: this.host.name, op: step.op, args, id, prog: this.prog, step: this.index, t });
    if (step.op === 'sleep') {
      this.tracer.emit({ type: 'block', host: this.host.name, op: step.op, id, prog: this.prog, step: this.index, waitingFor: 'sleep', t });
      this.sched.after(step.ms * 1000, () => this.finish(step, id, { kind: 'done', result: 0 }));
      return;
    }
    this.handle(step, id, execStep(this.host, step, this.ctx), true);
  }

  // The call this thread is blocked in (a thread blocks in one call at a time), and the timer
  // that ends the wait, if any. One `wakeUp` function serves every wait of the thread.
  private blockedStep: Step | null = null;
  private blockedId = 0;
  private blocked: Blocked | null = null;
  private blockedTimer: TimerHandle | null = null;

  private handle(step: Step, id: number, o: Outcome, first: boolean): void {
    if (o.kind === 'done') { this.finish(step, id, o); return; }
    if (first) {
      this.tracer.emit({ type: 'block', host: this.host.name, op: step.op, id, prog: this.prog, step: this.index, waitingFor: o.waitingFor, t: this.tracer.now });
    }
    this.blockedStep = step;
    this.blockedId = id;
    this.blocked = o;
    const on = o.on;
    if (Array.isArray(on)) for (const w of on) w.waiters.add(this.wakeUp);
    else if (on) on.waiters.add(this.wakeUp);
    if (o.wakeAtUs !== undefined) this.blockedTimer = this.sched.at(o.wakeAtUs, this.wakeUp);
  }

  /** A socket the call waits on changed, or its timeout came: try the call again. */
  private readonly wakeUp = (): void => {
    const o = this.blocked;
    if (!o) return;
    this.blocked = null;
    const on = o.on;
    if (Array.isArray(on)) for (const w of on) w.waiters.delete(this.wakeUp);
    else if (on) on.waiters.delete(this.wakeUp);
    this.sched.cancel(this.blockedTimer);
    this.blockedTimer = null;
    this.handle(this.blockedStep!, this.blockedId, o.retry(), false);
  };

  private finish(step: Step, id: number, o: Extract<Outcome, { kind: 'done' }>): void {
    this.tracer.emit(this.returnRecord(step, id, o));
    if (o.error && step.expect === 'ok') {
      this.finished = true;
      this.tracer.emit({ type: 'program', host: this.host.name, prog: this.prog, event: 'stopped', step: this.index, error: o.error, t: this.tracer.now });
      return;
    }
    const repeat = step.op === 'recv' && step.until === 'eof' && !o.error && isRecvResult(o.result) && o.result.bytes > 0;
    if (!repeat) this.index++;
    this.sched.soon(this.runNext);
  }

  private readonly runNext = (): void => this.next();

  /** error or result, then sid and sock when the call named a socket, then t — one literal per
   *  shape, so that no record needs properties added after it is built. */
  private returnRecord(step: Step, id: number, o: Extract<Outcome, { kind: 'done' }>): ReturnRecord {
    const host = this.host.name;
    const prog = this.prog;
    const i = this.index;
    const t = this.tracer.now;
    const { sid, sock } = o;
    if (o.error) {
      const error = o.error;
      if (sid === undefined && sock === undefined) return { type: 'return', host, op: step.op, id, prog, step: i, error, t };
      // Not produced by any call today (fail() carries only the errno); kept general. `t` is set last.
      const r = { type: 'return', host, op: step.op, id, prog, step: i, error } as ReturnRecord;
      if (sid !== undefined) r.sid = sid;
      if (sock !== undefined) r.sock = sock;
      r.t = t;
      return r;
    }
    const result = o.result ?? 0;
    if (sid === undefined) {
      return sock === undefined
        ? { type: 'return', host, op: step.op, id, prog, step: i, result, t }
        : { type: 'return', host, op: step.op, id, prog, step: i, result, sock, t };
    }
    return sock === undefined
      ? { type: 'return', host, op: step.op, id, prog, step: i, result, sid, t }
      : { type: 'return', host, op: step.op, id, prog, step: i, result, sid, sock, t };
  }
}

function argsOf(step: Step): CallArgs {
  const { op: _op, expect: _e, comment: _c, ...rest } = step;
  return rest;
}
