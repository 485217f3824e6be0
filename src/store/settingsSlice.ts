// Presentation settings: language, theme, number display, code language, lecture mode.
import type { SettingsSlice, SliceCreator } from './types';
import type { Locale } from '../i18n/i18n';

export interface SettingsInit { locale?: Locale; theme?: SettingsSlice['theme'] }

export const createSettingsSlice = (init: SettingsInit = {}): SliceCreator<SettingsSlice> => (set, get) => ({
  locale: init.locale ?? 'en',
  theme: init.theme ?? 'light',
  numbers: 'relative',
  codeLang: 'c',
  lecture: false,
  blank: false,
  help: false,
  panel: 'state',
  setLocale: (locale) => set({ locale }),
  setTheme: (theme) => set({ theme }),
  setNumbers: (numbers) => set({ numbers }),
  setCodeLang: (codeLang) => set({ codeLang }),
  // Leaving lecture mode always un-blanks: a blank screen outside it would look broken.
  setLecture: (lecture) => set({ lecture, blank: lecture ? get().blank : false }),
  toggleBlank: () => { if (get().lecture) set({ blank: !get().blank }); },
  setPanel: (panel) => set({ panel }),
  setHelp: (help) => set({ help }),
});
