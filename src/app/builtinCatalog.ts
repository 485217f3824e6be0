// The scenarios the stage offers out of the box: the project's built-in scenario files.
import { BUILTIN_SCENARIOS } from '../scenarios/builtin';
import type { CatalogEntry } from './catalog';

export function builtinCatalog(): CatalogEntry[] {
  return BUILTIN_SCENARIOS.map((b) => ({ id: b.id, title: b.scenario.title ?? b.id, scenario: b.scenario }));
}
