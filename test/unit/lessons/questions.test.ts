// Checking what the user answered: numbers as typed, choices by id, tolerance, and questions that
// do not apply to a changed run are not asked.
import { describe, expect, it } from 'vitest';
import { answerText, evaluateQuestion, isCorrect, lessonById, parseNumberAnswer, prepareStep, resolveScenarioRef, TraceView } from '../../../src/lessons';
import type { Question } from '../../../src/lessons';
import { run } from './lessonRuns';

describe('parseNumberAnswer', () => {
  it('reads what people type', () => {
    expect(parseNumberAnswer('1461')).toBe(1461);
    expect(parseNumberAnswer(' 3 650 452 123 ')).toBe(3650452123);
    expect(parseNumberAnswer('60,000')).toBe(60000);
    expect(parseNumberAnswer('+2.5')).toBe(2.5);
    expect(parseNumberAnswer('-1')).toBe(-1);
    for (const bad of ['', 'abc', '12ms', '1..2', '0x10', 'Infinity', 'NaN']) expect(parseNumberAnswer(bad), bad).toBeNull();
  });
});

describe('isCorrect and answerText', () => {
  const hs = resolveScenarioRef({ builtin: 'handshake' });
  const r = run(hs);
  const v = new TraceView(hs, r.trace, r.result.packets);
  const lesson = lessonById('three-way-handshake')!;
  const q = evaluateQuestion(lesson.steps.find((s) => s.id === 'syn-arrives')!.question!, v)!;

  it('accepts the number typed, rejects others, and reads units', () => {
    expect(isCorrect(q, String(q.answer))).toBe(true);
    expect(isCorrect(q, (q.answer as number) + 1)).toBe(false);
    expect(isCorrect(q, 'twelve')).toBe(false);
    expect(answerText(q).en).toBe(String(q.answer));
  });

  it('honours a tolerance', () => {
    const loose: Question = { id: 't', kind: 'number', prompt: { en: 'x', 'zh-CN': 'x' }, answer: () => 100, tolerance: 5, unit: { en: 'ms', 'zh-CN': '毫秒' }, explain: () => ({ en: 'x', 'zh-CN': 'x' }) };
    const e = evaluateQuestion(loose, v)!;
    expect(isCorrect(e, '104')).toBe(true);
    expect(isCorrect(e, '106')).toBe(false);
    expect(answerText(e)).toEqual({ en: '100 ms', 'zh-CN': '100 毫秒' });
  });

  it('a choice is right only for its id; the answer text is the option\'s label', () => {
    const sq = evaluateQuestion(lesson.steps.find((s) => s.id === 'syn-received')!.question!, v)!;
    expect(isCorrect(sq, 'SYN_RECEIVED')).toBe(true);
    expect(isCorrect(sq, 'LISTEN')).toBe(false);
    expect(answerText(sq)).toEqual({ en: 'SYN_RECEIVED (Linux: SYN_RECV)', 'zh-CN': 'SYN_RECEIVED（Linux：SYN_RECV）' });
  });
});

describe('a question the run cannot answer is not asked', () => {
  it('the handshake lesson on a network that drops every SYN (connect never completes)', () => {
    const hs = resolveScenarioRef({ builtin: 'handshake' });
    const broken = { ...hs, faults: Array.from({ length: 8 }, (_, i) => ({ drop: { from: 'client', flags: ['SYN' as const], nth: i + 1 } })) };
    const r = run(broken);
    const v = new TraceView(broken, r.trace, r.result.packets);
    const lesson = lessonById('three-way-handshake')!;
    const p = prepareStep(lesson, lesson.steps.findIndex((s) => s.id === 'syn-arrives'), v);
    expect(p.position).toBeNull();
    expect(p.question).toBeNull();
    expect(p.narration).not.toBeNull();
    // The first step still applies: the client is in SYN_SENT.
    expect(prepareStep(lesson, 0, v).question?.answer).toBe('SYN_SENT');
  });

  it('errors other than "not in this run" are bugs and are thrown', () => {
    const bad: Question = { id: 'b', kind: 'number', prompt: { en: 'x', 'zh-CN': 'x' }, answer: () => { throw new TypeError('bug'); }, explain: () => ({ en: 'x', 'zh-CN': 'x' }) };
    const hs = resolveScenarioRef({ builtin: 'handshake' });
    expect(() => evaluateQuestion(bad, new TraceView(hs, run(hs).trace))).toThrow(TypeError);
  });
});
