// The store factory: a vanilla zustand store combined from slices. Each test and each app mount
// gets its own store (see StoreProvider), and nothing here depends on React.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState, Runner } from './types';
import { createScenarioSlice } from './scenarioSlice';
import { createPlaybackSlice } from './playbackSlice';
import { createSettingsSlice, type SettingsInit } from './settingsSlice';
import { createSelectionSlice } from './selectionSlice';
import { createRealSlice } from './realSlice';
import { createLessonSlice, type LessonInit } from './lessonSlice';

export type AppStore = StoreApi<AppState>;

export interface StoreOptions extends SettingsInit, LessonInit {
  runner: Runner;
}

export function createAppStore(opts: StoreOptions): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createScenarioSlice(opts.runner)(...a),
    ...createPlaybackSlice(...a),
    ...createSettingsSlice(opts)(...a),
    ...createSelectionSlice(...a),
    ...createRealSlice(...a),
    ...createLessonSlice(opts)(...a),
  }));
}
