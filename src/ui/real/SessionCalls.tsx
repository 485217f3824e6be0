// The "code" of a real session: every call the page made through the bridge (and every read the
// bridge did for it), in order, as a C programmer would write it, with the call of the current
// step highlighted — so the code panel follows the cursor as in a simulated run.
import { useEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectTimeline } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { stepOfRecord, type Timeline } from '../../timeline';
import { isRecvResult, type CallRecord, type ReturnRecord } from '../../sim/trace/records';
import { visibleInline } from '../../real/visibleText';

export interface CallLine { step: number; text: string; error: boolean; blocked: boolean }

const MAX_DATA = 32;
// As a C string literal: controls as escapes, nothing that could reorder or hide the listing.
const quote = (s: string) => `"${visibleInline(s.length > MAX_DATA ? `${s.slice(0, MAX_DATA)}…` : s).replace(/"/g, '\\"')}"`;

function argText(c: CallRecord): string {
  const a = c.args;
  const fd = c.fd ?? '?';
  switch (c.op) {
    case 'socket': return `socket(AF_INET, ${a.type === 'dgram' ? 'SOCK_DGRAM' : 'SOCK_STREAM'}, 0)`;
    case 'bind': return `bind(${fd}, ${typeof a.ip === 'string' ? a.ip : '127.0.0.1'}:${String(a.port)})`;
    case 'listen': return `listen(${fd}, ${String(a.backlog)})`;
    case 'accept': return `accept(${fd})`;
    case 'connect': return `connect(${fd}, ${String(a.to)}:${String(a.port)})`;
    case 'send': return `send(${fd}, ${quote(typeof a.data === 'string' ? a.data : '')}, ${String(a.bytes)})`;
    case 'recv': return `recv(${fd})`;
    case 'shutdown': return `shutdown(${fd}, SHUT_${String(a.how).toUpperCase()})`;
    case 'setsockopt': return `setsockopt(${fd}, SO_LINGER, {1, 0})`;
    default: return `${c.op}(${fd})`;
  }
}

function resultText(r: ReturnRecord | undefined): string {
  if (!r) return '';
  if (r.error) return `  ✕ ${r.error}`;
  if (isRecvResult(r.result)) return r.result.bytes === 0 ? ' = 0  // EOF' : ` = ${r.result.bytes}  ${quote(r.result.data)}`;
  return typeof r.result === 'number' ? ` = ${r.result}` : '';
}

/** One line per call of the page's program (host `local`), in the order they were made. */
export function callLines(tl: Timeline, host = 'local'): CallLine[] {
  const returns = new Map<number, ReturnRecord>();
  const blocked = new Set<number>();
  for (const r of tl.trace) {
    if (r.type === 'return' && r.host === host) returns.set(r.id, r);
    if (r.type === 'block' && r.host === host) blocked.add(r.id);
  }
  const lines: CallLine[] = [];
  tl.trace.forEach((r, i) => {
    if (r.type !== 'call' || r.host !== host) return;
    const ret = returns.get(r.id);
    const assign = (r.op === 'socket' || r.op === 'accept') && typeof ret?.result === 'number' ? `fd ${ret.result} ← ` : '';
    lines.push({ step: stepOfRecord(tl.steps, i), text: `${assign}${argText(r)}${resultText(ret)}`, error: !!ret?.error, blocked: blocked.has(r.id) && !ret });
  });
  return lines;
}

export function SessionCalls() {
  const t = useT();
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const lines = useMemo(() => (tl ? callLines(tl) : []), [tl]);
  // The call of the current step: the last one at or before it.
  let active = -1;
  for (let i = 0; i < lines.length && lines[i].step <= cursor - 1; i++) active = i;
  const ref = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    // Scroll the listing only (never the page), and only when the line left its box.
    const el = ref.current;
    const box = el?.closest('.code-scroll');
    if (!el || !box) return;
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.top < b.top) box.scrollTop += r.top - b.top;
    else if (r.bottom > b.bottom) box.scrollTop += r.bottom - b.bottom;
  }, [active]);
  return (
    <section className="session-calls" aria-label={t('real.calls')}>
      <h3>{t('real.calls')}</h3>
      {lines.length === 0 ? <p className="muted small">{t('real.calls.none')}</p> : (
        <div className="code-scroll">
          <ol className="code" data-testid="session-calls">
            {lines.map((l, i) => (
              <li key={i} ref={i === active ? ref : undefined} aria-current={i === active ? 'step' : undefined}
                className={[i === active ? 'active' : '', l.error ? 'error' : '', l.blocked ? 'blocked' : ''].filter(Boolean).join(' ') || undefined}>
                <code>{l.text}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
