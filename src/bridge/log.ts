// The bridge's log: one line per event on stderr. Anything that came from outside (headers, peer
// addresses, reasons) is escaped so it cannot move the cursor, recolour the terminal or forge a
// line, and the whole log is rate-limited so a hostile page or peer cannot flood the terminal.
// The secret never reaches this module.

/** Escapes control characters (C0, DEL, C1) and backslashes; caps the length. */
export function escapeForLog(value: unknown, max = 200): string {
  const s = typeof value === 'string' ? value : String(value);
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0x2028 || c === 0x2029) {
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    } else if (ch === '\\') {
      out += '\\\\';
    } else {
      out += ch;
    }
    if (out.length >= max) return `${out.slice(0, max)}…`;
  }
  return out;
}

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  write?: (line: string) => void;
  /** Lines allowed per second (token bucket); the rest are counted and reported once. */
  perSecond?: number;
  now?: () => number;
  quiet?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const rate = opts.perSecond ?? 20;
  const now = opts.now ?? (() => performance.now());
  let tokens = rate;
  let last = now();
  let suppressed = 0;

  function emit(level: string, event: string, fields?: Record<string, unknown>) {
    if (opts.quiet && level === 'info') return;
    const t = now();
    tokens = Math.min(rate, tokens + ((t - last) / 1000) * rate);
    last = t;
    if (tokens < 1) { suppressed++; return; }
    tokens -= 1;
    if (suppressed > 0) {
      write(`[bridge] warn log-suppressed count=${suppressed}`);
      suppressed = 0;
    }
    const parts = Object.entries(fields ?? {}).map(([k, v]) => `${escapeForLog(k, 40)}=${escapeForLog(v)}`);
    write(`[bridge] ${level} ${escapeForLog(event, 60)}${parts.length ? ` ${parts.join(' ')}` : ''}`);
  }

  return {
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
  };
}

/** A logger that replaces every occurrence of `secret` (however it got into a field) by "[redacted]". */
export function withRedaction(log: Logger, secret: string): Logger {
  const scrub = (fields?: Record<string, unknown>) => {
    if (!fields) return fields;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) out[k] = String(v).split(secret).join('[redacted]');
    return out;
  };
  return {
    info: (e, f) => log.info(e, scrub(f)),
    warn: (e, f) => log.warn(e, scrub(f)),
  };
}
