// The log (escaping, rate limit, redaction) and the secret hand-off through the URL fragment.
import { describe, expect, it } from 'vitest';
import { takeBridgeParams, validBridgeUrl } from '../../src/bridge/bridgeParams';
import { createLogger, escapeForLog, withRedaction } from '../../src/bridge/log';

describe('log', () => {
  it('escapes C0, C1, DEL and line separators so peers cannot forge lines or drive the terminal', () => {
    expect(escapeForLog('a\nb\r\u001b[2J\u009b\u007f\u2028\\')).toBe('a\\x0ab\\x0d\\x1b[2J\\x9b\\x7f\\x2028\\\\');
  });
  it('caps long values', () => {
    expect(escapeForLog('x'.repeat(1000), 10)).toBe(`${'x'.repeat(10)}…`);
  });
  it('rate-limits and then says how many lines it dropped', () => {
    const lines: string[] = [];
    let t = 0;
    const log = createLogger({ write: (l) => lines.push(l), perSecond: 5, now: () => t });
    for (let i = 0; i < 100; i++) log.warn('flood', { i });
    expect(lines).toHaveLength(5);
    t = 1000;
    log.warn('later');
    expect(lines.slice(5)).toEqual(['[bridge] warn log-suppressed count=95', '[bridge] warn later']);
  });
  it('redacts the secret wherever it appears', () => {
    const lines: string[] = [];
    const log = withRedaction(createLogger({ write: (l) => lines.push(l) }), 'deadbeef');
    log.warn('x', { origin: 'http://deadbeef.example' });
    expect(lines[0]).toBe('[bridge] warn x origin=http://[redacted].example');
  });
});

describe('takeBridgeParams', () => {
  const SECRET = 'a'.repeat(64);
  function env(hash: string) {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    return {
      loc: { href: `http://127.0.0.1:5173/app${hash}`, hash, hostname: '127.0.0.1' },
      hist: { replaceState: (_d: unknown, _u: string, url?: string) => { replaced.push(url ?? ''); } },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v); }, removeItem: (k: string) => { store.delete(k); } },
      replaced,
    };
  }

  it('reads the bridge URL and secret from the fragment and scrubs them, keeping other parameters', () => {
    const e = env(`#s=echo&bridge=${encodeURIComponent('ws://127.0.0.1:5180/socketlab')}&bridgeKey=${SECRET}&step=4`);
    expect(takeBridgeParams(e.loc, e.hist, e.storage)).toEqual({ url: 'ws://127.0.0.1:5180/socketlab', secret: SECRET });
    expect(e.replaced).toEqual(['http://127.0.0.1:5173/app#s=echo&step=4']);
    expect(e.replaced[0]).not.toContain(SECRET);
  });

  it('finds them again after a reload (this tab only)', () => {
    const e = env(`#bridge=${encodeURIComponent('ws://127.0.0.1:5180/socketlab')}&bridgeKey=${SECRET}`);
    takeBridgeParams(e.loc, e.hist, e.storage);
    expect(takeBridgeParams({ ...e.loc, hash: '', href: 'http://127.0.0.1:5173/app' }, e.hist, e.storage)).toMatchObject({ secret: SECRET });
  });

  it('refuses a bridge that is not on loopback (a crafted link), and a malformed secret', () => {
    const evil = env(`#bridge=${encodeURIComponent('wss://evil.example/socketlab')}&bridgeKey=${SECRET}`);
    expect(takeBridgeParams(evil.loc, evil.hist, evil.storage)).toBeNull();
    expect(evil.replaced[0]).toBe('http://127.0.0.1:5173/app'); // still scrubbed
    const bad = env(`#bridge=${encodeURIComponent('ws://127.0.0.1:5180/socketlab')}&bridgeKey=<script>`);
    expect(takeBridgeParams(bad.loc, bad.hist, bad.storage)).toBeNull();
    expect(validBridgeUrl('ws://[::1]:5180/socketlab', 'x')).toBe(true);
    expect(validBridgeUrl('ws://127.0.0.1:5180/socketlab?k=1', 'x')).toBe(false);
  });
});
