// A chainable driver for component tests, in the spirit of tldraw's TestEditor: it mounts the app
// on a fresh store, acts like a user (keys, clicks) and asserts on the store by path.
import { act, configure, fireEvent, render, screen, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import { App } from '../../src/app/App';
import { StoreProvider } from '../../src/store/StoreProvider';
import { createAppStore, type AppStore, type Runner } from '../../src/store';
import type { Locale } from '../../src/i18n/i18n';
import type { Scenario } from '../../src/scenarios/schema';
import type { CatalogEntry } from '../../src/app/catalog';
import { buildEchoTrace, echoScenario } from '../fixtures/echoTrace';
import { buildLostSynTrace, lostSynScenario } from '../fixtures/lossTrace';

// Side panels and the code panel load lazily; on a busy machine that can take over a second.
configure({ asyncUtilTimeout: 5000 });

export const fixtureRunner: Runner = async (s) => (s.faults?.some((f) => 'drop' in f && f.drop.flags) ? buildLostSynTrace() : buildEchoTrace());

export const CATALOG: CatalogEntry[] = [
  { id: 'echo', title: { en: 'TCP echo', 'zh-CN': 'TCP 回显' }, scenario: echoScenario },
  { id: 'lost-syn', title: { en: 'Lost SYN', 'zh-CN': 'SYN 丢失' }, scenario: lostSynScenario },
];

export class StageDriver {
  readonly store: AppStore;
  readonly ui: RenderResult;

  private constructor(store: AppStore, ui: RenderResult) {
    this.store = store;
    this.ui = ui;
  }

  static async mount(opts: { runner?: Runner; locale?: Locale; scenario?: Scenario; key?: string } = {}): Promise<StageDriver> {
    const store = createAppStore({ runner: opts.runner ?? fixtureRunner, locale: opts.locale ?? 'en' });
    const ui = render(<StoreProvider store={store}><App catalog={CATALOG} /></StoreProvider>);
    await act(async () => {
      await store.getState().setScenario(opts.scenario ?? echoScenario, { key: opts.key ?? 'echo' });
    });
    return new StageDriver(store, ui);
  }

  get state() { return this.store.getState(); }

  key(key: string, target: Element | Window = window): this {
    act(() => { fireEvent.keyDown(target, { key }); });
    return this;
  }

  keys(key: string, times: number): this {
    for (let i = 0; i < times; i++) this.key(key);
    return this;
  }

  click(name: string | RegExp, role: 'button' | 'radio' | 'tab' = 'button'): this {
    act(() => { fireEvent.click(screen.getByRole(role, { name })); });
    return this;
  }

  /** Runs an async store action (re-simulation) to completion. */
  async settle(fn: (s: ReturnType<AppStore['getState']>) => Promise<unknown>): Promise<this> {
    await act(async () => { await fn(this.state); });
    return this;
  }

  /** Assert a value in the store by a dotted path, e.g. `view.sockets.0.state`. */
  expectPath(path: string, expected: unknown): this {
    let v: unknown = this.state;
    for (const part of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    expect(v, path).toEqual(expected);
    return this;
  }

  expectCursor(n: number): this { return this.expectPath('cursor', n); }

  /** Steps forward until `pred` holds for the current view (or the end). */
  stepUntil(pred: (d: StageDriver) => boolean): this {
    const len = this.state.run!.timeline.length;
    while (!pred(this) && this.state.cursor < len) this.key('ArrowRight');
    return this;
  }
}
