// Progress and scores in the browser's storage, behind a small interface.
import { describe, expect, it } from 'vitest';
import { memoryStore, PROGRESS_KEY, ProgressStore, scoreOf } from '../../../src/lessons';
import type { KeyValueStore } from '../../../src/lessons';

describe('ProgressStore', () => {
  it('remembers steps seen and answers across instances on the same storage', () => {
    const store = memoryStore();
    const p = new ProgressStore(store);
    p.markSeen('l1', 's1');
    p.markSeen('l1', 's1');
    p.markSeen('l1', 's2');
    expect(p.answer('l1', 'q1', false)).toEqual({ correct: false, firstTry: false, attempts: 1 });
    expect(p.answer('l1', 'q1', true)).toEqual({ correct: true, firstTry: false, attempts: 2 });
    p.answer('l1', 'q2', true);
    p.complete('l1');
    const again = new ProgressStore(store).get('l1');
    expect(again.seen).toEqual(['s1', 's2']);
    expect(again.answers.q2).toEqual({ correct: true, firstTry: true, attempts: 1 });
    expect(again.completed).toBe(true);
    expect(scoreOf(again, ['s1', 's2', 's3'], ['q1', 'q2', 'q3'])).toEqual({ seen: 2, steps: 3, answered: 2, firstTry: 1, questions: 3, completed: true });
  });

  it('resets one lesson or everything', () => {
    const store = memoryStore();
    const p = new ProgressStore(store);
    p.markSeen('a', 'x');
    p.markSeen('b', 'y');
    p.reset('a');
    expect(p.get('a').seen).toEqual([]);
    expect(new ProgressStore(store).get('b').seen).toEqual(['y']);
    p.reset();
    expect(new ProgressStore(store).all()).toEqual({});
  });

  it('starts afresh from damaged storage and keeps the sound parts', () => {
    expect(new ProgressStore(memoryStore({ [PROGRESS_KEY]: '{not json' })).all()).toEqual({});
    expect(new ProgressStore(memoryStore({ [PROGRESS_KEY]: '[1,2]' })).all()).toEqual({});
    const mixed = JSON.stringify({ ok: { seen: ['a', 3], answers: { q: { correct: true, firstTry: true, attempts: 1 }, bad: { correct: 'yes' } }, completed: 'no' }, junk: 5 });
    expect(new ProgressStore(memoryStore({ [PROGRESS_KEY]: mixed })).all()).toEqual({
      ok: { seen: ['a'], answers: { q: { correct: true, firstTry: true, attempts: 1 } }, completed: false },
    });
  });

  it('goes on in memory when storage refuses to save', () => {
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    const p = new ProgressStore(full);
    p.markSeen('l', 's');
    expect(p.answer('l', 'q', true).correct).toBe(true);
    expect(p.get('l').seen).toEqual(['s']);
  });
});
