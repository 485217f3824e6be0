// ESLint flat config. The one rule that matters most: src/sim is a pure, deterministic core —
// no React, no DOM, no wall-clock time, no ambient randomness, no timers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const simForbiddenGlobals = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'performance',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'clearImmediate', 'requestAnimationFrame', 'cancelAnimationFrame', 'queueMicrotask',
  'process', 'fetch', 'crypto',
].map((name) => ({ name, message: 'src/sim is deterministic: take time from the simulator clock and randomness from its seeded RNG.' }));

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'coverage', 'public/sw.js', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', 'react/*', 'zustand', 'zustand/*', 'framer-motion', 'node:*', 'fs', 'path', 'ws', '../ui/*', '../store/*', '../../ui/*', '../../store/*'],
            message: 'src/sim must stay independent of React, the DOM, Node I/O and the app.' },
        ],
      }],
      'no-restricted-globals': ['error', ...simForbiddenGlobals],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the simulator\'s seeded RNG.' },
        { object: 'Date', property: 'now', message: 'Use the simulator clock.' },
        { object: 'performance', property: 'now', message: 'Use the simulator clock.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'Use the simulator clock.' },
      ],
    },
  },
);
