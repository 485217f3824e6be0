// One or two sentences per step: what happened and why, from the step's lead record and the
// `note` / `reason` / `cause` fields the simulator records. Pure: (timeline, cursor, locale).
import { backoffFactor, type Timeline, type PacketRecord } from '../timeline';
import { isRecvResult, type CallRecord, type ReturnRecord, type TraceRecord, type TimerRecord } from '../sim/trace/records';
import { hostLabel, formatTime, type Locale, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { packetLabel } from '../ui/stage/packetLabel';
import type { NumberMode } from '../store/types';
import { visibleInline } from '../real/visibleText';

const TRANSITION_WHY = new Set([
  'LISTEN>SYN_RECEIVED', 'SYN_RECEIVED>ESTABLISHED', 'ESTABLISHED>CLOSE_WAIT', 'FIN_WAIT_1>FIN_WAIT_2',
  'FIN_WAIT_2>TIME_WAIT', 'CLOSING>TIME_WAIT', 'LAST_ACK>CLOSED', 'SYN_SENT>CLOSED', 'ESTABLISHED>CLOSED',
]);

const KNOWN_ERRNO = new Set([
  'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EPIPE', 'ENOTCONN', 'EAGAIN',
  'EACCES', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL',
]);

function errnoWhy(t: Translate, e: string): string {
  return t((KNOWN_ERRNO.has(e) ? `errno.${e}` : 'errno.other') as MessageKey);
}

function callText(c: CallRecord): string {
  const a = c.args;
  // A scenario names sockets (`sock`); a real session's calls only have the fd.
  const sock = typeof a.sock === 'string' ? a.sock : c.fd;
  switch (c.op) {
    case 'bind': return `bind(${sock}, ${a.ip ?? '*'}:${a.port})`;
    case 'listen': return `listen(${sock}, ${a.backlog})`;
    case 'connect': return `connect(${sock}, ${a.to}:${a.port})`;
    case 'socket': return `socket(${a.type === 'dgram' ? 'SOCK_DGRAM' : a.type === 'raw' ? 'SOCK_RAW' : 'SOCK_STREAM'})`;
    case 'sleep': return `sleep(${a.ms} ms)`;
    case 'sendto': return `sendto(${sock}, ${a.to}:${a.port})`;
    default: return sock !== undefined ? `${c.op}(${sock})` : `${c.op}()`;
  }
}

function valueText(r: ReturnRecord): string {
  if (typeof r.result === 'number') return String(r.result);
  if (isRecvResult(r.result)) return String(r.result.bytes);
  if (r.result && 'ready' in r.result) return String(r.result.ready.length);
  return '0';
}

/** The "why" sentence of a call that completed. */
function why(t: Translate, c: CallRecord, r: ReturnRecord | undefined, ip: (h: string) => string | undefined): string {
  const res = r?.result;
  switch (c.op) {
    case 'socket': return typeof res === 'number' ? t('why.socket', { fd: res }) : '';
    case 'bind': return t('why.bind', { addr: `${c.args.ip ?? ip(c.host) ?? '0.0.0.0'}:${c.args.port}` });
    case 'listen': return t('why.listen');
    case 'accept': return typeof res === 'number' ? t('why.accept', { fd: res }) : '';
    case 'connect': return t('why.connect');
    case 'send': return t('why.send');
    case 'poll':
      return res && typeof res === 'object' && 'ready' in res ? t('why.poll', { ready: res.ready.join(', ') || '—' }) : '';
    case 'spawn': return t('why.spawn');
    case 'recv':
    case 'recvfrom':
      if (isRecvResult(res)) {
        if (res.bytes === 0) return t('why.recvEof');
        // Bytes from a real peer may hold control or bidi characters: show them, never obey them.
        const data = visibleInline(res.data.length > 40 ? `${res.data.slice(0, 40)}…` : res.data);
        return c.op === 'recvfrom' && res.from ? t('why.recvfrom', { n: res.bytes, from: res.from }) : t('why.recv', { n: res.bytes, data });
      }
      return '';
    case 'close': return t('why.close');
    case 'shutdown': return t('why.shutdown');
    case 'sleep': return t('why.sleep');
    case 'sendto': return t('why.sendto');
    case 'setsockopt': return t('why.setsockopt');
    default: return '';
  }
}

export interface NarrateOptions {
  numbers: NumberMode;
  ips?: Record<string, string>;
  /** A real session still recording: its last step is not the end. */
  live?: boolean;
  /** English sentences start with a capital letter (host names included); default 'en'. */
  locale?: Locale;
}

const TERMINATOR = /[.!?。！？]$/;

/** Puts a clause inside a sentence, before its full stop. */
function withClause(sentence: string, clause: string): string {
  return TERMINATOR.test(sentence) ? `${sentence.slice(0, -1)}${clause}${sentence.slice(-1)}` : `${sentence}${clause}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The host a lead record is about (whose point of view its sentence takes). */
function leadHost(r: TraceRecord): string | undefined {
  switch (r.type) {
    case 'call': case 'return': case 'timer': return r.host;
    case 'segment': case 'datagram': case 'icmp': return r.event === 'send' ? r.from : r.to;
    default: return undefined;
  }
}

/**
 * At most two sentences: (1) what happened, with any state change this step caused as a clause;
 * (2) why it matters: the explanation of a state change students ask about, else of the call,
 * else "end of the run".
 */
export function narrate(tl: Timeline, cursor: number, t: Translate, opts: NarrateOptions): string {
  if (cursor <= 0 || tl.length === 0) return t(opts.live && tl.length === 0 ? 'real.narr.empty' : 'narr.start');
  const step = tl.steps[Math.min(cursor, tl.length) - 1];
  const recs = tl.trace.slice(step.first, step.last + 1);
  const lead = tl.trace[step.lead];
  const host = (h: string) => hostLabel(t, h);
  const ip = (h: string) => opts.ips?.[h];

  const [main, leadWhy] = describeLead(lead, recs, tl, t, host, ip, opts);

  // State changes this step caused, as a clause of the first sentence.
  const transitions = recs.filter((r): r is Extract<TraceRecord, { type: 'state' }> => r.type === 'state');
  const about = leadHost(lead);
  const clauses = transitions.map((s) => {
    const sock = s.sock.split('->')[0];
    return t('narr.transition', { who: s.host === about && main ? sock : `${host(s.host)} ${sock}`, from: s.from, to: s.to });
  });
  let first = main;
  if (clauses.length > 0) {
    const text = clauses.join(t('narr.clauseSep'));
    first = main ? withClause(main, t('narr.clause', { text })) : t('narr.transitions', { text });
  }
  // Why the state matters, for the changes a student most often asks about (one per step).
  const explained = transitions.find((s) => TRANSITION_WHY.has(`${s.from}>${s.to}`));
  const end = cursor === tl.length ? t(opts.live ? 'real.narr.live' : 'narr.end') : '';
  const second = (explained ? t(`tr.${explained.from}>${explained.to}` as MessageKey) : '') || leadWhy || end;
  const sentences = [first, second].filter((x) => x !== '');
  return (opts.locale ?? 'en') === 'en' ? sentences.map(capitalize).join(' ') : sentences.join('');
}

/** The lead record's sentence, and the sentence explaining it (either may be empty). */
function describeLead(
  lead: TraceRecord, recs: TraceRecord[], tl: Timeline, t: Translate,
  host: (h: string) => string, ip: (h: string) => string | undefined, opts: NarrateOptions,
): [string, string] {
  switch (lead.type) {
    case 'call': {
      const call = callText(lead);
      const ret = recs.find((r): r is ReturnRecord => r.type === 'return' && r.id === lead.id);
      const block = recs.find((r) => r.type === 'block' && r.id === lead.id);
      if (ret?.error) return [t('op.callFails', { host: host(lead.host), call, errno: ret.error, why: errnoWhy(t, ret.error) }), ''];
      if (ret) return [t('op.callReturns', { host: host(lead.host), call, value: valueText(ret) }), why(t, lead, ret, ip)];
      if (block && block.type === 'block') {
        return [t('op.callBlocks', { host: host(lead.host), call, what: t(`wait.${block.waitingFor}` as MessageKey) }), lead.op === 'connect' ? t('why.connectStart') : ''];
      }
      // A call still running (its segments come next): say what it does now.
      const now = lead.op === 'send' || lead.op === 'sendto' || lead.op === 'close' || lead.op === 'shutdown' ? why(t, lead, undefined, ip) : '';
      return [t('op.call', { host: host(lead.host), call }), now];
    }
    case 'return': {
      const callRec = tl.trace.find((r): r is CallRecord => r.type === 'call' && r.id === lead.id);
      const call = callRec ? callText(callRec) : `${lead.op}()`;
      if (lead.error) return [t('op.fails', { host: host(lead.host), call, errno: lead.error, why: errnoWhy(t, lead.error) }), ''];
      return [t('op.returns', { host: host(lead.host), call, value: valueText(lead) }), callRec ? why(t, callRec, lead, ip) : ''];
    }
    case 'segment': return [describeSegment(lead, t, host, opts), ''];
    case 'datagram': {
      const key = `dgram.${lead.event}` as MessageKey;
      return [t(key, { host: host(lead.event === 'send' ? lead.from : lead.to), len: lead.len, dst: lead.dst }), ''];
    }
    case 'icmp': {
      const kind = t(`icmp.${lead.kind}` as MessageKey);
      return [t(`icmp.${lead.event === 'duplicate' ? 'deliver' : lead.event}` as MessageKey, { host: host(lead.event === 'send' ? lead.from : lead.to), kind }), ''];
    }
    case 'timer': return [describeTimer(lead, recs, tl, t, host), ''];
    default: return ['', ''];
  }
}

function describeSegment(r: Extract<PacketRecord, { type: 'segment' }>, t: Translate, host: (h: string) => string, opts: NarrateOptions): string {
  const label = packetLabel(r, { numbers: opts.numbers });
  const rel = opts.numbers === 'relative';
  const p = {
    host: host(r.event === 'send' ? r.from : r.to), label, len: r.len, win: r.win, dst: r.dst,
    seq: rel ? r.rseq : r.seq, ack: rel ? r.rack : r.ack,
  };
  if (r.event === 'send') return t((r.note ? `seg.${r.note}` : 'seg.send') as MessageKey, p);
  if (r.event === 'deliver') return t('seg.deliver', p);
  if (r.event === 'duplicate') return t('seg.duplicate', p);
  return t(`seg.drop.${r.reason ?? 'loss'}` as MessageKey, p);
}

function describeTimer(r: TimerRecord, recs: TraceRecord[], tl: Timeline, t: Translate, host: (h: string) => string): string {
  if (r.event !== 'fire') return '';
  // The timer's duration: from the matching `set` before it.
  const idx = tl.trace.indexOf(r);
  let setAt = r.t;
  let backoff = 0;
  for (let i = idx - 1; i >= 0; i--) {
    const s = tl.trace[i];
    if (s.type === 'timer' && s.sock === r.sock && s.timer === r.timer && s.event === 'set') {
      setAt = s.t;
      backoff = s.backoff ?? 0;
      break;
    }
  }
  const span = r.t - setAt;
  if (r.timer === 'rto') {
    // The timer set again at the same instant (the retransmission re-arms it): say it doubled
    // only when it did (backoffFactor), else how long the next wait is.
    for (let i = idx + 1; i < tl.trace.length && tl.trace[i].t === r.t; i++) {
      const x = tl.trace[i];
      if (x.type !== 'timer' || x.event !== 'set' || x.timer !== r.timer || x.sock !== r.sock || x.at === undefined) continue;
      const doubled = backoffFactor(tl.trace, i);
      if (doubled === null) return t('timerFire.rtoWait', { host: host(r.host), ms: formatTime(span), next: formatTime(x.at - x.t) });
      return t('timerFire.rto', { host: host(r.host), ms: formatTime(span), factor: doubled });
    }
  }
  const factor = 2 ** (backoff + 1);
  return t(`timerFire.${r.timer}` as MessageKey, { host: host(r.host), ms: formatTime(span), factor });
}
