// The lesson index and player as a user drives them: a step loads its scenario and puts the
// cursor at its moment; questions are answered with the keyboard or a typed number, checked
// against the run, announced in a live region, and counted in the progress the index shows.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { StoreProvider } from '../../src/store/StoreProvider';
import { createAppStore, type AppStore } from '../../src/store';
import { directRunner } from '../../src/app/runner';
import { memoryStore, PROGRESS_KEY } from '../../src/lessons/progress';
import type { Locale } from '../../src/i18n/i18n';
import { CATALOG } from './StageDriver';

async function mount(locale: Locale = 'en', storage = memoryStore()): Promise<AppStore> {
  const store = createAppStore({ runner: directRunner, locale, progress: storage });
  render(<StoreProvider store={store}><App catalog={CATALOG} /></StoreProvider>);
  return store;
}

async function openStep(store: AppStore, id: string, step: number) {
  act(() => store.getState().openLesson(id, step));
  await screen.findByTestId('lesson-panel');
  await waitFor(() => expect(store.getState().scenarioKey).toMatch(/^lesson:/), { timeout: 5000 });
  await screen.findByTestId('lesson-narration');
}

describe('lesson player', () => {
  it('loads the step\'s scenario and puts the cursor just before the moment a prediction is about', async () => {
    const store = await mount();
    await openStep(store, 'three-way-handshake', 1);
    const s = store.getState();
    expect(s.scenarioKey).toBe('lesson:three-way-handshake:hs');
    // The SYN has been delivered (the step's anchor) and the SYN+ACK is not sent yet.
    const applied = s.run!.trace.slice(0, s.run!.timeline.steps[s.cursor - 1].last + 1);
    expect(applied.some((r) => r.type === 'segment' && r.event === 'deliver' && r.flags.join() === 'SYN')).toBe(true);
    expect(applied.some((r) => r.type === 'segment' && r.flags.includes('SYN') && r.flags.includes('ACK'))).toBe(false);
    expect(screen.getByTestId('lesson-step')).toHaveTextContent('Step 2 of 5');
  });

  it('a typed number is checked against the run; the answer and why are announced; the cursor moves on', async () => {
    const storage = memoryStore();
    const store = await mount('en', storage);
    await openStep(store, 'three-way-handshake', 1);
    const q = screen.getByTestId('question');
    const synack = store.getState().run!.trace.find((r) => r.type === 'segment' && r.flags.includes('SYN') && r.flags.includes('ACK'));
    const right = synack && synack.type === 'segment' ? synack.ack : NaN;
    const box = within(q).getByRole('textbox');
    // Not a number: told so beside the input, nothing recorded.
    fireEvent.change(box, { target: { value: 'j+1' } });
    fireEvent.submit(q);
    expect(within(q).getByText('Type a number, e.g. 1461.')).toBeInTheDocument();
    expect(store.getState().progress.get('three-way-handshake').answers).toEqual({});
    // Wrong, then the feedback says the right value and why, in a polite live region.
    const cursorBefore = store.getState().cursor;
    fireEvent.change(box, { target: { value: String(right + 1) } });
    fireEvent.submit(q);
    const fb = screen.getByTestId('question-feedback');
    expect(fb).toHaveAttribute('aria-live', 'polite');
    expect(document.activeElement).toBe(screen.getByTestId('question-result'));
    expect(document.activeElement).toContainElement(fb);
    expect(fb).toHaveTextContent(`Not quite: the answer is ${right}.`);
    expect(fb).toHaveTextContent(`${right} = j + 1`);
    expect(store.getState().progress.get('three-way-handshake').answers['synack-ack']).toEqual({ correct: false, firstTry: false, attempts: 1 });
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)['three-way-handshake'].answers['synack-ack'].attempts).toBe(1);
    // A prediction reveals its moment once answered.
    expect(store.getState().cursor).toBeGreaterThan(cursorBefore);
  });

  it('a choice is made with the keyboard and a right answer is announced as such (zh-CN)', async () => {
    const store = await mount('zh-CN');
    await openStep(store, 'three-way-handshake', 0);
    const q = screen.getByTestId('question');
    const radio = within(q).getByRole('radio', { name: 'SYN_SENT' });
    radio.focus();
    fireEvent.click(radio);
    expect(radio).toBeChecked();
    fireEvent.click(within(q).getByRole('button', { name: '检查答案' }));
    expect(screen.getByTestId('question-feedback')).toHaveTextContent(/^正确。/);
    expect(store.getState().progress.get('three-way-handshake').answers['client-state-syn']).toEqual({ correct: true, firstTry: true, attempts: 1 });
    expect(within(q).getByRole('radio', { name: 'SYN_SENT' })).toBeDisabled();
    // The Check button is gone; the focus is on the result, named by the answer given, not on <body>.
    expect(within(q).queryByRole('button', { name: '检查答案' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('question-result'));
    expect(document.activeElement).toHaveAccessibleName('你的回答：SYN_SENT');
    expect(within(document.activeElement as HTMLElement).getByRole('status')).toHaveTextContent(/^正确。/);
  });

  it('next and previous step move through the lesson and focus the new step\'s heading', async () => {
    const store = await mount();
    await openStep(store, 'tcp-call-flow', 0);
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    await waitFor(() => expect(screen.getByTestId('lesson-step')).toHaveTextContent('Step 2 of 8'));
    expect(document.activeElement).toBe(screen.getByTestId('lesson-step'));
    expect(store.getState().lesson).toEqual({ id: 'tcp-call-flow', step: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Previous step' }));
    await waitFor(() => expect(screen.getByTestId('lesson-step')).toHaveTextContent('Step 1 of 8'));
    expect(store.getState().progress.get('tcp-call-flow').seen).toEqual(expect.arrayContaining(['listen', 'accept-blocks']));
  });
});

describe('lesson index', () => {
  it('shows each lesson\'s progress and score, opens a lesson where it was left, and resets after confirming', async () => {
    const storage = memoryStore();
    const store = await mount('en', storage);
    store.getState().progress.markSeen('three-way-handshake', 'syn');
    store.getState().progress.answer('three-way-handshake', 'client-state-syn', true);
    act(() => store.getState().setMode('lessons'));
    const card = await screen.findByTestId('lesson-card-three-way-handshake');
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
    expect(card).toHaveTextContent('1 of 5 steps seen · 1 of 5 questions right the first time');
    expect(screen.getAllByRole('listitem').filter((li) => li.classList.contains('lesson-card'))).toHaveLength(12);

    fireEvent.click(within(card).getByRole('button', { name: 'Reset this lesson' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Reset this lesson' }));
    await waitFor(() => expect(screen.getByTestId('lesson-card-three-way-handshake')).toHaveTextContent('0 of 5 steps seen'));
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)['three-way-handshake']).toBeUndefined();

    store.getState().progress.markSeen('three-way-handshake', 'syn');
    act(() => store.getState().markSeen('three-way-handshake', 'syn-arrives'));
    fireEvent.click(within(screen.getByTestId('lesson-card-three-way-handshake')).getByRole('button', { name: 'Continue' }));
    expect(store.getState().mode).toBe('stage');
    expect(store.getState().lesson).toEqual({ id: 'three-way-handshake', step: 2 });
  });
});
