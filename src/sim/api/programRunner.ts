// Runs one scenario program (a thread on a host): each step is a call record, then a return
// record — with a block record in between when the call has to wait. A blocked call blocks only
// its own program. `until: "eof"` repeats a recv until it returns 0.
import type { Step } from '../../scenarios/schema';
import type { Host } from '../net/host';
import type { Scheduler } from '../engine/scheduler';
import type { Tracer } from '../trace/tracer';
import { isRecvResult, type CallArgs } from '../trace/records';
import { execStep, socketOf, type CallContext } from './socketCalls';
import type { Outcome } from './outcome';

export class ProgramRunner {
  private index = 0;
  finished = false;

  constructor(
    private readonly host: Host,
    private readonly prog: number,
    private readonly steps: readonly Step[],
    private readonly sched: Scheduler,
    private readonly tracer: Tracer,
    private readonly nextCallId: () => number,
    private readonly ctx: CallContext,
  ) {}

  started = false;

  start(): void {
    this.started = true;
    this.sched.soon(() => {
      this.tracer.emit({ type: 'program', host: this.host.name, prog: this.prog, event: 'start' });
      this.next();
    });
  }

  private next(): void {
    if (this.index >= this.steps.length) {
      this.finished = true;
      this.tracer.emit({ type: 'program', host: this.host.name, prog: this.prog, event: 'end' });
      return;
    }
    this.run(this.steps[this.index]);
  }

  private run(step: Step): void {
    const id = this.nextCallId();
    const sock = 'sock' in step ? socketOf(this.host, step.sock) : undefined;
    this.tracer.emit({
      type: 'call', host: this.host.name, op: step.op, args: argsOf(step), id, prog: this.prog, step: this.index,
      ...(sock ? { fd: sock.fd, sid: sock.sid } : {}),
    });
    if (step.op === 'sleep') {
      this.tracer.emit({ type: 'block', host: this.host.name, op: step.op, id, prog: this.prog, step: this.index, waitingFor: 'sleep' });
      this.sched.after(step.ms * 1000, () => this.finish(step, id, { kind: 'done', result: 0 }));
      return;
    }
    this.handle(step, id, execStep(this.host, step, this.ctx), true);
  }

  private handle(step: Step, id: number, o: Outcome, first: boolean): void {
    if (o.kind === 'done') { this.finish(step, id, o); return; }
    if (first) {
      this.tracer.emit({ type: 'block', host: this.host.name, op: step.op, id, prog: this.prog, step: this.index, waitingFor: o.waitingFor });
    }
    const on = o.on === null ? [] : Array.isArray(o.on) ? o.on : [o.on];
    let fired = false;
    let timer: ReturnType<Scheduler['at']> | null = null;
    const waiter = (): void => {
      if (fired) return;
      fired = true;
      for (const w of on) w.waiters.delete(waiter);
      this.sched.cancel(timer);
      this.handle(step, id, o.retry(), false);
    };
    for (const w of on) w.waiters.add(waiter);
    if (o.wakeAtUs !== undefined) timer = this.sched.at(o.wakeAtUs, waiter);
  }

  private finish(step: Step, id: number, o: Extract<Outcome, { kind: 'done' }>): void {
    this.tracer.emit({
      type: 'return', host: this.host.name, op: step.op, id, prog: this.prog, step: this.index,
      ...(o.error ? { error: o.error } : { result: o.result ?? 0 }),
      ...(o.sid !== undefined ? { sid: o.sid } : {}), ...(o.sock !== undefined ? { sock: o.sock } : {}),
    });
    if (o.error && step.expect === 'ok') {
      this.finished = true;
      this.tracer.emit({ type: 'program', host: this.host.name, prog: this.prog, event: 'stopped', step: this.index, error: o.error });
      return;
    }
    const repeat = step.op === 'recv' && step.until === 'eof' && !o.error && isRecvResult(o.result) && o.result.bytes > 0;
    if (!repeat) this.index++;
    this.sched.soon(() => this.next());
  }
}

function argsOf(step: Step): CallArgs {
  const { op: _op, expect: _e, comment: _c, ...rest } = step;
  return rest;
}
