// The store core (no React): factory, slices, selectors, playback loop.
export { createAppStore, type AppStore, type StoreOptions } from './createAppStore';
export { makeRun } from './scenarioSlice';
export { startPlaybackLoop, stepDuration, STEP_MS, type Scheduler } from './playbackLoop';
export { SPEEDS, MIN_SPEED, MAX_SPEED } from './playbackSlice';
export * from './selectors';
export type * from './types';
export type * from './realTypes';
export { REAL_TAIL_BYTES } from './realTypes';
