// The simulator in a Web Worker: scenario in, trace and packets out (structured clone keeps the
// Map and the payload bytes).
import { simulate } from '../sim';

self.onmessage = (e: MessageEvent<{ id: number; scenario: Parameters<typeof simulate>[0] }>) => {
  const { id, scenario } = e.data;
  try {
    const r = simulate(scenario);
    self.postMessage({ id, ok: true, result: { trace: r.trace, packets: r.packets } });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
