// ESLint flat config. The one rule that matters most: src/sim is a pure, deterministic core —
// no React, no DOM, no wall-clock time, no ambient randomness, no timers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Inside src/sim every host-environment global (browser, worker or Node) is an error, except the
// two pure text codecs; so are the ways around that list: globalThis/self/global, `Date` in any
// form, and dynamic import(). (The `globals: {}` below does not remove globals TypeScript's DOM
// lib declares, so the list is explicit.)
const simAllowedGlobals = new Set(['TextEncoder', 'TextDecoder']);
const simForbiddenGlobals = [...new Set([
  ...Object.keys(globals.browser), ...Object.keys(globals.node), ...Object.keys(globals.worker),
  'globalThis', 'self', 'global', 'Date', 'WeakRef', 'FinalizationRegistry', 'Intl',
])].filter((name) => !simAllowedGlobals.has(name))
  .map((name) => ({ name, message: 'src/sim is deterministic and host-independent: take time from the simulator clock, randomness from its seeded RNG, and nothing from the browser or Node.' }));

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
        { selector: "CallExpression[callee.name='Date']", message: 'Use the simulator clock.' },
        { selector: 'ImportExpression', message: 'src/sim loads nothing at run time.' },
      ],
    },
  },
);
