// The code panel shows a process with threads as one file: the spawned programs are functions in
// their starter's listing, each thread's current call highlighted at once, each with its status.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { StoreProvider } from '../../src/store/StoreProvider';
import { createAppStore } from '../../src/store';
import { directRunner } from '../../src/app/runner';
import { lessonScenario } from '../../src/scenarios/lessons';
import { parseScenario } from '../../src/scenarios/schema';
import { processRoots } from '../../src/ui/code/programCode';
import { CATALOG } from './StageDriver';

const parsed = parseScenario(lessonScenario('thread-per-connection'));
if (!parsed.ok) throw new Error(parsed.error.message);
const scenario = parsed.scenario;

describe('code panel with threads', () => {
  it('groups each thread with the program that started it', () => {
    expect(processRoots(scenario)).toEqual([0, 0, 0, 0, 4, 5, 6]);
  });

  it('lists the server process once and highlights every running thread in it', async () => {
    const store = createAppStore({ runner: directRunner, locale: 'en' });
    render(<StoreProvider store={store}><App catalog={CATALOG} /></StoreProvider>);
    await act(async () => { await store.getState().setScenario(scenario, { key: 'tpc' }); });
    // jsdom is a narrow screen: the code is the side panel's first tab.
    act(() => store.getState().setPanel('code'));
    await waitFor(() => expect(document.querySelectorAll('section.program')).toHaveLength(4));
    // Move to the moment the three handlers are all in their 200 ms of work.
    const t = store.getState().run!.trace;
    const lastSpawn = t.findLastIndex((r) => r.type === 'return' && r.op === 'spawn');
    const steps = store.getState().run!.timeline.steps;
    const cursor = steps.findIndex((s) => s.last >= lastSpawn) + 3;
    act(() => store.getState().seek(cursor));
    const server = document.querySelectorAll('section.program')[0] as HTMLElement;
    expect(within(server).getAllByTestId(/^prog-status-[0-3]$/)).toHaveLength(4);
    await waitFor(() => expect(server.querySelectorAll('li.active').length).toBeGreaterThanOrEqual(2));
    expect(screen.getByTestId('prog-status-1')).toHaveTextContent('handler 1');
  });
});
