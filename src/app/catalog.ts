// Scenarios the scenario picker offers: built-in ones, each with an id and a localized title.
import type { Scenario, Localized } from '../scenarios/schema';
import type { Locale } from '../i18n/i18n';

export interface CatalogEntry { id: string; title: Localized; scenario: Scenario }

export function localized(l: Localized | undefined, locale: Locale, fallback = ''): string {
  if (l === undefined) return fallback;
  return typeof l === 'string' ? l : l[locale] ?? l.en;
}
