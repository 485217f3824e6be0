// @vitest-environment node
// Components subscribe to the store through selectors defined once at module level (docs/ui.md,
// "Store"): an inline arrow is a new function on every render. This reads the components' source.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('store selectors', () => {
  it('no component passes an inline selector to useAppStore', () => {
    const offenders: string[] = [];
    for (const f of [...files('src/ui'), ...files('src/app')]) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/useAppStore\(\s*(useShallow\(\s*)?\(/.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
