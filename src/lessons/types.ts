// What a lesson is, as data the stage can play: metadata, and steps that each load a scenario,
// put the cursor at a moment computed from the trace (an anchor), narrate, and may ask a
// question whose answer is computed from the same trace. Pure TypeScript: no React, no DOM.
import type { Errno, PacketEvent, SegmentNote, TcpState, TimerName, DropReason } from '../sim/trace/records';
import type { FlagName } from '../sim/net/packet';
import type { Scenario, StepOp } from '../scenarios/schema';
import type { TraceView } from './traceView';

export type LessonLocale = 'en' | 'zh-CN';

/** A user-visible text in both languages. */
export interface L10n {
  en: string;
  'zh-CN': string;
}

/** A text that may cite values of the run on screen (ISNs, ports, times). */
export type LessonText = L10n | ((v: TraceView) => L10n);

/** A term of the curriculum, with the standard Chinese word zh-CN text uses. */
export interface Term {
  en: string;
  zh: string;
}

/** Where a scenario comes from: a built-in one, a lesson scenario file, or another with changes. */
export type ScenarioRef =
  | { builtin: string }
  | { lesson: string }
  | { from: ScenarioRef; patch: (s: Scenario) => Scenario; label: L10n };

// ---- Anchors: a moment of the run, found in the trace (never a hard-coded index) -------------

export type Matcher =
  | { type: 'start' }
  | { type: 'end' }
  | { type: 'call' | 'return' | 'block'; host?: string; prog?: number; step?: number; op?: StepOp; error?: Errno | boolean }
  | {
    type: 'segment'; event?: PacketEvent; from?: string; to?: string;
    /** Flags the segment must carry (all of them); with `exact`, no others. */
    flags?: readonly FlagName[]; exact?: boolean;
    /** true: carries data; false: carries none. */
    payload?: boolean;
    note?: SegmentNote | readonly SegmentNote[];
    win?: number;
    reason?: DropReason;
  }
  | { type: 'datagram'; event?: PacketEvent; from?: string; to?: string; reason?: DropReason }
  | { type: 'icmp'; event?: PacketEvent; from?: string; to?: string }
  | { type: 'state'; host?: string; from?: TcpState; to?: TcpState }
  | { type: 'timer'; host?: string; timer?: TimerName; event?: 'set' | 'fire' | 'cancel' }
  | { type: 'cwnd'; host?: string; phase?: 'slow-start' | 'congestion-avoidance' | 'fast-recovery' }
  | { type: 'queue'; host?: string }
  | { type: 'program'; host?: string; prog?: number; event?: 'start' | 'end' | 'stopped' };

export type Anchor = Matcher & {
  /** The nth matching record, from 1 (default 1). */
  nth?: number;
  /** The last matching record instead. */
  last?: boolean;
  /** Search only after this moment. */
  after?: Anchor;
  /**
   * Stop just before this record's step instead of after it: what a prediction asks about is
   * not on screen yet.
   */
  before?: boolean;
};

// ---- Questions -------------------------------------------------------------------------------

export interface ChoiceOption {
  id: string;
  label: L10n;
}

interface QuestionBase {
  id: string;
  prompt: LessonText;
  /** Why the answer is what it is, citing the values of this run. */
  explain: (v: TraceView) => L10n;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: ChoiceOption[] | ((v: TraceView) => ChoiceOption[]);
  /** The id of the right option, computed from the trace. */
  answer: (v: TraceView) => string;
}

export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  answer: (v: TraceView) => number;
  /** Accepted distance from the answer (default 0). */
  tolerance?: number;
  unit?: L10n;
}

export type Question = ChoiceQuestion | NumberQuestion;

/** Extra views the stage should bring forward for a step. */
export type StepView = 'layers' | 'encapsulation' | 'cwnd' | 'stevens' | 'buffers' | 'state-machine' | 'code' | 'threads';

export interface LessonStep {
  id: string;
  /** Key into the lesson's `scenarios`. */
  scenario: string;
  anchor: Anchor;
  narration: LessonText;
  question?: Question;
  /** Where the cursor goes once the question is answered (default: the anchor, past its record). */
  reveal?: Anchor;
  view?: StepView;
}

export interface Lesson {
  id: string;
  /** Position in the curriculum's order, from 1. */
  number: number;
  title: L10n;
  summary: L10n;
  terms: Term[];
  scenarios: Record<string, ScenarioRef>;
  steps: LessonStep[];
}
