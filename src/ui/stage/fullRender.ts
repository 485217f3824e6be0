// Exports need every row of the diagram, not only the ones near the viewport: this asks the
// diagram to render in full for the duration of a callback.
type Listener = (on: boolean) => void;
const listeners = new Set<Listener>();

export function subscribeFullRender(fn: Listener): () => void {
  listeners.add(fn);
  return () => { listeners.delete(fn); };
}

const frame = () => new Promise<void>((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 16)));

export async function withFullRender<T>(fn: () => T | Promise<T>): Promise<T> {
  listeners.forEach((l) => l(true));
  await frame();
  await frame();
  try {
    return await fn();
  } finally {
    listeners.forEach((l) => l(false));
  }
}
