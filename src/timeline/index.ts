// The timeline module: pure functions from a trace to steps and views (no React, no DOM).
export { buildSteps, stepOfRecord, isLeadRecord, type TimelineStep } from './buildSteps';
export { indexSockets, knownAt, type SocketInfo, type SocketIndex, type SocketKnown } from './socketRegistry';
export { buildFlights, isPacketRecord, type Flight, type Fate, type PacketRecord } from './flights';
export type { ProgramStatus } from './foldState';
export {
  createTimeline, clampCursor, CHECKPOINT_EVERY,
  type Timeline, type StageView, type SocketView, type FlightView, type TimerView, type ProgramView, type Transition,
} from './createTimeline';
export {
  stepForward, stepBack, cursorAtFraction, buildMarkers, commonPrefix, reconcileCursor,
  type Marker, type MarkerKind,
} from './cursor';
export { backoffFactor } from './backoff';
export { socketOfRecord } from './socketOfRecord';
