// The core stays pure: inside src/sim, React, the DOM, wall-clock time, ambient randomness and
// timers are lint errors (eslint.config.js). This runs ESLint's real configuration on code placed
// in src/sim and elsewhere.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function errors(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? 'parse');
}

describe('src/sim purity rule', () => {
  const forbidden: Array<[string, string]> = [
    ['Math.random', 'export const x = Math.random();'],
    ['Date.now', 'export const x = Date.now();'],
    ['new Date', 'export const x = new Date();'],
    ['performance.now', 'export const x = performance.now();'],
    ['setTimeout', 'setTimeout(() => undefined, 1);'],
    ['setInterval', 'setInterval(() => undefined, 1);'],
    ['queueMicrotask', 'queueMicrotask(() => undefined);'],
    ['document', 'export const x = document.title;'],
    ['window', 'export const x = window.innerWidth;'],
    ['React import', "import { useState } from 'react';\nexport const x = useState;"],
    ['zustand import', "import { create } from 'zustand';\nexport const x = create;"],
    ['Node I/O', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['Date()', 'export const x = Date();'],
    ['globalThis.setTimeout', 'globalThis.setTimeout(() => undefined, 1);'],
    ['self.crypto', 'export const x = self.crypto.getRandomValues(new Uint8Array(4));'],
    ['location', 'export const x = location.href;'],
    ['addEventListener', "addEventListener('message', () => undefined);"],
    ['MessageChannel', 'export const x = new MessageChannel();'],
    ['requestIdleCallback', 'requestIdleCallback(() => undefined);'],
    ['dynamic import', "export const x = import('react');"],
    ['process.hrtime', 'export const x = process.hrtime();'],
  ];
  for (const [what, code] of forbidden) {
    it(`${what} is an error inside src/sim`, async () => {
      expect((await errors(code, 'src/sim/engine/example.ts')).length).toBeGreaterThan(0);
    });
  }

  it('the same code is allowed outside src/sim (the app may use time and the DOM)', async () => {
    expect(await errors('export const x = Date.now() + Math.random();', 'src/store/example.ts')).toEqual([]);
  });

  it('deterministic code passes inside src/sim', async () => {
    expect(await errors("import { createRng } from './rng';\nexport const x = createRng(1, 's').u32();", 'src/sim/engine/example.ts')).toEqual([]);
  });
});
