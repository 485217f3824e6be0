// `socketlab-bridge`: command-line front of the bridge server. Parses flags (and an optional
// JSON config file), starts the server, prints the URL to open (the only place the secret is
// shown: stdout, once; the log on stderr never carries it), and shuts down cleanly on SIGINT or
// SIGTERM within 2 s.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { createLogger, escapeForLog } from './log';
import { DEFAULT_BRIDGE_PORT } from './protocol';
import { startBridge, type BridgeOptions } from './server';
import { DEFAULT_LIMITS, type BridgeLimits } from './sessionTypes';

export const HELP = `Usage: socketlab-bridge [options]

Lets the SocketLab page open real TCP/UDP sockets on this machine, safely:
loopback only, one secret per launch, and no target unless you allow it.

  --port N                  port of the bridge (default ${DEFAULT_BRIDGE_PORT}; 0 = any free port)
  --allow HOST:PORT         a server pages may connect/send to (repeatable; IPv6 as [addr]:port)
  --config FILE             JSON: { "allow": [...], "origins": [...], "appUrl": "..." }
  --app-url URL             where the app runs (e.g. Vite's http://127.0.0.1:5173/); its origin is allowed
  --origin URL              another origin allowed to open the bridge (repeatable)
  --serve DIR               serve a built app from the bridge's own origin (default: dist/, when it exists)
  --capture                 stream real segments of bridged connections (tcpdump/dumpcap, needs root)
  --classroom               let pages LISTEN on the LAN (0.0.0.0), so other machines can connect
  --unsafe-expose-bridge-on-lan
                            accept the bridge's own WebSocket from other machines (secret still required)
  --no-kernel-states        do not poll /proc/net/tcp
  --limit NAME=VALUE        change a limit (${Object.keys(DEFAULT_LIMITS).join(', ')})
  --heartbeat-ms N          ping interval (default 15000)
  --handshake-timeout-ms N  time allowed for the HTTP upgrade (default 5000)
  --quiet                   log warnings only
  --help                    this text
`;

const configSchema = z.strictObject({
  allow: z.array(z.string().max(300)).max(256).optional(),
  origins: z.array(z.string().max(300)).max(64).optional(),
  appUrl: z.string().max(2000).optional(),
});

export interface CliOptions extends BridgeOptions { quiet?: boolean; help?: boolean }

const num = (flag: string, v: string | undefined, min: number, max: number): number => {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} expects an integer from ${min} to ${max}`);
  return n;
};

export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { allow: [], origins: [] };
  const limits: Partial<BridgeLimits> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} expects a value`); return v; };
    switch (a) {
      case '--port': o.port = num(a, next(), 0, 65535); break;
      case '--allow': (o.allow as string[]).push(next()); break;
      case '--origin': (o.origins as string[]).push(next()); break;
      case '--app-url': o.appUrl = next(); break;
      case '--serve': o.serveDir = next(); break;
      case '--capture': o.capture = true; break;
      case '--classroom': o.classroom = true; break;
      case '--unsafe-expose-bridge-on-lan': o.exposeOnLan = true; break;
      case '--no-kernel-states': o.kernelStates = false; break;
      case '--heartbeat-ms': o.heartbeatMs = num(a, next(), 50, 600000); break;
      case '--handshake-timeout-ms': o.handshakeTimeoutMs = num(a, next(), 50, 600000); break;
      case '--quiet': o.quiet = true; break;
      case '--help': case '-h': o.help = true; break;
      case '--limit': {
        const [k, v] = next().split('=');
        if (!(k in DEFAULT_LIMITS)) throw new Error(`--limit: unknown limit ${JSON.stringify(k)}`);
        limits[k as keyof BridgeLimits] = num(`--limit ${k}`, v, 1, 1 << 30);
        break;
      }
      case '--config': {
        const file = next();
        const parsed = configSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        if (!parsed.success) throw new Error(`--config ${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
        (o.allow as string[]).push(...(parsed.data.allow ?? []));
        (o.origins as string[]).push(...(parsed.data.origins ?? []));
        if (parsed.data.appUrl) o.appUrl ??= parsed.data.appUrl;
        break;
      }
      default: throw new Error(`unknown option ${JSON.stringify(a)} (see --help)`);
    }
  }
  o.limits = limits;
  return o;
}

export async function main(argv: readonly string[], defaultServeDir?: string): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`socketlab-bridge: ${escapeForLog((e as Error).message, 500)}\n`);
    return 2;
  }
  if (opts.help) { process.stdout.write(HELP); return 0; }
  // The app comes from --app-url, else from a built directory (--serve, default dist/). A
  // directory that does not exist serves nothing: the bridge's own address would only say 404.
  const appDir = opts.serveDir ?? (opts.appUrl ? undefined : defaultServeDir);
  opts.serveDir = appDir !== undefined && existsSync(appDir) ? appDir : undefined;
  const noApp = !opts.serveDir && !opts.appUrl;
  const log = createLogger({ quiet: opts.quiet });
  process.on('uncaughtException', (e) => log.warn('uncaught', { error: e.message }));
  process.on('unhandledRejection', (e) => log.warn('unhandled-rejection', { error: String(e) }));

  let bridge;
  try {
    bridge = await startBridge({ ...opts, log });
  } catch (e) {
    process.stderr.write(`socketlab-bridge: ${escapeForLog((e as Error).message, 500)}\n`);
    return 1;
  }
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (opts.exposeOnLan) out('!!! WARNING: --unsafe-expose-bridge-on-lan: the bridge accepts WebSockets from other machines (secret still required).');
  if (opts.classroom) out('!!! CLASSROOM MODE: pages may listen on the LAN; anyone on your network can connect to those ports.');
  out(`SocketLab bridge on ${bridge.wsUrl} (${opts.exposeOnLan ? 'ALL interfaces' : 'loopback only'})`);
  out(`Allowed targets: ${opts.allow?.length ? opts.allow.join(', ') : 'none (only listeners the page opens)'}`);
  if (opts.capture) out(`Capture: ${bridge.captureTool ?? 'unavailable'}`);
  for (const n of bridge.notices) out(`Note: ${n}`);
  if (noApp) {
    out(`No app to open: ${appDir ? `${escapeForLog(appDir, 300)} does not exist (the app is not built)` : 'no app directory was given'}, so this bridge's own address has no page.`);
    out('To use Real mode, do one of:');
    out('  - stop this bridge (Ctrl+C) and run `npm run dev`: the app and a bridge together, bridge options after `--`; it prints the URL to open');
    out('  - run `npm run build`, then start this bridge again: it serves the built app and prints its URL');
    out('  - if the app already runs elsewhere, start this bridge with --app-url URL (e.g. --app-url http://127.0.0.1:5173/)');
    if (opts.origins?.length) {
      out(`A page on ${opts.origins.join(', ')} (--origin) can use this bridge: add this fragment to its address (it carries this launch's secret; do not share it):`);
      out(`  ${bridge.fragment}`);
    }
  } else {
    out('Open this URL in your browser (it carries this launch\'s secret; do not share it):');
    out(`  ${bridge.openUrl}`);
  }

  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      log.info('shutdown', { signal: sig });
      // Whatever happens, we are gone within 2 s.
      setTimeout(() => process.exit(0), 1500).unref();
      void bridge.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
