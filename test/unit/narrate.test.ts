// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { narrate } from '../../src/narration/narrate';
import { createTimeline } from '../../src/timeline';
import { translator } from '../../src/i18n/i18n';
import { buildEchoTrace } from '../fixtures/echoTrace';
import { buildLostSynTrace, buildUdpTrace } from '../fixtures/lossTrace';
import { simulate } from '../../src/sim';
import { builtinScenario } from '../../src/scenarios/builtin';

const en = translator('en');
const zh = translator('zh-CN');
const opts = { numbers: 'relative' as const, ips: { client: '10.0.0.1', server: '10.0.0.2' } };

function all(trace: Parameters<typeof createTimeline>[0], t = en) {
  const tl = createTimeline(trace);
  return Array.from({ length: tl.length + 1 }, (_, c) => narrate(tl, c, t, { ...opts, locale: t === zh ? 'zh-CN' : 'en' }));
}

describe('narration', () => {
  it('has a sentence for every step, in both languages', () => {
    for (const t of [en, zh]) {
      for (const line of all(buildEchoTrace().trace, t)) {
        expect(line.length).toBeGreaterThan(10);
        expect(line).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('explains the calls of the echo flow', () => {
    const lines = all(buildEchoTrace().trace);
    expect(lines).toContain('Server calls socket(SOCK_STREAM), which returns 3. The kernel creates a socket and gives the program file descriptor 3.');
    expect(lines.some((l) => l.startsWith('Server calls listen(ls, 5), which returns 0; 10.0.0.2:80 goes CLOSED → LISTEN. The socket becomes a listening socket'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Server calls accept(ls); it blocks, waiting for a connection.'))).toBe(true);
    expect(lines.some((l) => l.includes("Server's accept(ls) returns 4") && l.includes('NEW connected socket (fd 4)'))).toBe(true);
    expect(lines.some((l) => l.includes('A return value of 0 means the peer sent FIN'))).toBe(true);
    expect(lines.some((l) => l.includes('TIME_WAIT (2·MSL = 60 s) is over'))).toBe(true);
  });

  it('says why TIME_WAIT and CLOSE_WAIT matter when a socket enters them', () => {
    const lines = all(buildEchoTrace().trace);
    expect(lines.some((l) => l.includes('FIN_WAIT_2 → TIME_WAIT') && l.includes('2·MSL, so a lost last ACK can be resent'))).toBe(true);
    expect(lines.some((l) => l.includes('ESTABLISHED → CLOSE_WAIT') && l.includes('until its program calls close()'))).toBe(true);
    const zhLines = all(buildEchoTrace().trace, zh);
    expect(zhLines.some((l) => l.includes('TIME_WAIT 保持 2·MSL'))).toBe(true);
  });

  it('explains loss, the RTO and the retransmission', () => {
    const lines = all(buildLostSynTrace().trace);
    expect(lines.some((l) => l.includes('SYN seq=0 is dropped on purpose'))).toBe(true);
    expect(lines.some((l) => l.includes('client sends the SYN again'))).toBe(true);
    expect(lines.some((l) => l.includes("Client's retransmission timer (RTO, 1 s) expires without an ACK: it will retransmit") && l.includes('backoff ×2'))).toBe(true);
  });

  it('explains UDP without a connection, and duplicates', () => {
    const lines = all(buildUdpTrace().trace);
    expect(lines.some((l) => l.includes('4-byte UDP datagram to 10.0.0.2:53'))).toBe(true);
    expect(lines.some((l) => l.includes('The network duplicates the datagram'))).toBe(true);
  });
});

describe('narration of SYN retransmission timeouts', () => {
  const syn = (profile: 'linux' | 'rfc') => {
    const sc = structuredClone(builtinScenario('syn-loss')!);
    sc.tcp = { ...sc.tcp, profile };
    const tl = createTimeline(simulate(sc).trace);
    return Array.from({ length: tl.length + 1 }, (_, c) => narrate(tl, c, en, { ...opts, locale: 'en' })).filter((l) => l.includes('retransmission timer'));
  };

  it('linux: the first SYN retries wait the same 1 s, and the narration does not claim a doubling', () => {
    const lines = syn('linux');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toContain('wait 1 s before trying again');
    expect(lines[0]).not.toMatch(/double/);
  });

  it('rfc: each SYN retry doubles the timeout, and the narration says so', () => {
    const lines = syn('rfc');
    expect(lines[0]).toMatch(/double the timeout \(backoff ×2\)/);
  });
});
