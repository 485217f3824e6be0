// What the browser must download before the first paint: the entry script and the modules it
// preloads, gzipped (level 9).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET = 150 * 1024;

export function initialJs(distDir: string): { files: string[]; gzip: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0);
  return { files, gzip };
}
