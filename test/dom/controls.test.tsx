import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { StageDriver } from './StageDriver';

describe('playback controls', () => {
  it('have exactly the English accessible names', async () => {
    await StageDriver.mount();
    const bar = screen.getByRole('toolbar', { name: 'Playback' });
    for (const name of ['Play', 'Step forward', 'Step back', 'Jump to start', 'Jump to end']) {
      expect(within(bar).getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('have Chinese names when the UI is zh-CN', async () => {
    await StageDriver.mount({ locale: 'zh-CN' });
    for (const name of ['播放', '前进一步', '后退一步', '跳到开头', '跳到结尾']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('step, jump and play/pause move the cursor; buttons disable at the ends', async () => {
    const d = await StageDriver.mount();
    expect(screen.getByRole('button', { name: 'Step back' })).toBeDisabled();
    d.click('Step forward').click('Step forward').expectCursor(2);
    d.click('Step back').expectCursor(1);
    d.click('Jump to end').expectCursor(d.state.run!.timeline.length);
    expect(screen.getByRole('button', { name: 'Step forward' })).toBeDisabled();
    d.click('Jump to start').expectCursor(0);
    d.click('Play').expectPath('playing', true);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    d.click('Pause').expectPath('playing', false);
  });

  it('keyboard: arrows, PageUp/PageDown (clickers), Home/End, Space', async () => {
    const d = await StageDriver.mount();
    d.keys('ArrowRight', 3).expectCursor(3);
    d.key('ArrowLeft').expectCursor(2);
    d.key('PageDown').key('PageDown').expectCursor(4);
    d.key('PageUp').expectCursor(3);
    d.key('End').expectCursor(d.state.run!.timeline.length);
    d.key('Home').expectCursor(0);
    d.key(' ').expectPath('playing', true);
    d.key(' ').expectPath('playing', false);
  });

  it('Space on a focused button presses that button only', async () => {
    const d = await StageDriver.mount();
    const fwd = screen.getByRole('button', { name: 'Step forward' });
    fwd.focus();
    d.key(' ', fwd).expectPath('playing', false);
  });

  it('the step counter and the scrubber follow the cursor', async () => {
    const d = await StageDriver.mount();
    d.keys('ArrowRight', 5);
    const total = d.state.run!.timeline.length;
    expect(screen.getByTestId('step-count')).toHaveTextContent(`Step 5 of ${total}`);
    const range = screen.getByRole('slider', { name: 'Timeline' });
    expect(range).toHaveValue('5');
    act(() => { fireEvent.change(range, { target: { value: '9' } }); });
    d.expectCursor(9);
  });

  it('speed is chosen from 0.25× to 4×', async () => {
    const d = await StageDriver.mount();
    const select = screen.getByRole('combobox', { name: 'Speed' });
    const values = within(select).getAllByRole('option').map((o) => Number((o as HTMLOptionElement).value));
    expect(Math.min(...values)).toBe(0.25);
    expect(Math.max(...values)).toBe(4);
    act(() => { fireEvent.change(select, { target: { value: '2' } }); });
    d.expectPath('speed', 2);
  });
});

describe('code panel', () => {
  it('shows each program in the chosen language with the current call highlighted', async () => {
    const d = await StageDriver.mount();
    act(() => d.state.setPanel('code'));
    await screen.findAllByRole('radio', { name: 'Python' });
    // Step until the client's connect() is in progress.
    d.stepUntil((x) => x.state.view!.programs.some((p) => p.host === 'client' && p.call?.op === 'connect'));
    const current = () => Array.from(document.querySelectorAll('li[aria-current="step"]'), (li) => li.textContent ?? '');
    expect(current().some((line) => line.includes('connect('))).toBe(true);
    act(() => { fireEvent.click(screen.getByRole('radio', { name: 'Python' })); });
    expect(d.state.codeLang).toBe('python');
    expect(current().some((line) => line.includes('.connect('))).toBe(true);
    d.stepUntil((x) => x.state.view!.programs[1].status === 'blocked');
    expect(screen.getByTestId('prog-status-1')).toHaveTextContent('connect() — waiting for the handshake');
    expect(current().some((line) => line.includes('.connect('))).toBe(true);
  });
});

describe('keyboard map', () => {
  it('? opens the list of keys, in the UI language; Escape closes it', async () => {
    const d = await StageDriver.mount({ locale: 'zh-CN' });
    d.key('?');
    const dialog = screen.getByRole('dialog', { name: '键盘' });
    expect(dialog).toHaveTextContent('翻页笔：后退 / 前进一步');
    d.key('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    d.click('键盘');
    expect(screen.getByRole('dialog', { name: '键盘' })).toBeInTheDocument();
  });
});
