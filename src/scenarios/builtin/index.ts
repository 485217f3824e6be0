// The scenarios shipped with the app. Each is a plain scenario file (docs/formats.md).
import type { Scenario } from '../schema';
import echo from './echo.json';
import handshake from './handshake.json';
import closeClientFirst from './close-client-first.json';
import closeServerFirst from './close-server-first.json';
import refused from './refused.json';
import synLoss from './syn-loss.json';
import udpEcho from './udp-echo.json';
import halfClose from './half-close.json';
import abortiveClose from './abortive-close.json';
import backlogOverflow from './backlog-overflow.json';
import zeroWindow from './zero-window.json';
import stickyTcpVsUdp from './sticky-tcp-vs-udp.json';
import lossRetransmit from './loss-retransmit.json';

export interface BuiltinScenario {
  id: string;
  scenario: Scenario;
}

/** In the order the app lists them. */
export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  { id: 'echo', scenario: echo as Scenario },
  { id: 'handshake', scenario: handshake as Scenario },
  { id: 'close-client-first', scenario: closeClientFirst as Scenario },
  { id: 'close-server-first', scenario: closeServerFirst as Scenario },
  { id: 'refused', scenario: refused as Scenario },
  { id: 'syn-loss', scenario: synLoss as Scenario },
  { id: 'udp-echo', scenario: udpEcho as Scenario },
  { id: 'half-close', scenario: halfClose as Scenario },
  { id: 'abortive-close', scenario: abortiveClose as Scenario },
  { id: 'backlog-overflow', scenario: backlogOverflow as Scenario },
  { id: 'zero-window', scenario: zeroWindow as Scenario },
  { id: 'sticky-tcp-vs-udp', scenario: stickyTcpVsUdp as Scenario },
  { id: 'loss-retransmit', scenario: lossRetransmit as Scenario },
];

export function builtinScenario(id: string): Scenario | undefined {
  return BUILTIN_SCENARIOS.find((b) => b.id === id)?.scenario;
}
