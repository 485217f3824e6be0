// Builds the app once and serves the static site on 127.0.0.1 (a free port) under a sub-path,
// as a static host would; stops the server when the e2e run ends.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

export const SUB_PATH = '/socketlab/';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string; distDir: string }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

export function serveStatic(root: string): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === SUB_PATH.slice(0, -1)) { res.writeHead(301, { location: SUB_PATH }); res.end(); return; }
    if (!url.pathname.startsWith(SUB_PATH)) { res.writeHead(404); res.end('not found'); return; }
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
    rel = normalize(rel).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, rel);
    try {
      const s = await stat(file);
      const path = s.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
}

/** Build exactly what `npm run build` ships into `distDir`. */
export async function buildApp(distDir: string): Promise<void> {
  // Vitest runs with NODE_ENV=test, which would give React's development build.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve('vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = env;
  }
}

export default async function setup(project: TestProject) {
  const distDir = resolve('.tmp/e2e-dist');
  await buildApp(distDir);
  const server = serveStatic(distDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  project.provide('baseUrl', `http://127.0.0.1:${port}${SUB_PATH}`);
  project.provide('distDir', distDir);
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
}
