// The figures a lesson step brings forward, read like a user (or a screen reader) would: the
// thread-activity chart of a thread pool, the time–sequence graph of a lost segment, and the
// socket a step is about marked in the side tab it brings forward.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { StoreProvider } from '../../src/store/StoreProvider';
import { createAppStore, type AppStore } from '../../src/store';
import { directRunner } from '../../src/app/runner';
import { memoryStore } from '../../src/lessons/progress';
import type { Locale } from '../../src/i18n/i18n';
import { CATALOG } from './StageDriver';

async function openStep(id: string, step: number, locale: Locale = 'en'): Promise<AppStore> {
  const store = createAppStore({ runner: directRunner, locale, progress: memoryStore() });
  render(<StoreProvider store={store}><App catalog={CATALOG} /></StoreProvider>);
  act(() => store.getState().openLesson(id, step));
  await screen.findByTestId('lesson-panel');
  await waitFor(() => expect(store.getState().scenarioKey).toMatch(new RegExp(`^lesson:${id}:`)), { timeout: 5000 });
  await screen.findByTestId('lesson-narration');
  return store;
}

/** Each row's thread name and the kinds of its bars, in time order. */
function rows(chart: HTMLElement): Array<[string, string[]]> {
  return within(chart).getAllByTestId('thread-row').map((r) => [
    r.getAttribute('data-name')!,
    [...r.querySelectorAll('[data-kind]')].map((b) => b.getAttribute('data-kind')!),
  ]);
}

describe('thread-activity chart', () => {
  it('draws a thread pool as its few threads taking turns: blocked in accept(), working, then accepting again', async () => {
    const store = await openStep('many-clients', 4);
    expect(store.getState().scenarioKey).toBe('lesson:many-clients:pool');
    const chart = await screen.findByTestId('thread-chart');
    // At the step's moment (c3 connected, both threads busy): pool thread 2 still sleeps through
    // c2's request, pool thread 1 has just finished c1's and is about to accept c3.
    expect(rows(chart)).toEqual([
      ['main', ['calls']],
      ['pool thread 1', ['accept', 'calls', 'sleep', 'calls']],
      ['pool thread 2', ['accept', 'calls', 'sleep']],
    ]);
    const img = within(chart).getByRole('img');
    expect(img).toHaveAccessibleName(/^server: 3 threads at 240 ms\. main: finished at 0 ms; pool thread 1: running: close\(\); pool thread 2: in sleep\(200 ms\)$/);
    // A call still blocked at the cursor is drawn open-ended.
    const [, t1, t2] = within(chart).getAllByTestId('thread-row');
    expect(t2.querySelector('[data-kind="sleep"]')).toHaveClass('ongoing');
    expect(t1.querySelector('[data-kind="sleep"]')).not.toHaveClass('ongoing');

    // The whole run: pool thread 1 served c1 and then c3; pool thread 2 served c2 and ended.
    act(() => store.getState().jumpEnd());
    expect(rows(chart)).toEqual([
      ['main', ['calls']],
      ['pool thread 1', ['accept', 'calls', 'sleep', 'calls', 'sleep', 'calls']],
      ['pool thread 2', ['accept', 'calls', 'sleep', 'calls']],
    ]);
    // The same facts as a table: who waited in accept() on the listener, and when.
    const table = within(chart).getByRole('table', { name: 'What each thread did, call by call' });
    const accepts = within(table).getAllByRole('row').filter((r) => r.getAttribute('data-kind') === 'accept');
    expect(accepts.map((r) => r.textContent)).toEqual([
      'pool thread 10 ms–40 msblocked in accept(): waiting for a connection: accept(listener)',
      'pool thread 20 ms–50 msblocked in accept(): waiting for a connection: accept(listener)',
    ]);
    expect(within(table).getByText(/send\(a1\), close\(a1\), accept\(listener\), recv\(a3\)/)).toBeInTheDocument();
    expect(within(chart).getByText('blocked in accept(): waiting for a connection')).toBeInTheDocument();
  });

  it('labels the chart in Chinese', async () => {
    await openStep('many-clients', 3, 'zh-CN');
    const chart = await screen.findByTestId('thread-chart');
    // A thread per connection: the acceptor and one handler per client.
    expect(rows(chart).map((r) => r[0])).toEqual(['acceptor', 'handler 1', 'handler 2', 'handler 3']);
    expect(within(chart).getByRole('img')).toHaveAccessibleName(/^服务器：.* 时共 4 个线程。acceptor：/);
    expect(within(chart).getByText('阻塞在 accept()：等待连接')).toBeInTheDocument();
  });
});

describe('time–sequence graph', () => {
  it('draws the lost segment as the line of its bytes, each retransmission numbered, and nothing past the cursor', async () => {
    const store = await openStep('loss-and-retransmission', 1);
    const fig = await screen.findByTestId('lesson-figure');
    const s = store.getState();
    const last = s.run!.timeline.steps[s.cursor - 1].last;
    const sends = s.run!.trace.slice(0, last + 1).filter((r) => r.type === 'segment' && r.event === 'send' && r.from === 'client' && r.len > 0);
    expect(sends.length).toBeGreaterThan(1);
    const retx = fig.querySelectorAll('[data-series="retransmit"] .span');
    expect(fig.querySelectorAll('[data-series="sent"] .span')).toHaveLength(1);
    expect(retx).toHaveLength(sends.length - 1);
    expect([...retx].map((r) => r.textContent)).toEqual(sends.slice(1).map((_, i) => `×${i + 2}`));
    // The y axis is sized to the bytes (a 14-byte segment fills it), not to 0…max.
    const ticks = [...fig.querySelectorAll('text.tick')].map((x) => x.textContent);
    expect(ticks).toContain('15');
    expect(ticks).not.toContain('17');
  });
});

describe('the side tab a step brings forward', () => {
  it('marks the socket the step is about: the client in TIME_WAIT, the server connection with the full buffer', async () => {
    const store = await openStep('four-way-close', 2);
    await waitFor(() => expect(document.querySelector('[data-lesson-focus]')).not.toBeNull());
    expect(document.querySelector('[data-lesson-focus]')!.getAttribute('data-state')).toBe('TIME_WAIT');

    act(() => store.getState().openLesson('flow-control', 2));
    await waitFor(() => expect(document.querySelector('.sock-card[data-lesson-focus]')).not.toBeNull(), { timeout: 5000 });
    const card = document.querySelector('.sock-card[data-lesson-focus]') as HTMLElement;
    expect(card).toHaveTextContent('server');
    expect(card).toHaveTextContent('conn');
    expect(document.querySelectorAll('[data-lesson-focus]')).toHaveLength(1);
  });
});
