// Lessons: the curriculum as guided steps on the stage, with questions answered from the trace
// (docs/lessons.md). Pure TypeScript and data: the stage (src/ui/lessons) plays them.
export { LESSONS, lessonById } from './catalog';
export { CURRICULUM_COVERAGE, CURRICULUM_HEADINGS, type CoverageEntry } from './coverage';
export { resolveAnchor, anchorIndex, describeAnchor, type AnchorPosition } from './anchors';
export { TraceView, Unresolved, portOf } from './traceView';
export { evaluateQuestion, isCorrect, parseNumberAnswer, answerText, resolveText, type EvaluatedQuestion } from './questions';
export { prepareStep, sameScenario, type PreparedStep } from './prepareStep';
export { resolveScenarioRef, stepScenario, scenarioTitle, runScenario, LessonScenarioError } from './lessonScenario';
export { frameOf, frameAt, exampleMac, crc32, dataText, hexBytes, type Frame, type FramePart, type FrameLayer } from './frame';
export { ProgressStore, memoryStore, browserStore, scoreOf, PROGRESS_KEY } from './progress';
export type { KeyValueStore, LessonProgress, AnswerRecord, LessonScore, ProgressData } from './progress';
export type * from './types';
