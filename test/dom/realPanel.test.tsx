// The Real-mode panel on the whole app, with a fake bridge under the real client: availability,
// connect and listen, sending text and hex, the three ways to end a connection, peer bytes that
// stay text, errors in both languages, a vanished bridge that loses nothing, and leaving.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, fakeFactory } from './fakeBridge';
import { connectTo, mountReal, openReal, sendText, settle } from './realDriver';

const base64 = (s: string) => btoa(s);

describe('Real mode without a bridge', () => {
  it('is visibly unavailable, says how to start the bridge, and the simulator keeps working', async () => {
    const { store } = await mountReal({ params: null });
    expect(screen.getByRole('button', { name: 'Real mode' })).toHaveClass('bridge-absent');
    await openReal();
    const status = screen.getByTestId('real-status');
    expect(status).toHaveTextContent('Unavailable: this page is not connected to a bridge.');
    expect(status).toHaveTextContent('npx socketlab-bridge --allow HOST:PORT');
    expect(status).toHaveTextContent('The simulator keeps working');
    expect(screen.queryByRole('button', { name: 'Connect' })).toBeNull();
    // The stage still shows the simulated scenario, and stepping works.
    expect(store.getState().scenarioKey).toBe('echo');
    act(() => { fireEvent.keyDown(window, { key: 'ArrowRight' }); });
    expect(store.getState().cursor).toBe(1);
    act(() => store.getState().setLocale('zh-CN'));
    expect(screen.getByTestId('real-status')).toHaveTextContent('不可用：本页面没有连接到桥接程序。');
  });

  it('says so when the bridge does not answer, and Try again connects once it does', async () => {
    let up = false;
    const factory = fakeFactory(() => (up ? new FakeBridge() : new Error('refused')));
    await mountReal({ createClient: factory });
    await openReal();
    expect(screen.getByTestId('real-status')).toHaveTextContent('Unavailable: the bridge did not answer.');
    expect(screen.getByTestId('real-status')).toHaveTextContent('A restarted bridge has a new key');
    up = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await settle();
    expect(screen.getByTestId('real-status')).toHaveTextContent('Connected to the bridge');
    expect(screen.getByRole('button', { name: 'Connect' })).toBeInTheDocument();
  });
});

describe('connecting to a real server', () => {
  it('shows the connection, its kernel state and the echoed bytes on every view, live', async () => {
    const factory = fakeFactory(() => new FakeBridge({ echo: true }));
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    // The host and port come prefilled from the bridge's allow-list.
    expect(screen.getByRole('textbox', { name: 'Host' })).toHaveValue('127.0.0.1');
    expect(screen.getByRole('textbox', { name: 'Port' })).toHaveValue('7');
    await connectTo();
    const card = screen.getByTestId('real-sock-3');
    expect(card).toHaveTextContent('127.0.0.1:50000 ↔ 127.0.0.1:7');
    expect(within(card).getByText('ESTABLISHED')).toBeInTheDocument();
    await sendText(3, 'hello');
    expect(factory.last!.ops.find((o) => o.op === 'send')).toMatchObject({ sock: 3, data: base64('hello\n') });
    expect(within(card).getByTestId('peer-text').textContent).toBe('hello\\n\n');
    expect(card).toHaveTextContent('sent 6 B · received 6 B');
    // The stage plays the recording and follows the newest step.
    const s = store.getState();
    expect(s.scenarioKey).toBe('real');
    expect(s.run?.live).toBe(true);
    expect(s.cursor).toBe(s.run!.timeline.length);
    expect(screen.getByTestId('narration')).toHaveTextContent('Your program calls recv(3), which returns 6.');
    const calls = screen.getByTestId('session-calls');
    expect(calls).toHaveTextContent('fd 3 ← socket(AF_INET, SOCK_STREAM, 0) = 3');
    expect(calls).toHaveTextContent('connect(3, 127.0.0.1:7) = 0');
    expect(calls).toHaveTextContent('send(3, "hello\\n", 6) = 6');
    expect(within(calls).getByText(/recv\(3\) = 6/).closest('li')).toHaveAttribute('aria-current', 'step');
    expect(screen.getAllByText('ESTABLISHED').length).toBeGreaterThan(1); // lane head too
  });

  it('keeps the cursor where the student scrubbed back, and follows again from the end', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    await connectTo();
    act(() => { fireEvent.keyDown(window, { key: 'Home' }); });
    expect(store.getState().cursor).toBe(0);
    await act(async () => { factory.last!.peerSends(3, 'later'); });
    await settle();
    expect(store.getState().cursor).toBe(0);
    act(() => { fireEvent.keyDown(window, { key: 'End' }); });
    await act(async () => { factory.last!.peerSends(3, 'again'); });
    await settle();
    expect(store.getState().cursor).toBe(store.getState().run!.timeline.length);
    expect(screen.getByTestId('narration')).toHaveTextContent('"again"');
  });

  it('sends hex, refuses bad hex without sending, and ends with FIN, close or RST', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    await connectTo();
    const card = screen.getByTestId('real-sock-3');
    fireEvent.click(within(card).getByRole('radio', { name: 'Hex' }));
    fireEvent.change(within(card).getByLabelText('Data to send on fd 3'), { target: { value: '4g' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Send' }));
    expect(within(card).getByRole('alert')).toHaveTextContent('Bytes: pairs of hex digits, e.g. 48 69 0a.');
    expect(factory.last!.ops.filter((o) => o.op === 'send')).toHaveLength(0);
    await sendText(3, '48 69 0a');
    expect(factory.last!.ops.find((o) => o.op === 'send')).toMatchObject({ data: base64('Hi\n') });
    fireEvent.click(within(card).getByRole('button', { name: 'Shutdown (FIN)' }));
    await settle();
    expect(factory.last!.ops.at(-1)).toMatchObject({ op: 'shutdown', sock: 3, how: 'wr' });
    expect(card).toHaveTextContent('you sent FIN');
    expect(within(card).queryByLabelText('Data to send on fd 3')).toBeNull();
    await act(async () => { factory.last!.peerFin(3); });
    await settle();
    expect(card).toHaveTextContent('peer sent FIN (end of data)');
    fireEvent.click(within(card).getByRole('button', { name: 'Abort (RST)' }));
    await settle();
    expect(factory.last!.ops.at(-1)).toMatchObject({ op: 'abort', sock: 3 });
    // BSD spelling of an abortive close, in the recorded program.
    expect(store.getState().run!.trace.some((r) => r.type === 'call' && r.op === 'setsockopt' && r.args.name === 'SO_LINGER')).toBe(true);
    expect(card).toHaveTextContent('closed');
  });
});

describe('bytes from real peers', () => {
  it('are text, never markup: an <img onerror> from a peer creates no element and runs nothing', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    await connectTo();
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u001b[31m\u202e';
    await act(async () => { factory.last!.peerSends(3, evil); });
    await settle();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.real-panel script, main script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    const text = within(screen.getByTestId('real-sock-3')).getByTestId('peer-text');
    expect(text.textContent).toBe('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\\x1b[31m\\u202e');
    expect(text.children).toHaveLength(0);
    expect(screen.getByTestId('narration').textContent).toContain('<img src=x onerror=');
    // The hex view shows the same bytes as bytes.
    fireEvent.click(screen.getByRole('radio', { name: 'Bytes' }));
    expect(within(screen.getByTestId('real-sock-3')).getByLabelText('Received fd 3').textContent).toContain('3c696d67');
    expect(store.getState().run!.trace.some((r) => r.type === 'return' && typeof r.result === 'object' && 'data' in r.result && r.result.data.startsWith('<img'))).toBe(true);
  });
});

describe('listening for real clients', () => {
  it('listens, shows how to connect, and each accepted connection appears as it happens', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    fireEvent.click(screen.getByRole('radio', { name: 'Listen for clients' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Port' }), { target: { value: '9000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    await settle();
    const listener = screen.getByTestId('real-sock-3');
    expect(listener).toHaveTextContent('listening socket');
    expect(within(listener).getByTestId('real-try')).toHaveTextContent('nc 127.0.0.1 9000');
    expect(factory.last!.ops.map((o) => o.op)).toEqual(['socket', 'bind', 'listen', 'accept']);
    await act(async () => { factory.last!.clientConnects(3, '127.0.0.1:41000'); });
    await settle();
    const conn = screen.getByTestId('real-sock-4');
    expect(conn).toHaveTextContent('accepted connection');
    expect(conn).toHaveTextContent('127.0.0.1:9000 ↔ 127.0.0.1:41000');
    expect(listener).toHaveTextContent('1 accepted');
    // The server loop waits for the next client at once.
    expect(factory.last!.ops.filter((o) => o.op === 'accept')).toHaveLength(2);
    await act(async () => { factory.last!.peerSends(4, 'hi from nc\n'); });
    await settle();
    expect(within(conn).getByTestId('peer-text').textContent).toBe('hi from nc\\n\n');
    expect(screen.getByTestId('session-calls')).toHaveTextContent('fd 4 ← accept(3) = 4');
    expect(store.getState().view!.sockets.some((s) => s.info.fd === 4 && s.state === 'ESTABLISHED')).toBe(true);
  });

  it('rejects a bad port inline and reports a refused privileged port in both languages', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    fireEvent.click(screen.getByRole('radio', { name: 'Listen for clients' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Port' }), { target: { value: '70000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Port: a whole number from 0 to 65535.');
    expect(factory.last!.ops).toHaveLength(0);
    fireEvent.change(screen.getByRole('textbox', { name: 'Port' }), { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    await settle();
    const notice = await screen.findByTestId('notice');
    expect(notice).toHaveTextContent('bind() failed with EACCES: ports below 1024 are reserved');
    act(() => store.getState().setLocale('zh-CN'));
    expect(screen.getByTestId('notice')).toHaveTextContent('bind() 失败，错误 EACCES：1024 以下的端口是保留端口');
    // A C program closes the socket whose listen failed.
    expect(factory.last!.ops.at(-1)).toMatchObject({ op: 'close', sock: 3 });
  });
});

describe('errors from the bridge', () => {
  it('explains a refused connection and a target the bridge does not allow', async () => {
    const factory = fakeFactory(() => new FakeBridge({ allow: ['127.0.0.1:7'], refuse: ['127.0.0.1:7'] }));
    await mountReal({ createClient: factory });
    await openReal();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await settle();
    expect(await screen.findByText(/connect\(\) failed with ECONNREFUSED: no socket listens on that port/)).toBeInTheDocument();
    expect(screen.getByTestId('real-sock-3')).toHaveTextContent('connect(): ECONNREFUSED');
    fireEvent.change(screen.getByRole('textbox', { name: 'Port' }), { target: { value: '8080' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await settle();
    expect(await screen.findByText(/connect\(\) failed with EACCES: the bridge does not allow this target\. Restart it with --allow HOST:PORT/)).toBeInTheDocument();
  });

  it('a vanished bridge ends the recording, keeps it on the stage and offers to reconnect', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    await openReal();
    await connectTo();
    await sendText(3, 'kept');
    const before = store.getState().run!.trace.length;
    await act(async () => { factory.last!.vanish(); });
    await settle();
    expect(screen.getByTestId('real-status')).toHaveTextContent('The connection to the bridge was lost (code 1006).');
    expect(screen.getByTestId('real-status')).toHaveTextContent('Your recording is kept');
    const run = store.getState().run!;
    expect(run.live).toBe(false);
    expect(run.trace.length).toBe(before);
    expect(screen.queryByLabelText('Data to send on fd 3')).toBeNull();
    act(() => { fireEvent.keyDown(window, { key: 'Home' }); fireEvent.keyDown(window, { key: 'ArrowRight' }); });
    expect(store.getState().cursor).toBe(1);
    // The Files menu can save it.
    expect(screen.getByRole('menuitem', { name: 'Save real session (JSON)', hidden: true })).toBeInTheDocument();
    act(() => store.getState().setLocale('zh-CN'));
    expect(screen.getByTestId('real-status')).toHaveTextContent('与桥接程序的连接已断开（代码 1006）。');
    fireEvent.click(screen.getByRole('button', { name: '重新连接' }));
    await settle();
    expect(screen.getByTestId('real-status')).toHaveTextContent('已连接到桥接程序');
    // The old recording is still there, next to the new one.
    expect(screen.getByRole('region', { name: '记录' })).toHaveTextContent(`10:00:00 · ${before} 条记录`);
  });
});

describe('leaving Real mode', () => {
  it('also works when Real mode was opened before the bridge answered', async () => {
    let answer!: () => void;
    const gate = new Promise<void>((r) => { answer = r; });
    const inner = fakeFactory(() => new FakeBridge());
    const slow: typeof inner = async (p) => { await gate; return inner(p); };
    const { store, started } = await mountReal({ createClient: slow, waitForBridge: false });
    const simRun = store.getState().run;
    await openReal();
    expect(screen.getByTestId('real-status')).toHaveTextContent('Connecting to the bridge');
    expect(store.getState().run).toBe(simRun);
    answer();
    await act(async () => { await started; });
    await settle();
    expect(store.getState().scenarioKey).toBe('real');
    fireEvent.click(screen.getByRole('button', { name: 'Real mode' }));
    await settle();
    expect(store.getState().run).toBe(simRun);
  });

  it('puts the simulated run back exactly where it was', async () => {
    const factory = fakeFactory(() => new FakeBridge());
    const { store } = await mountReal({ createClient: factory });
    act(() => { fireEvent.keyDown(window, { key: 'ArrowRight' }); fireEvent.keyDown(window, { key: 'ArrowRight' }); });
    const simRun = store.getState().run;
    await openReal();
    await connectTo();
    expect(store.getState().scenarioKey).toBe('real');
    fireEvent.click(screen.getByRole('button', { name: 'Real mode' }));
    await settle();
    await waitFor(() => expect(screen.queryByTestId('real-panel')).toBeNull());
    expect(store.getState().run).toBe(simRun);
    expect(store.getState().cursor).toBe(2);
    expect(store.getState().scenarioKey).toBe('echo');
    // Picking a scenario while in Real mode leaves it too; the recording goes on in the background.
    await openReal();
    expect(store.getState().scenarioKey).toBe('real');
    await act(async () => { fireEvent.change(screen.getByRole('combobox', { name: /^Scenario/ }), { target: { value: 'lost-syn' } }); });
    await waitFor(() => expect(store.getState().scenarioKey).toBe('lost-syn'));
    await waitFor(() => expect(screen.queryByTestId('real-panel')).toBeNull());
    expect(store.getState().realOpen).toBe(false);
  });
});
