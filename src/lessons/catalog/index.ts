// The curriculum as lessons, in order (shared/design/curriculum.md; issue 4's list of twelve).
import type { Lesson } from '../types';
import { lesson01 } from './lesson01Socket';
import { lesson02 } from './lesson02Types';
import { lesson03 } from './lesson03CallFlow';
import { lesson04 } from './lesson04Handshake';
import { lesson05 } from './lesson05Close';
import { lesson06 } from './lesson06FlowControl';
import { lesson07 } from './lesson07Loss';
import { lesson08 } from './lesson08Sticky';
import { lesson09 } from './lesson09Concurrency';
import { lesson10 } from './lesson10Errors';
import { lesson11 } from './lesson11Http';
import { lesson12 } from './lesson12Profiles';

export const LESSONS: readonly Lesson[] = [
  lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08, lesson09, lesson10, lesson11, lesson12,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
