// Scenarios the lessons add to the built-in ones (src/lessons). Each is a plain scenario file
// (docs/lessons.md); the workbench offers them as templates too.
import type { Scenario } from '../schema';
import manyClients from './many-clients.json';
import tcpVsUdpLoss from './tcp-vs-udp-loss.json';
import udpUnreachable from './udp-unreachable.json';
import closeLostAck from './close-lost-ack.json';
import closeOldDuplicate from './close-old-duplicate.json';
import closeWaitLeak from './close-wait-leak.json';
import simultaneousClose from './simultaneous-close.json';
import rtoBackoff from './rto-backoff.json';
import congestion from './congestion.json';
import stickySplit from './sticky-split.json';
import framingLength from './framing-length.json';
import framingDelimiter from './framing-delimiter.json';
import iterativeServer from './iterative-server.json';
import threadPerConnection from './thread-per-connection.json';
import threadPool from './thread-pool.json';
import eventLoop from './event-loop.json';
import connectTimeout from './connect-timeout.json';
import epipe from './epipe.json';
import addrInUse from './addr-in-use.json';
import nonblockingEagain from './nonblocking-eagain.json';
import apiMisuse from './api-misuse.json';
import httpShort from './http-short.json';
import httpKeepalive from './http-keepalive.json';
import httpPipelining from './http-pipelining.json';
import profiles from './profiles.json';

export interface LessonScenario {
  id: string;
  scenario: Scenario;
}

/** In the order the lessons use them. */
export const LESSON_SCENARIOS: readonly LessonScenario[] = [
  { id: 'many-clients', scenario: manyClients as Scenario },
  { id: 'tcp-vs-udp-loss', scenario: tcpVsUdpLoss as Scenario },
  { id: 'udp-unreachable', scenario: udpUnreachable as Scenario },
  { id: 'close-lost-ack', scenario: closeLostAck as Scenario },
  { id: 'close-old-duplicate', scenario: closeOldDuplicate as Scenario },
  { id: 'close-wait-leak', scenario: closeWaitLeak as Scenario },
  { id: 'simultaneous-close', scenario: simultaneousClose as Scenario },
  { id: 'rto-backoff', scenario: rtoBackoff as Scenario },
  { id: 'congestion', scenario: congestion as Scenario },
  { id: 'sticky-split', scenario: stickySplit as Scenario },
  { id: 'framing-length', scenario: framingLength as Scenario },
  { id: 'framing-delimiter', scenario: framingDelimiter as Scenario },
  { id: 'iterative-server', scenario: iterativeServer as Scenario },
  { id: 'thread-per-connection', scenario: threadPerConnection as Scenario },
  { id: 'thread-pool', scenario: threadPool as Scenario },
  { id: 'event-loop', scenario: eventLoop as Scenario },
  { id: 'connect-timeout', scenario: connectTimeout as Scenario },
  { id: 'epipe', scenario: epipe as Scenario },
  { id: 'addr-in-use', scenario: addrInUse as Scenario },
  { id: 'nonblocking-eagain', scenario: nonblockingEagain as Scenario },
  { id: 'api-misuse', scenario: apiMisuse as Scenario },
  { id: 'http-short', scenario: httpShort as Scenario },
  { id: 'http-keepalive', scenario: httpKeepalive as Scenario },
  { id: 'http-pipelining', scenario: httpPipelining as Scenario },
  { id: 'profiles', scenario: profiles as Scenario },
];

export function lessonScenario(id: string): Scenario | undefined {
  return LESSON_SCENARIOS.find((s) => s.id === id)?.scenario;
}
