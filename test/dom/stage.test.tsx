import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { StageDriver, fixtureRunner } from './StageDriver';
import type { Runner } from '../../src/store';
import type { Scenario } from '../../src/scenarios/schema';
import { encodePacket } from '../../src/sim/pcap';

const synSent = (d: StageDriver) => d.state.view!.inFlight.some((f) => f.flight.id === 1);

describe('sequence diagram', () => {
  it('shows the SYN in flight with a Wireshark-style label, then the socket states', async () => {
    const d = await StageDriver.mount();
    d.stepUntil(synSent);
    const head = screen.getByRole('button', { name: /^SYN seq=0 — client → server$/ });
    expect(head).toBeInTheDocument();
    d.key('Home');
    expect(screen.queryByRole('button', { name: /^SYN seq=0/ })).toBeNull();
  });

  it('absolute numbers show the real sequence numbers', async () => {
    const d = await StageDriver.mount();
    d.stepUntil(synSent);
    d.click('Absolute', 'radio');
    expect(screen.getByRole('button', { name: /^SYN seq=1000 —/ })).toBeInTheDocument();
  });

  it('"Drop this packet" adds a drop fault for that id, re-simulates and keeps the cursor', async () => {
    const seen: Scenario[] = [];
    const runner: Runner = async (s) => { seen.push(s); return fixtureRunner(s); };
    const d = await StageDriver.mount({ runner });
    d.stepUntil(synSent);
    const cursor = d.state.cursor;
    fireEvent.click(screen.getByRole('button', { name: /^SYN seq=0 —/ }));
    expect(screen.getByRole('dialog', { name: 'Packet 1' })).toBeInTheDocument();
    expect(d.state.playing).toBe(false);
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Drop this packet' })); });
    expect(seen.at(-1)!.faults).toContainEqual({ drop: { id: 1 } });
    d.expectCursor(cursor);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape closes the packet menu', async () => {
    const d = await StageDriver.mount();
    d.stepUntil(synSent);
    fireEvent.click(screen.getByRole('button', { name: /^SYN seq=0 —/ }));
    d.key('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('narration', () => {
  it('is a polite live region that explains each step, in the chosen language', async () => {
    const d = await StageDriver.mount();
    const live = screen.getByTestId('narration');
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live).toHaveTextContent('Nothing has happened yet');
    d.stepUntil(synSent);
    expect(live).toHaveTextContent('Client sends SYN (seq=0) to open a connection');
    act(() => d.state.setLocale('zh-CN'));
    expect(live).toHaveTextContent('客户端发送 SYN（seq=0）请求建立连接');
  });

  it('explains a lost SYN and its retransmission after the RTO', async () => {
    const d = await StageDriver.mount({ key: 'lost-syn', scenario: (await import('../fixtures/lossTrace')).lostSynScenario });
    const live = screen.getByTestId('narration');
    d.stepUntil((x) => x.state.view!.step !== null && x.state.run!.trace[x.state.view!.step.lead].type === 'segment'
      && (x.state.run!.trace[x.state.view!.step.lead] as { event: string }).event === 'drop');
    expect(live).toHaveTextContent('dropped on purpose');
    d.key('ArrowRight');
    expect(live).toHaveTextContent('retransmission timer (RTO, 1 s) expires');
    d.key('ArrowRight');
    expect(live).toHaveTextContent('sends the SYN again');
  });
});

describe('side panels', () => {
  it('the state machine highlights each endpoint\'s state and offers the Linux alias', async () => {
    const d = await StageDriver.mount();
    d.click('States', 'tab');
    d.stepUntil((x) => x.state.view!.sockets.some((s) => s.state === 'SYN_RECEIVED'));
    const node = document.querySelector('[data-state="SYN_RECEIVED"]')!;
    expect(node).toHaveClass('active');
    expect(node.querySelector('title')!.textContent).toContain('Linux: SYN_RECV');
    expect(document.querySelector('.sm-edge.taken title')!.textContent).toMatch(/^LISTEN → SYN_RECEIVED/);
  });

  it('the inspector shows header fields and the payload as text and hex', async () => {
    const d = await StageDriver.mount();
    const data = d.state.run!.timeline.flights.find((f) => f.id === 4)!; // the client's "hello"
    act(() => { d.state.jumpEnd(); d.state.select(data.index); d.state.setPanel('inspector'); });
    const insp = await screen.findByTestId('inspector');
    expect(insp).toHaveTextContent('PSH, ACK seq=1 ack=1 win=64256 len=5');
    expect(insp).toHaveTextContent('10.0.0.1');
    expect(insp).toHaveTextContent('hello');
    const hex = insp.querySelector('pre.hex')!;
    const shown = Array.from(hex.querySelectorAll('.hex-bytes span'), (e) => e.textContent).join('');
    const p = d.state.run!.packets.get(4)!;
    expect(shown).toBe(Array.from(encodePacket(p), (b) => b.toString(16).padStart(2, '0')).join(''));
    expect(shown.endsWith('68656c6c6f')).toBe(true);
    // Pointing at a field highlights exactly its bytes: the IPv4 source address is bytes 12..15.
    fireEvent.mouseEnter(screen.getByRole('rowheader', { name: 'Source address' }).closest('tr')!);
    expect(Array.from(hex.querySelectorAll('.hex-bytes .hl'), (e) => e.textContent)).toEqual(['0a', '00', '00', '01']);
  });

  it('before accept() returns, no panel shows the fd or name the new connection will get', async () => {
    const d = await StageDriver.mount();
    const heads = () => Array.from(document.querySelectorAll('.lane-head'), (e) => e.textContent ?? '');
    // The listener exists before bind(): it has an fd, not yet an address.
    d.stepUntil((x) => x.state.view!.sockets.some((s) => s.info.listener));
    expect(heads().find((h) => h.startsWith('ls '))).toMatch(/^ls fd 3unbound/);
    d.stepUntil((x) => x.state.view!.sockets.some((s) => s.state === 'SYN_RECEIVED'));
    const child = d.state.view!.sockets.find((s) => s.info.parent !== undefined)!;
    expect(child.info.fd).toBe(4); // what the run will show later…
    expect(heads().filter((h) => /\bfd 4\b|^c /.test(h))).toEqual([]); // …is not shown yet
    expect(heads()).toContain('not accepted yet:80↔:40000SYN_RECEIVED');
    act(() => d.state.setPanel('state'));
    expect((await screen.findByText('server (not accepted yet)')).closest('[data-state]')).toHaveAttribute('data-state', 'SYN_RECEIVED');
    act(() => d.state.setPanel('sockets'));
    const card = (await screen.findAllByRole('article')).find((a) => a.textContent!.includes('SYN_RECEIVED'))!;
    expect(card).toHaveTextContent('not accepted yet');
    expect(card).not.toHaveTextContent(/fd 4|fd closed/);
    // accept() returns fd 4: now every panel says so.
    d.stepUntil((x) => x.state.view!.sockets.some((s) => s.info.parent !== undefined && s.known.fd === 4));
    expect(heads().some((h) => h.startsWith('c fd 4'))).toBe(true);
    expect(screen.getAllByRole('article').some((a) => /c · fd 4/.test(a.textContent!))).toBe(true);
  });

  it("a host's kernel lane shows only once a packet no socket owns comes or goes there (UDP to a closed port)", async () => {
    const { simulate } = await import('../../src/sim');
    const { lessonScenario } = await import('../../src/scenarios/lessons');
    const d = await StageDriver.mount({ runner: async (s) => simulate(s), scenario: lessonScenario('udp-unreachable')!, key: 'udp-unreachable' });
    const tl = d.state.run!.timeline;
    const datagram = tl.flights.find((f) => f.kind === 'datagram')!;
    const icmp = tl.flights.find((f) => f.kind === 'icmp')!;
    const kernels = () => ({
      heads: Array.from(document.querySelectorAll('.lane-head:not(.future) .lane-name.kernel'), (e) => e.closest('.lane-head')!.getAttribute('title')),
      lines: document.querySelectorAll('line.lifeline.kernel').length,
    });
    expect(kernels()).toEqual({ heads: [], lines: 0 });
    d.keys('ArrowRight', datagram.sendStep); // just before the datagram leaves
    expect(kernels()).toEqual({ heads: [], lines: 0 });
    d.key('ArrowRight'); // towards the server, where no socket has the port: its kernel answers
    expect(kernels().lines).toBe(1);
    d.keys('ArrowRight', icmp.sendStep - d.state.cursor);
    expect(kernels().lines).toBe(1); // the client's kernel has had nothing yet
    d.key('ArrowRight'); // the ICMP leaves for the client's kernel
    expect(kernels()).toEqual({ heads: ['kernel', 'kernel'], lines: 2 });
  });

  it('the sockets panel shows queues of the listener', async () => {
    const d = await StageDriver.mount();
    act(() => d.state.setPanel('sockets'));
    d.stepUntil((x) => x.state.view!.sockets.some((s) => s.queue?.synQueue === 1));
    const panel = screen.getByRole('tabpanel');
    expect(await within(panel).findByText('1 / 256')).toBeInTheDocument();
    expect(within(panel).getByText(/SYN queue/)).toBeInTheDocument();
  });

  it('network: an impossible value gets an inline message and keeps the run; a good one re-simulates', async () => {
    const runner = vi.fn(fixtureRunner);
    const d = await StageDriver.mount({ runner, locale: 'zh-CN' });
    act(() => d.state.setPanel('network'));
    const loss = await screen.findByLabelText('丢包率（%）');
    act(() => { fireEvent.change(loss, { target: { value: '150' } }); fireEvent.blur(loss); });
    expect(await screen.findByRole('alert')).toHaveTextContent('丢包率（%）：应为介于 0 和 100 之间的数字');
    expect(runner).toHaveBeenCalledTimes(1);
    await act(async () => { fireEvent.change(loss, { target: { value: '5' } }); fireEvent.blur(loss); });
    expect(runner).toHaveBeenCalledTimes(2);
    expect(runner.mock.calls[1][0].network?.loss).toBeCloseTo(0.05);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('lecture mode', () => {
  it('L hides the chrome, B blanks the screen, Escape steps back out', async () => {
    const d = await StageDriver.mount();
    d.key('b').expectPath('blank', false);
    d.key('l').expectPath('lecture', true);
    expect(screen.queryByRole('toolbar', { name: 'Playback' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy share link' })).toBeNull();
    d.key('ArrowRight').expectCursor(1);
    d.key('b').expectPath('blank', true);
    expect(screen.getByRole('status', { name: /Screen blanked/ })).toBeInTheDocument();
    d.key('Escape').expectPath('blank', false);
    d.key('Escape').expectPath('lecture', false);
    expect(screen.getByRole('toolbar', { name: 'Playback' })).toBeInTheDocument();
  });
});

describe('files', () => {
  it('an invalid scenario file names the JSON path and keeps the current run', async () => {
    const d = await StageDriver.mount();
    d.keys('ArrowRight', 4);
    const before = d.state.run;
    const bad = new File([JSON.stringify({ format: 'socketlab-scenario/1', seed: 1, hosts: { a: { ip: '10.0.0.1' } }, programs: [{ host: 'a', steps: [{ op: 'bind', sock: 's', port: 99999 }] }] })], 'bad.json');
    act(() => { fireEvent.change(screen.getByTestId('file-input'), { target: { files: [bad] } }); });
    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('programs[0].steps[0].port');
    expect(d.state.run).toBe(before);
    d.expectCursor(4);
  });
});

describe('captures', () => {
  it('a pcap file plays like a run; its network cannot be edited nor its packets dropped', async () => {
    const { writePcap, pcapFramesFromTrace } = await import('../../src/sim/pcap');
    const { buildEchoTrace: build } = await import('../fixtures/echoTrace');
    const run = build();
    const bytes = writePcap(pcapFramesFromTrace(run.trace, run.packets));
    const d = await StageDriver.mount();
    const file = new File([bytes as BlobPart], 'echo.pcap');
    await act(async () => { fireEvent.change(screen.getByTestId('capture-input'), { target: { files: [file] } }); });
    await screen.findByRole('option', { name: 'Capture: echo.pcap' }, { timeout: 5000 });
    expect(d.state.scenario).toBeNull();
    expect(d.state.run!.timeline.flights.length).toBe(run.packets.size);
    d.stepUntil((x) => x.state.view!.inFlight.length > 0);
    fireEvent.click(document.querySelector('.packet-head')!);
    expect(screen.queryByRole('button', { name: 'Drop this packet' })).toBeNull();
    act(() => d.state.setPanel('network'));
    expect(await screen.findByText(/cannot be changed/)).toBeInTheDocument();
  });

  it('a broken capture says why in the user\'s language and keeps the run', async () => {
    const d = await StageDriver.mount({ locale: 'zh-CN' });
    const before = d.state.run;
    const bad = new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]); // pcap magic, then cut off
    act(() => { fireEvent.change(screen.getByTestId('capture-input'), { target: { files: [new File([bad], 'bad.pcap')] } }); });
    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('无法打开这个抓包文件');
    expect(d.state.run).toBe(before);
  });
});
