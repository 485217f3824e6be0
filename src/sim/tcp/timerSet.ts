// The timers of one TCP socket: at most one of each kind, remembered in the order they were
// (re)started — which is the order cancelAllTimers records them in. Restarting a running timer
// (the RTO restarts on every ACK) moves its queue entry instead of cancelling it and scheduling a
// new one: the event order is the same (Scheduler.retime), without the allocation and heap work.
import type { Scheduler, TimerHandle } from '../engine/scheduler';
import type { TimerName } from '../trace/records';

interface RunningTimer {
  handle: TimerHandle;
  fire: () => void;
}

export class TimerSet {
  private readonly running: Record<TimerName, RunningTimer | null> = {
    rto: null, 'time-wait': null, persist: null, 'delayed-ack': null, keepalive: null, 'fin-wait-2': null,
  };
  /** Running timers, least recently (re)started first. */
  private readonly order: TimerName[] = [];

  /** `onFire` runs when a timer expires, before its own callback (to record the expiry). */
  constructor(private readonly sched: Scheduler, private readonly onFire: (name: TimerName) => void) {}

  has(name: TimerName): boolean {
    return this.running[name] !== null;
  }

  /** Start `name` so that `fire` runs at virtual time `at` (µs), or restart it if it runs. */
  set(name: TimerName, at: number, fire: () => void): void {
    const r = this.running[name];
    if (r) {
      r.fire = fire;
      r.handle = this.sched.retime(r.handle, at);
      this.moveToEnd(name);
      return;
    }
    const t: RunningTimer = { handle: this.sched.at(at, () => this.expire(name, t)), fire };
    this.running[name] = t;
    this.order.push(name);
  }

  /** Stop `name`; false if it was not running. */
  cancel(name: TimerName): boolean {
    const r = this.running[name];
    if (!r) return false;
    this.sched.cancel(r.handle);
    this.forget(name);
    return true;
  }

  /** Names of the running timers, least recently (re)started first. */
  names(): TimerName[] {
    return this.order.slice();
  }

  handle(name: TimerName): TimerHandle | undefined {
    return this.running[name]?.handle;
  }

  private expire(name: TimerName, t: RunningTimer): void {
    this.forget(name);
    this.onFire(name);
    t.fire();
  }

  private forget(name: TimerName): void {
    this.running[name] = null;
    const i = this.order.indexOf(name);
    if (i >= 0) this.order.splice(i, 1);
  }

  private moveToEnd(name: TimerName): void {
    const o = this.order;
    if (o[o.length - 1] === name) return;
    o.splice(o.indexOf(name), 1);
    o.push(name);
  }
}
