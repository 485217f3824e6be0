// The workbench as a user drives it: a scenario built through the form is the one typed as JSON,
// the JSON view and the form follow each other, and invalid input is flagged beside its field
// with what the user typed kept.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { StoreProvider } from '../../src/store/StoreProvider';
import { createAppStore, type AppStore } from '../../src/store';
import { directRunner } from '../../src/app/runner';
import { parseScenario } from '../../src/scenarios/schema';
import type { Locale } from '../../src/i18n/i18n';
import { CATALOG } from './StageDriver';

async function openWorkbench(locale: Locale = 'en'): Promise<AppStore> {
  const store = createAppStore({ runner: directRunner, locale });
  render(<StoreProvider store={store}><App catalog={CATALOG} /></StoreProvider>);
  act(() => store.getState().setMode('workbench'));
  await screen.findByTestId('workbench');
  // Every test starts from an empty scenario.
  fireEvent.change(screen.getByTestId('wb-template'), { target: { value: 'empty' } });
  return store;
}

const TYPED = {
  format: 'socketlab-scenario/1', seed: 1,
  hosts: { server: { ip: '10.0.0.1' }, client: { ip: '10.0.0.2' } },
  programs: [
    { host: 'server', steps: [
      { op: 'socket', type: 'stream', as: 'ls' }, { op: 'bind', sock: 'ls', port: 8080 }, { op: 'listen', sock: 'ls', backlog: 5 },
      { op: 'accept', sock: 'ls', as: 'conn' }, { op: 'recv', sock: 'conn', max: 1024 }, { op: 'close', sock: 'conn' }] },
    { host: 'client', steps: [
      { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 8080 },
      { op: 'send', sock: 's', data: 'hi there' }, { op: 'close', sock: 's' }] },
  ],
};

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** Add a step through the "Add a call" menu of program `p` and return its row. */
function addStep(p: number, op: string): HTMLElement {
  fireEvent.change(screen.getByTestId(`program-${p}-add`), { target: { value: op } });
  const rows = within(screen.getByTestId(`program-${p}`)).getAllByRole('listitem');
  return rows[rows.length - 1];
}

/** Set a field of a step row by its label. */
function setField(row: HTMLElement, label: RegExp, value: string) {
  fireEvent.change(within(row).getByLabelText(label), { target: { value } });
}

describe('workbench', () => {
  it('a scenario built through the form equals the one typed as JSON, and runs on the stage', async () => {
    const store = await openWorkbench();
    fireEvent.click(screen.getByRole('button', { name: /Add a host/ }));
    fireEvent.click(screen.getByRole('button', { name: /Add a host/ }));
    type('host-1-name', 'client');
    fireEvent.click(screen.getByTestId('add-program'));
    fireEvent.click(screen.getByTestId('add-program'));
    fireEvent.change(screen.getByTestId('program-1-host'), { target: { value: 'client' } });

    setField(addStep(0, 'socket'), /^as/, 'ls');
    let r = addStep(0, 'bind'); setField(r, /^socket/, 'ls'); setField(r, /^port/, '8080');
    r = addStep(0, 'listen'); setField(r, /^socket/, 'ls');
    r = addStep(0, 'accept'); setField(r, /^socket/, 'ls');
    r = addStep(0, 'recv'); setField(r, /^socket/, 'conn');
    r = addStep(0, 'close'); setField(r, /^socket/, 'conn');
    addStep(1, 'socket');
    r = addStep(1, 'connect'); setField(r, /^port/, '8080');
    r = addStep(1, 'send'); setField(r, /^data/, 'hi there');
    addStep(1, 'close');

    expect(screen.getByTestId('wb-status')).toHaveTextContent('The scenario is valid.');
    const fromForm = JSON.parse((screen.getByTestId('wb-json') as HTMLTextAreaElement).value);
    const typed = parseScenario(TYPED);
    expect(typed.ok).toBe(true);
    expect(parseScenario(fromForm)).toEqual(typed);

    fireEvent.click(screen.getByTestId('wb-run'));
    expect(store.getState().mode).toBe('stage');
    await waitFor(() => expect(store.getState().scenario).toEqual(typed.ok && typed.scenario));
    await screen.findByTestId('step-count');
  });

  it('JSON typed in the JSON view fills the form, and a form edit rewrites the JSON', async () => {
    await openWorkbench();
    fireEvent.change(screen.getByTestId('wb-json'), { target: { value: JSON.stringify(TYPED) } });
    expect(input('host-0-name').value).toBe('server');
    expect(input('host-1-ip').value).toBe('10.0.0.2');
    expect(within(screen.getByTestId('program-1')).getByLabelText(/^data/)).toHaveValue('hi there');
    // What was typed stays as typed in the JSON view (not reformatted under the cursor).
    expect((screen.getByTestId('wb-json') as HTMLTextAreaElement).value).toBe(JSON.stringify(TYPED));
    type('wb-seed', '42');
    const json = JSON.parse((screen.getByTestId('wb-json') as HTMLTextAreaElement).value);
    expect(json.seed).toBe(42);
    expect(json.programs).toEqual(TYPED.programs);
  });

  it('a JSON syntax error is reported and the form keeps its last readable version', async () => {
    await openWorkbench();
    fireEvent.change(screen.getByTestId('wb-json'), { target: { value: JSON.stringify(TYPED) } });
    fireEvent.change(screen.getByTestId('wb-json'), { target: { value: '{"hosts": ' } });
    expect(screen.getByTestId('wb-json')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/^Not valid JSON/)).toBeInTheDocument();
    expect(input('host-0-name').value).toBe('server');
    expect((screen.getByTestId('wb-json') as HTMLTextAreaElement).value).toBe('{"hosts": ');
  });

  for (const [locale, message] of [['en', 'A number, please.'], ['zh-CN', '请输入数字。']] as const) {
    it(`invalid input shows the error beside the field and keeps what was typed (${locale})`, async () => {
      const store = await openWorkbench(locale);
      const before = store.getState().scenario;
      fireEvent.change(screen.getByTestId('wb-json'), { target: { value: JSON.stringify(TYPED) } });
      const port = within(screen.getByTestId('program-0')).getAllByRole('listitem')[1];
      const field = within(port).getByDisplayValue('8080');
      fireEvent.change(field, { target: { value: '80a' } });
      expect(field).toHaveValue('80a');
      expect(field).toHaveAttribute('aria-invalid', 'true');
      const err = document.getElementById(field.getAttribute('aria-describedby')!);
      expect(err).toHaveTextContent(message);
      // The message sits in the same field, right after the input.
      expect(field.closest('.field')).toContainElement(err);
      // Nothing invalid reaches the stage.
      fireEvent.click(screen.getByTestId('wb-run'));
      expect(store.getState().mode).toBe('workbench');
      expect(store.getState().scenario).toBe(before);
      // An unknown socket is named in its message; fixing the field clears it.
      const sock = within(port).getByDisplayValue('ls');
      fireEvent.change(sock, { target: { value: 'lz' } });
      fireEvent.change(field, { target: { value: '8080' } });
      expect(field).not.toHaveAttribute('aria-invalid');
      expect(document.getElementById(sock.getAttribute('aria-describedby')!)).toHaveTextContent('lz');
      fireEvent.change(sock, { target: { value: 'ls' } });
      expect(screen.getByTestId('wb-status')).toHaveTextContent(locale === 'en' ? 'The scenario is valid.' : '场景有效。');
    });
  }
});
