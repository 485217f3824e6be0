// Runs scenarios for the app: in a Web Worker so a long run never freezes the page (a new request
// while one is running replaces it), or in-process where workers are unavailable.
import type { Runner, RunResult } from '../store/types';
import type { Scenario } from '../scenarios/schema';

interface Reply { id: number; ok: boolean; result?: RunResult; error?: string }

export function createWorkerRunner(): Runner {
  if (typeof Worker === 'undefined') return directRunner;
  let worker: Worker | null = null;
  let busy: { id: number; resolve(r: RunResult): void; reject(e: Error): void } | null = null;
  let next = 0;
  const spawn = () => {
    const w = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Reply>) => {
      if (!busy || e.data.id !== busy.id) return;
      const b = busy;
      busy = null;
      if (e.data.ok && e.data.result) b.resolve(e.data.result);
      else b.reject(new Error(e.data.error ?? 'simulation failed'));
    };
    w.onerror = (e) => {
      const b = busy;
      busy = null;
      worker?.terminate();
      worker = null;
      b?.reject(new Error(e.message || 'simulation worker failed'));
    };
    return w;
  };
  return (scenario: Scenario) => new Promise<RunResult>((resolve, reject) => {
    if (busy) {
      // The store ignores the superseded run anyway; stop computing it.
      busy.reject(new Error('superseded'));
      busy = null;
      worker?.terminate();
      worker = null;
    }
    worker ??= spawn();
    const id = ++next;
    busy = { id, resolve, reject };
    worker.postMessage({ id, scenario });
  });
}

export const directRunner: Runner = async (scenario) => {
  const { simulate } = await import('../sim');
  const r = simulate(scenario);
  return { trace: r.trace, packets: r.packets };
};
