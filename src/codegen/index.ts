// The code panel's source: scenario programs as real C, Python, Java and Node.js programs.
export { generateCode } from './generateCode';
export { callName, defaultKind } from './callName';
export { CodegenError } from './literals';
export { failingSteps, failingStepsByProgram } from './failingSteps';
export { LANGUAGES } from './types';
export type { CodeLocale, GenerateOptions, GeneratedCode, Lang, LanguageInfo, SocketKind, Token, TokenKind } from './types';
