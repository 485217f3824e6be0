// The translate function for the store's current locale.
import { useMemo } from 'react';
import { useAppStore } from '../store/StoreProvider';
import { selectLocale } from '../store/selectors';
import { translator, type Translate } from './i18n';

export function useT(): Translate {
  const locale = useAppStore(selectLocale);
  return useMemo(() => translator(locale), [locale]);
}
