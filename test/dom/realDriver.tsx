// Mounts the whole app with a Real-mode controller whose bridge is a FakeBridge, on a simulated
// scenario (as the app starts), and offers the few actions Real-mode tests repeat.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { App } from '../../src/app/App';
import { StoreProvider } from '../../src/store/StoreProvider';
import { createAppStore, type AppStore } from '../../src/store';
import type { Locale } from '../../src/i18n/i18n';
import { RealController } from '../../src/real/realController';
import type { RealClientFactory } from '../../src/real/realClient';
import { echoScenario } from '../fixtures/echoTrace';
import { CATALOG, fixtureRunner } from './StageDriver';

export const PARAMS = { url: 'ws://127.0.0.1:5180/socketlab', secret: 'ab'.repeat(32) };

export interface RealMount { store: AppStore; real: RealController; started: Promise<void> }

export async function mountReal(opts: { createClient?: RealClientFactory; params?: typeof PARAMS | null; locale?: Locale; waitForBridge?: boolean } = {}): Promise<RealMount> {
  const store = createAppStore({ runner: fixtureRunner, locale: opts.locale ?? 'en' });
  const real = new RealController(store, {
    params: opts.params === undefined ? PARAMS : opts.params,
    createClient: opts.createClient,
    // Refresh the stage on the next microtask: tests see every event without waiting on timers.
    schedule: (fn) => queueMicrotask(fn),
    clock: () => '10:00:00',
  });
  render(<StoreProvider store={store}><App catalog={CATALOG} /></StoreProvider>);
  let started: Promise<void> = Promise.resolve();
  await act(async () => {
    await store.getState().setScenario(echoScenario, { key: 'echo' });
    started = real.start();
    if (opts.waitForBridge !== false) await started;
  });
  return { store, real, started };
}

/** Let queued bridge messages and stage refreshes run. */
export async function settle(): Promise<void> {
  await act(async () => { for (let i = 0; i < 5; i++) await new Promise<void>((r) => setTimeout(r, 0)); });
}

export async function openReal(): Promise<void> {
  act(() => { fireEvent.click(screen.getByRole('button', { name: /Real mode|真实模式/ })); });
  await screen.findByTestId('real-panel');
  await settle();
}

export async function connectTo(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
  await settle();
  await waitFor(() => expect(screen.queryByTestId('real-sock-3')).not.toBeNull());
}

export async function sendText(fd: number, text: string): Promise<void> {
  fireEvent.change(screen.getByLabelText(`Data to send on fd ${fd}`), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await settle();
}
