// Named selectors, defined once at module level so components subscribe to small slices and
// React sees stable functions (xyflow's pattern). Object results go through useShallow.
import type { AppState } from './types';

export const selectCursor = (s: AppState) => s.cursor;
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectDirection = (s: AppState) => s.direction;
export const selectView = (s: AppState) => s.view;
export const selectRun = (s: AppState) => s.run;
export const selectTimeline = (s: AppState) => s.run?.timeline ?? null;
export const selectLength = (s: AppState) => s.run?.timeline.length ?? 0;
export const selectMarkers = (s: AppState) => s.run?.markers ?? null;
export const selectPackets = (s: AppState) => s.run?.packets ?? null;
export const selectRunIps = (s: AppState) => s.run?.ips;
export const selectRunTitle = (s: AppState) => s.run?.title;
export const selectScenario = (s: AppState) => s.scenario;
export const selectHasScenario = (s: AppState) => s.scenario !== null;
export const selectScenarioKey = (s: AppState) => s.scenarioKey;
export const selectRunStatus = (s: AppState) => s.runStatus;
export const selectLocale = (s: AppState) => s.locale;
export const selectTheme = (s: AppState) => s.theme;
export const selectNumbers = (s: AppState) => s.numbers;
export const selectCodeLang = (s: AppState) => s.codeLang;
export const selectLecture = (s: AppState) => s.lecture;
export const selectBlank = (s: AppState) => s.blank;
export const selectHelp = (s: AppState) => s.help;
export const selectPanel = (s: AppState) => s.panel;
export const selectSelected = (s: AppState) => s.selected;
export const selectMenu = (s: AppState) => s.menu;
export const selectNotices = (s: AppState) => s.notices;
export const selectDismiss = (s: AppState) => s.dismiss;

export const selectPlaybackActions = (s: AppState) => ({
  play: s.play, pause: s.pause, togglePlay: s.togglePlay, stepForward: s.stepForward,
  stepBack: s.stepBack, jumpStart: s.jumpStart, jumpEnd: s.jumpEnd, seek: s.seek, setSpeed: s.setSpeed,
});

export const selectSettingsActions = (s: AppState) => ({
  setLocale: s.setLocale, setTheme: s.setTheme, setNumbers: s.setNumbers, setCodeLang: s.setCodeLang,
  setLecture: s.setLecture, toggleBlank: s.toggleBlank, setPanel: s.setPanel,
});

export const selectRunSource = (s: AppState) => s.run?.source;
export const selectRunLive = (s: AppState) => !!s.run?.live;
export const selectRealOpen = (s: AppState) => s.realOpen;
export const selectBridge = (s: AppState) => s.bridge;
export const selectRealSockets = (s: AppState) => s.realSockets;
export const selectRealRecordings = (s: AppState) => s.realRecordings;
export const selectRealApi = (s: AppState) => s.realApi;

export const selectCurrentStep = (s: AppState) => s.view?.step ?? null;

export const selectMode = (s: AppState) => s.mode;
export const selectLesson = (s: AppState) => s.lesson;
export const selectAnswers = (s: AppState) => s.answers;
export const selectProgressTick = (s: AppState) => s.progressTick;
export const selectLessonDetails = (s: AppState) => s.lessonDetails;
export const selectLessonFocus = (s: AppState) => s.lessonFocus;
export const selectLessonActions = (s: AppState) => ({
  setMode: s.setMode, openLesson: s.openLesson, setLessonStep: s.setLessonStep, closeLesson: s.closeLesson,
  recordAnswer: s.recordAnswer, markSeen: s.markSeen, completeLesson: s.completeLesson, resetProgress: s.resetProgress,
});
