// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { labelLevels, packetLabel, packetTone } from '../../src/ui/stage/packetLabel';
import { parseField, FIELDS, shownValue } from '../../src/ui/network/networkFields';
import { layoutDiagram } from '../../src/ui/stage/diagramLayout';
import { createTimeline, type PacketRecord } from '../../src/timeline';
import { buildEchoTrace, echoScenario } from '../fixtures/echoTrace';

const tl = createTimeline(buildEchoTrace().trace);
const sent = tl.flights.map((f) => tl.trace[f.sendRec] as PacketRecord);

describe('packet labels (Wireshark style)', () => {
  it('names the handshake and data like Wireshark, relative or absolute', () => {
    expect(packetLabel(sent[0], { numbers: 'relative' })).toBe('SYN seq=0');
    expect(packetLabel(sent[1], { numbers: 'relative', showWin: true })).toBe('SYN, ACK seq=0 ack=1 win=65535');
    expect(packetLabel(sent[3], { numbers: 'relative' })).toBe('PSH, ACK seq=1 ack=1 len=5');
    expect(packetLabel(sent[0], { numbers: 'absolute' })).toBe('SYN seq=1000');
    expect(packetLabel(sent[1], { numbers: 'absolute' })).toBe('SYN, ACK seq=5000 ack=1001');
  });

  it('offers shorter names that drop the window first, then the number that tells least', () => {
    expect(labelLevels(sent[3], { numbers: 'relative' })).toEqual([
      'PSH, ACK seq=1 ack=1 win=64256 len=5', 'PSH, ACK seq=1 ack=1 len=5', 'PSH, ACK seq=1 len=5', 'seq=1 len=5', 'seq=1',
    ]);
    const ack = sent.find((r) => r.type === 'segment' && r.len === 0 && r.flags.join() === 'ACK')!;
    expect(labelLevels(ack, { numbers: 'relative' })).toEqual([
      packetLabel(ack, { numbers: 'relative', showWin: true }), packetLabel(ack, { numbers: 'relative' }), `ACK ack=${ack.type === 'segment' ? ack.rack : ''}`, `ack=${ack.type === 'segment' ? ack.rack : ''}`,
    ]);
    expect(labelLevels(sent[0], { numbers: 'relative' })).toEqual(['SYN seq=0', 'SYN']);
    expect(labelLevels(sent[1], { numbers: 'relative' })).toEqual(['SYN, ACK seq=0 ack=1 win=65535', 'SYN, ACK seq=0 ack=1', 'SYN, ACK seq=0', 'SYN, ACK']);
  });

  it('gives each kind its colour family', () => {
    expect(sent.slice(0, 4).map(packetTone)).toEqual(['syn', 'syn', 'ack', 'data']);
  });
});

describe('network fields', () => {
  const loss = FIELDS.find((f) => f.id === 'loss')!;
  const bw = FIELDS.find((f) => f.id === 'bandwidth')!;
  const seed = FIELDS.find((f) => f.id === 'seed')!;
  it('reads percentages and writes probabilities', () => {
    expect(parseField(loss, '5')).toEqual({ ok: true, value: 0.05 });
    expect(parseField(loss, '5,5')).toEqual({ ok: true, value: 0.055 });
    expect(shownValue(loss, { ...echoScenario, network: { loss: 0.1 } })).toBe('10');
  });
  it('rejects impossible values with what was expected', () => {
    expect(parseField(loss, '101')).toMatchObject({ ok: false, key: 'network.range', params: { min: 0, max: 100 } });
    expect(parseField(loss, 'abc')).toMatchObject({ ok: false });
    expect(parseField(seed, '1.5')).toMatchObject({ ok: false, key: 'network.integer' });
    expect(parseField(seed, '')).toMatchObject({ ok: false });
  });
  it('an empty bandwidth means unlimited', () => {
    expect(parseField(bw, '')).toEqual({ ok: true, value: null });
    expect(bw.write(echoScenario, null).network?.bandwidth).toBeNull();
  });
});

describe('diagram layout', () => {
  it('one lane per socket for the whole run, listeners nearest the traffic, fixed while stepping', () => {
    const L = layoutDiagram(tl, 800, { row: 30, hosts: ['client', 'server'] });
    const lanes = [...L.lanes.values()];
    expect(lanes.filter((l) => l.host === 'client')).toHaveLength(1);
    const server = lanes.filter((l) => l.host === 'server');
    const listener = server.find((l) => l.socket?.listener)!;
    const child = server.find((l) => l.socket && !l.socket.listener)!;
    const client = lanes.find((l) => l.host === 'client')!;
    expect(client.x).toBeLessThan(listener.x);
    expect(listener.x).toBeLessThan(child.x);
    expect(L.y(1) - L.y(0)).toBe(30);
    expect(child.toStep).toBeLessThan(Infinity);
  });
});
