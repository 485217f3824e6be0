// A recorded real session as a file: the trace the bridge client built (calls, kernel states,
// captured segments, bytes as text and hex) plus a little context. Reopening it replays the
// session on the stage; the packets are rebuilt from the trace (realPackets.ts), so the file holds
// each fact once. Files come from anywhere, so every record is validated strictly (zod) before
// any view sees it, and an error names the JSON path of the first problem.
import { z } from 'zod';
import { describeIssue, formatPath, type SchemaProblem } from '../scenarios/schema';
import { schemaTextEn } from '../i18n/schemaMessages';
import type { TraceRecord } from '../sim/trace/records';
import { TCP_STATES } from '../sim/trace/records';

export const REAL_SESSION_FORMAT = 'socketlab-real-session/1';
/** Bigger files are refused before parsing (a long session with capture is a few MB). */
export const MAX_SESSION_BYTES = 64 * 1024 * 1024;
export const MAX_SESSION_RECORDS = 500_000;

export interface RealSessionFile {
  format: typeof REAL_SESSION_FORMAT;
  title: string;
  /** ISO time the recording started (for people; replay does not use it). */
  recordedAt?: string;
  bridge: { capture: boolean; kernelStates: boolean; classroom: boolean };
  /** Lifeline → IP address, for the lane heads. */
  hosts: Record<string, string>;
  trace: TraceRecord[];
}

const num = z.number().finite();
const t = num.min(0);
const int = z.number().int().min(0).max(2 ** 53);
const name = z.string().max(128);
const addr = z.string().max(64);
const text = z.string().max(1 << 22);
const errno = z.string().regex(/^E[A-Z0-9]{1,15}$/, 'an errno name such as ECONNREFUSED');
const state = z.enum(TCP_STATES as unknown as [string, ...string[]]);
const event = z.enum(['send', 'deliver', 'drop', 'duplicate']);
const flag = z.enum(['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG']);
const scalar = z.union([z.string().max(1 << 22), num, z.boolean(), z.null()]);
const recvResult = z.strictObject({ bytes: int, data: text, hex: text.optional(), from: addr.optional() });
const callBase = { t, host: name, op: name, id: int, prog: int, step: int };

const record = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('call'), ...callBase, args: z.record(z.string().max(64), scalar), fd: int.optional(), sid: int.optional() }),
  z.strictObject({
    type: z.literal('return'), ...callBase, result: z.union([int, recvResult]).optional(), error: errno.optional(),
    sid: int.optional(), sock: addr.max(140).optional(),
  }),
  z.strictObject({ type: z.literal('block'), ...callBase, waitingFor: z.enum(['connection', 'handshake', 'data', 'buffer-space', 'sleep', 'datagram', 'readable']) }),
  z.strictObject({
    type: z.literal('segment'), t, event, id: int, src: addr, dst: addr, flags: z.array(flag).max(6),
    seq: int.max(0xffffffff), ack: int.max(0xffffffff), rseq: int.max(0xffffffff), rack: int.max(0xffffffff),
    len: int.max(0xffff), win: int.max(0x3fffffff), from: name, to: name,
    note: name.optional(), reason: name.optional(), copy: int.optional(),
    opts: z.strictObject({ mss: int.max(0xffff).optional(), wscale: int.max(14).optional(), sackPermitted: z.boolean().optional() }).optional(),
  }),
  z.strictObject({ type: z.literal('datagram'), t, event, id: int, src: addr, dst: addr, len: int.max(0xffff), from: name, to: name, reason: name.optional(), copy: int.optional() }),
  z.strictObject({ type: z.literal('state'), t, host: name, sock: addr.max(140), sid: int, from: state, to: state, fd: int.optional(), cause: name.optional() }),
  z.strictObject({ type: z.literal('queue'), t, host: name, sock: addr.max(140), sid: int, synQueue: int, acceptQueue: int, acceptMax: int, synMax: int }),
]);

const fileSchema = z.strictObject({
  format: z.literal(REAL_SESSION_FORMAT),
  title: z.string().max(200),
  recordedAt: z.string().max(64).optional(),
  bridge: z.strictObject({ capture: z.boolean(), kernelStates: z.boolean(), classroom: z.boolean() }),
  hosts: z.record(name, z.string().max(64)),
  trace: z.array(record).max(MAX_SESSION_RECORDS),
});

/** Where and what was expected: `problem` to render in the user's language, `expected` in English. */
export type SessionFileError = { path: string; problem: SchemaProblem; expected: string };
const sessionError = (path: string, problem: SchemaProblem): SessionFileError => ({ path, problem, expected: schemaTextEn(problem.key, problem.params) });
export type ParsedSession = { ok: true; session: RealSessionFile } | { ok: false; error: SessionFileError };

/** Whether parsed JSON claims to be a real session (then parse it with parseRealSession). */
export function isRealSessionJson(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { format?: unknown }).format === REAL_SESSION_FORMAT;
}

/** Validates a session read from a file. Never throws. */
export function parseRealSession(v: unknown): ParsedSession {
  let r: ReturnType<typeof fileSchema.safeParse>;
  try { r = fileSchema.safeParse(v, { reportInput: true }); } catch { return { ok: false, error: sessionError('(file)', { key: 'schema.realSession', params: {} }) }; }
  if (!r.success) {
    const issue = r.error.issues[0];
    if (!issue) return { ok: false, error: sessionError('(file)', { key: 'schema.realSession', params: {} }) };
    return { ok: false, error: sessionError(issue.path.length ? formatPath(issue.path) : '(file)', describeIssue(issue)) };
  }
  const trace = r.data.trace as TraceRecord[];
  // The views read a trace in time order; a file that is not can only be hand-made or damaged.
  for (let i = 1; i < trace.length; i++) {
    if (trace[i].t < trace[i - 1].t) return { ok: false, error: sessionError(`trace[${i}].t`, { key: 'schema.timeOrder', params: { min: trace[i - 1].t } }) };
  }
  return { ok: true, session: { ...r.data, trace } as RealSessionFile };
}

export function serializeRealSession(s: RealSessionFile): string {
  return JSON.stringify(s);
}
