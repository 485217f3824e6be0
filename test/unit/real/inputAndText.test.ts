// @vitest-environment node
// What a student types becomes exactly the bytes they meant (or nothing at all), and what a peer
// sends is shown as characters that cannot hide, reorder or impersonate anything.
import { describe, expect, it } from 'vitest';
import { parseHexInput, textInput } from '../../../src/real/sendInput';
import { visibleInline, visibleText } from '../../../src/real/visibleText';
import { whyKey } from '../../../src/real/realController';
import { en } from '../../../src/i18n/en';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('send box input', () => {
  it('reads hex in the usual spellings', () => {
    for (const s of ['48 69 0a', '48690a', '0x48,0x69,0x0a', '48:69:0A', '48-69 a']) expect(parseHexInput(s), s).toEqual(bytes(0x48, 0x69, 0x0a));
    expect(parseHexInput('   ')).toEqual(bytes());
  });

  it('refuses anything ambiguous or not hex, whole', () => {
    for (const s of ['4g', '486', 'hello', '48 6 9z', '<b>']) expect(parseHexInput(s), s).toBeNull();
  });

  it('encodes text as UTF-8, with the newline line-based servers expect when asked', () => {
    expect(textInput('hi', true)).toEqual(bytes(0x68, 0x69, 0x0a));
    expect(textInput('你', false)).toEqual(bytes(0xe4, 0xbd, 0xa0));
  });
});

describe('peer bytes as text', () => {
  it('writes controls as the C escapes a socket programmer knows, keeping line breaks', () => {
    expect(visibleText(bytes(0x61, 0x0d, 0x0a, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x7f, 0x09, 0x62))).toBe('a\\r\\n\n\\x1b[2J\\0\\x7f\\tb');
    expect(visibleInline('GET / HTTP/1.0\r\n\r\n')).toBe('GET / HTTP/1.0\\r\\n\\r\\n');
  });

  it('shows bidi overrides and C1 controls by their code, escapes backslashes, keeps bad UTF-8 as U+FFFD', () => {
    expect(visibleInline('abc\u202edef\u2066')).toBe('abc\\u202edef\\u2066');
    expect(visibleInline('C:\\x41')).toBe('C:\\\\x41');
    expect(visibleText(bytes(0xc2, 0x9b, 0xff, 0x41))).toBe('\\u009b\ufffdA');
    expect(visibleInline('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(visibleInline('你好')).toBe('你好');
  });
});

describe('error explanations', () => {
  it('prefer the bridge reason, fall back to the errno, and always name an existing message', () => {
    expect(whyKey({ code: 'EACCES', reason: 'not-allowed' })).toBe('real.reason.not-allowed');
    expect(whyKey({ code: 'ECONNRESET', reason: 'bridge connection closed' })).toBe('real.reason.no-bridge');
    expect(whyKey({ code: 'ECONNREFUSED' })).toBe('errno.ECONNREFUSED');
    expect(whyKey({ code: 'EWEIRD', reason: 'who-knows' })).toBe('errno.other');
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EPIPE', 'ENOTCONN', 'EAGAIN', 'EACCES', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']) {
      expect(whyKey({ code }) in en, code).toBe(true);
    }
    for (const reason of ['not-allowed', 'bridge-port', 'special-address', 'unspecified-address', 'loopback-only', 'privileged-port', 'rate-limit', 'socket-limit', 'listener-limit', 'buffer-full', 'unresolvable', 'no-bridge']) {
      expect(whyKey({ code: 'EACCES', reason }) in en, reason).toBe(true);
    }
  });
});
