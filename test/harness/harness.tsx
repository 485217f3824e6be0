// The app on hand-written fixture traces (no simulator): for looking at the UI in `vite` dev mode
// at /test/harness/index.html while the simulator is elsewhere, and for UI work on edge cases.
import { boot } from '../../src/app/boot';
import type { Runner } from '../../src/store';
import { buildEchoTrace, echoScenario } from '../fixtures/echoTrace';
import { buildLostSynTrace, buildUdpTrace, lostSynScenario } from '../fixtures/lossTrace';

const runner: Runner = async (s) => {
  if (s.faults?.some((f) => 'drop' in f && f.drop.flags)) return buildLostSynTrace();
  if (s.programs[0]?.steps[0]?.op === 'socket' && s.programs[0].steps[0].type === 'dgram') return buildUdpTrace();
  return buildEchoTrace();
};

const udpScenario = {
  ...echoScenario,
  title: { en: 'UDP echo', 'zh-CN': 'UDP 回显' },
  programs: [
    { host: 'server', steps: [{ op: 'socket' as const, type: 'dgram' as const, as: 'u' }, { op: 'bind' as const, sock: 'u', port: 53 }, { op: 'recvfrom' as const, sock: 'u', max: 512 }] },
    { host: 'client', steps: [{ op: 'socket' as const, type: 'dgram' as const, as: 'c' }, { op: 'sendto' as const, sock: 'c', to: 'server', port: 53, data: 'ping' }] },
  ],
};

void boot(document.getElementById('root')!, {
  runner,
  catalog: [
    { id: 'echo', title: { en: 'TCP echo', 'zh-CN': 'TCP 回显' }, scenario: echoScenario },
    { id: 'lost-syn', title: { en: 'Lost SYN', 'zh-CN': 'SYN 丢失' }, scenario: lostSynScenario },
    { id: 'udp', title: udpScenario.title, scenario: udpScenario },
  ],
});
