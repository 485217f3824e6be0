// Serves a built app (Vite's dist/) from the bridge's own origin, so page and bridge are
// same-origin and loopback. Only GET/HEAD of files inside the directory; no listings, no
// traversal (the resolved path must stay under the root), no symlinks out of it.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm',
};

/** Answers the request if it names a file under `dir`; returns false to let the caller 404. */
export function serveStatic(dir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let pathname: string;
  try { pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname); } catch { return false; }
  if (pathname.includes('\0')) return false;
  if (pathname.endsWith('/')) pathname += 'index.html';
  let root: string;
  let file: string;
  try {
    root = realpathSync(resolve(dir));
    file = realpathSync(join(root, pathname));
    if (!file.startsWith(root + sep) || !statSync(file).isFile()) return false;
  } catch {
    return false;
  }
  const body = readFileSync(file);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
