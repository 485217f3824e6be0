// The initial JavaScript budget: what the browser must download before the first paint (the
// entry script and the modules it preloads), gzipped. Deterministic, so it may be asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { INITIAL_JS_BUDGET, initialJs } from './initialJs';

describe('bundle', () => {
  it(`initial JS is at most ${INITIAL_JS_BUDGET / 1024} KB gzip`, () => {
    const { files, gzip } = initialJs(inject('distDir'));
    expect(files.length).toBeGreaterThan(0);
    console.log(`initial JS: ${files.join(', ')} = ${(gzip / 1024).toFixed(1)} KB gzip`);
    expect(gzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });

  it('works under a sub-path: every asset URL in index.html is relative', () => {
    const html = readFileSync(join(inject('distDir'), 'index.html'), 'utf8');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u.startsWith('/') && !u.startsWith('//'), u).toBe(false);
  });
});
