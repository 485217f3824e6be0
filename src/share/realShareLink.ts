// Share links for a recorded real session: the session file (sessionFile.ts) and the step, as
// JSON → deflate → base64url in `#r=…`. A recording can be large, so a link is made only when it
// stays short enough to paste anywhere; otherwise the user is told to send the saved file.
// Decoding validates every record (zod, loaded on demand) and never throws.
import { deflateSync, strToU8 } from 'fflate';
import { toBase64Url, unpackPayload } from './shareLink';
import type { RealSessionFile, SessionFileError } from '../real/sessionFile';

export const REAL_SHARE_VERSION = 1;
/** Longest link payload we hand out (characters of base64url). Browsers accept far longer URLs,
 *  but chat programs and mail clients cut links of a few ten thousand characters. */
export const MAX_REAL_SHARE_CHARS = 60_000;

export type RealShareEncode = { ok: true; data: string } | { ok: false; reason: 'too-large'; chars: number };

export function encodeRealShare(session: RealSessionFile, step: number): RealShareEncode {
  const json = JSON.stringify({ v: REAL_SHARE_VERSION, step, session });
  const data = toBase64Url(deflateSync(strToU8(json), { level: 9 }));
  return data.length <= MAX_REAL_SHARE_CHARS ? { ok: true, data } : { ok: false, reason: 'too-large', chars: data.length };
}

export type RealShareDecode =
  | { ok: true; session: RealSessionFile; step: number }
  | { ok: false; reason: 'decode' | 'version' }
  | { ok: false; reason: 'session'; error: SessionFileError };

export async function decodeRealShare(data: string): Promise<RealShareDecode> {
  if (data.length > MAX_REAL_SHARE_CHARS * 2) return { ok: false, reason: 'decode' };
  const u = unpackPayload(data, REAL_SHARE_VERSION);
  if (!u.ok) return u;
  const o = u.obj;
  const { parseRealSession } = await import('../real/sessionFile');
  const r = parseRealSession(o.session);
  if (!r.ok) return { ok: false, reason: 'session', error: r.error };
  const step = typeof o.step === 'number' && Number.isFinite(o.step) ? Math.max(0, Math.trunc(o.step)) : 0;
  return { ok: true, session: r.session, step };
}

export { realShareFromHash } from './shareLink';
