// The app state: one store built from slices (zustand slices pattern). Nothing here imports React.
import type { StateCreator } from 'zustand/vanilla';
import type { Scenario } from '../scenarios/schema';
import type { TraceRecord } from '../sim/trace/records';
import type { Packet } from '../sim/net/packet';
import type { Timeline, StageView, Marker } from '../timeline';
import type { Locale } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import type { RealSlice } from './realTypes';
import type { ProgressStore } from '../lessons/progress';

/** What a simulator run gives the UI. */
export interface RunResult {
  trace: TraceRecord[];
  packets: Map<number, Packet>;
}

/** Runs a scenario (in a worker, or in-process for small runs and tests). */
export type Runner = (scenario: Scenario) => Promise<RunResult>;

export interface Run extends RunResult {
  timeline: Timeline;
  markers: Marker[];
  /** Host → IP for a run without a scenario (an imported capture). */
  ips?: Record<string, string>;
  /** Title of a run without a scenario (the capture's file name). */
  title?: string;
  /** A recording of real sockets (Real mode, or a saved real session reopened). */
  source?: 'real';
  /** The recording is still growing (its bridge session is open). */
  live?: boolean;
}

export type RunStatus = 'idle' | 'running' | 'ready' | 'error';

/** Where the cursor goes when a new run replaces the old one. */
export type CursorPolicy = 'start' | 'end' | 'reconcile' | number;

export interface ScenarioSlice {
  scenario: Scenario | null;
  /** Built-in scenario id, or 'custom' for a loaded or edited one. */
  scenarioKey: string;
  run: Run | null;
  runStatus: RunStatus;
  setScenario(scenario: Scenario, opts?: { key?: string; cursor?: CursorPolicy }): Promise<boolean>;
  /** Adds a `drop` fault for this packet id and re-simulates, keeping the cursor. */
  dropPacket(id: number): Promise<boolean>;
  removeFault(index: number): Promise<boolean>;
  /** Show an imported capture: a run with no scenario (nothing to re-simulate). */
  setCapture(result: RunResult, meta: { ips: Record<string, string>; title: string }): void;
  /**
   * Show a recording of real sockets (key 'real'). Called again as the recording grows: the
   * cursor follows the newest step unless the student moved it back.
   */
  setLive(result: RunResult, meta: { ips: Record<string, string>; title: string; live: boolean }): void;
}

export interface PlaybackSlice {
  cursor: number;
  playing: boolean;
  speed: number;
  /** +1 after a forward move, -1 after a backward one, 0 after a jump: animations use it. */
  direction: 1 | -1 | 0;
  view: StageView | null;
  seek(cursor: number): void;
  stepForward(): void;
  stepBack(): void;
  jumpStart(): void;
  jumpEnd(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
}

export type Theme = 'light' | 'dark';
export type NumberMode = 'relative' | 'absolute';
export type CodeLang = 'c' | 'python' | 'java' | 'javascript';
export type SidePanel = 'code' | 'state' | 'inspector' | 'sockets' | 'network';

export interface SettingsSlice {
  locale: Locale;
  theme: Theme;
  numbers: NumberMode;
  codeLang: CodeLang;
  lecture: boolean;
  blank: boolean;
  /** The keyboard map is open. */
  help: boolean;
  panel: SidePanel;
  setLocale(l: Locale): void;
  setTheme(t: Theme): void;
  setNumbers(n: NumberMode): void;
  setCodeLang(l: CodeLang): void;
  setLecture(on: boolean): void;
  toggleBlank(): void;
  setHelp(open: boolean): void;
  setPanel(p: SidePanel): void;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  key: MessageKey;
  params?: Record<string, string | number>;
  /** Names of params whose values are message keys: shown translated (with these params). */
  keyParams?: readonly string[];
}

export interface SelectionSlice {
  /** Flight index selected for the inspector, or null. */
  selected: number | null;
  /** Flight index whose action menu is open, or null. */
  menu: number | null;
  notices: Notice[];
  select(flight: number | null): void;
  openMenu(flight: number | null): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

export type AppMode = 'stage' | 'lessons' | 'workbench';

/** The lesson step on the stage. */
export interface LessonRef { id: string; step: number }

/** An answer given in this visit, shown again when the step is revisited. */
export interface StepAnswer { given: string; correct: boolean }

export interface LessonSlice {
  mode: AppMode;
  lesson: LessonRef | null;
  /** By "lessonId/stepId". */
  answers: Record<string, StepAnswer>;
  progress: ProgressStore;
  /** Changes whenever progress does, so views re-read it. */
  progressTick: number;
  /** In a lesson: the side panel's tabs shown under the lesson (a step's view asks for them). */
  lessonDetails: boolean;
  setLessonDetails(on: boolean): void;
  /** The timeline socket the lesson step is about and the step's record, for the tab the step
   *  brought forward to mark and scroll to (again for each step); null: none. */
  lessonFocus: { sock: number; record: number } | null;
  setLessonFocus(sock: number | null, record?: number): void;
  setMode(mode: AppMode): void;
  openLesson(id: string, step?: number): void;
  setLessonStep(step: number): void;
  closeLesson(): void;
  recordAnswer(lessonId: string, stepId: string, questionId: string, given: string, correct: boolean): void;
  markSeen(lessonId: string, stepId: string): void;
  completeLesson(lessonId: string): void;
  /** Forget one lesson's progress, or all of it. */
  resetProgress(lessonId?: string): void;
}

export type AppState = ScenarioSlice & PlaybackSlice & SettingsSlice & SelectionSlice & LessonSlice & RealSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
