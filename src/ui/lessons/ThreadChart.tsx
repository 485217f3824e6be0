// The thread-activity chart: one row per thread of the server host, virtual time along x, and
// what the thread does over time — blocked in accept()/recv()/poll() (and on which socket), in
// sleep(), calls that return at once (ticks), started and finished — drawn from the trace up to
// the cursor, with the cursor as a line. It shows the server designs apart: a thread per
// connection adds rows as clients come, a pool keeps its few threads busy in turn, an event loop
// is one row alternating poll() and short calls.
import { useMemo } from 'react';
import { useT } from '../../i18n/useT';
import { formatTime, hostLabel, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { TraceView } from '../../lessons';
import { statusAt, threadActivity, type Activity, type BlockedSpan, type InstantCall, type ThreadRow, type ThreadStatus, type WaitKind } from './threadActivity';
import { niceTicks, useCursorMoment, useWidth } from './figureHooks';

const ROW_H = 36;
const BAR_H = 16;
const TOP = 4;
const AXIS_H = 22;
const WAITS: WaitKind[] = ['accept', 'recv', 'poll', 'sleep', 'other'];
const WAIT_KEY: Record<WaitKind, MessageKey> = {
  accept: 'threads.wait.accept', recv: 'threads.wait.recv', poll: 'threads.wait.poll', sleep: 'threads.wait.sleep', other: 'threads.wait.other',
};

const callText = (c: { op: string; on: string; error?: string }) => `${c.op}(${c.on})${c.error ? ` → ${c.error}` : ''}`;

function statusText(t: Translate, s: ThreadStatus): string {
  switch (s.kind) {
    case 'not-started': return t('threads.notStarted');
    case 'finished': return t(s.stopped ? 'threads.stopped' : 'threads.finished', { t: formatTime(s.at) });
    case 'blocked':
      if (s.span.wait === 'sleep') return t('threads.sleeping', { on: s.span.on });
      return s.span.on ? t('threads.blockedOn', { op: s.span.op, on: s.span.on }) : t('threads.blockedIn', { op: s.span.op });
    default: return s.op ? t('threads.runningCall', { op: s.op }) : t('threads.running');
  }
}

/** Rough width of a label in px (system sans at 10.5 px); labels that would not fit are left out. */
const textWidth = (s: string) => s.length * 6;

function Bar({ a, sx, y, now, last, t }: { a: BlockedSpan; sx: (x: number) => number; y: number; now: number; last: number; t: Translate }) {
  const done = a.toRec >= 0 && a.toRec <= last;
  // A hair of space at each end keeps back-to-back waits apart (an event loop's polls).
  const x1 = sx(a.from) + 1;
  const x2 = Math.max(sx(done ? a.to : now) - (done ? 1 : 0), x1 + 2);
  const full = callText({ op: a.op, on: a.on });
  const label = [full, `${a.op}()`, a.op].find((l) => textWidth(l) + 8 <= x2 - x1) ?? '';
  const when = done ? `${formatTime(a.from)}–${formatTime(a.to)}` : t('threads.spanOpen', { from: formatTime(a.from) });
  return (
    <g className={`bar w-${a.wait}${done ? '' : ' ongoing'}`} data-kind={a.wait}>
      <title>{`${full}${a.error ? ` → ${a.error}` : ''} — ${t(WAIT_KEY[a.wait])}, ${when}`}</title>
      <rect x={x1} y={y} width={x2 - x1} height={BAR_H} rx={2} />
      {label && <text className="bar-label" x={x1 + 4} y={y + BAR_H / 2} dy="0.35em">{label}</text>}
    </g>
  );
}

function Calls({ calls, x, y }: { calls: InstantCall[]; x: number; y: number }) {
  return (
    <g className="tick" data-kind="calls">
      <title>{calls.map(callText).join(', ')}</title>
      <rect x={x - 1.5} y={y - 4} width={3} height={BAR_H + 8} rx={1} />
      {calls.some((c) => c.error) && <text className="tick-mark" x={x} y={y - 6} textAnchor="middle">!</text>}
    </g>
  );
}

function Row({ row, i, sx, now, last, W, LW, t }: { row: ThreadRow; i: number; sx: (x: number) => number; now: number; last: number; W: number; LW: number; t: Translate }) {
  const y = TOP + i * ROW_H;
  const barY = y + ROW_H - BAR_H - 5;
  const started = row.startRec >= 0 && row.startRec <= last;
  const ended = row.endRec >= 0 && row.endRec <= last;
  const status = statusText(t, statusAt(row, last));
  const maxChars = Math.max(6, Math.floor((LW - 8) / 7));
  const name = row.name.length > maxChars ? `${row.name.slice(0, maxChars - 1)}…` : row.name;
  return (
    <g className={`thread-row${started ? '' : ' idle'}`} data-testid="thread-row" data-name={row.name}>
      {i % 2 === 1 && <rect className="stripe" x={0} y={y} width={W} height={ROW_H} />}
      <text className="row-name" x={4} y={y + 13}><title>{row.name}</title>{name}</text>
      <text className="row-status" x={4} y={y + 27}><title>{status}</title>{status.length > maxChars + 4 ? `${status.slice(0, maxChars + 3)}…` : status}</text>
      {started && <line className="life" x1={sx(row.start)} x2={sx(ended ? row.end : now)} y1={barY + BAR_H / 2} y2={barY + BAR_H / 2} />}
      {row.activities.map((a: Activity, k) => {
        if (a.kind === 'blocked') return a.fromRec <= last ? <Bar key={k} a={a} sx={sx} y={barY} now={now} last={last} t={t} /> : null;
        const calls = a.calls.filter((c) => c.rec <= last);
        return calls.length ? <Calls key={k} calls={calls} x={sx(a.at)} y={barY} /> : null;
      })}
      {ended && (
        <g className="end-cap">
          <title>{status}</title>
          <line x1={sx(row.end) + 3} x2={sx(row.end) + 3} y1={barY - 2} y2={barY + BAR_H + 2} />
          {sx(row.end) + 8 + textWidth(t('threads.end')) < W && <text x={sx(row.end) + 7} y={barY + BAR_H / 2} dy="0.35em">{t('threads.end')}</text>}
        </g>
      )}
    </g>
  );
}

/** The same facts as a table, for screen readers (the chart itself is an image with a summary). */
function ThreadTable({ rows, last, t }: { rows: ThreadRow[]; last: number; t: Translate }) {
  return (
    <table className="sr-only" data-testid="thread-table">
      <caption>{t('threads.table')}</caption>
      <thead><tr><th scope="col">{t('threads.col.thread')}</th><th scope="col">{t('threads.col.when')}</th><th scope="col">{t('threads.col.what')}</th></tr></thead>
      <tbody>
        {rows.flatMap((r) => {
          if (r.startRec < 0 || r.startRec > last) return [];
          const out = [<tr key={`${r.prog}-s`}><th scope="row">{r.name}</th><td>{formatTime(r.start)}</td><td>{t(r.spawned ? 'threads.startedSpawn' : 'threads.started')}</td></tr>];
          r.activities.forEach((a, k) => {
            if (a.kind === 'blocked') {
              if (a.fromRec > last) return;
              const done = a.toRec >= 0 && a.toRec <= last;
              out.push(<tr key={`${r.prog}-${k}`} data-kind={a.wait}><th scope="row">{r.name}</th>
                <td>{done ? `${formatTime(a.from)}–${formatTime(a.to)}` : t('threads.spanOpen', { from: formatTime(a.from) })}</td>
                <td>{`${t(WAIT_KEY[a.wait])}: ${callText({ op: a.op, on: a.on, error: done ? a.error : undefined })}`}</td></tr>);
            } else {
              const calls = a.calls.filter((c) => c.rec <= last);
              if (calls.length) out.push(<tr key={`${r.prog}-${k}`} data-kind="calls"><th scope="row">{r.name}</th><td>{formatTime(a.at)}</td><td>{`${t('threads.calls')}: ${calls.map(callText).join(', ')}`}</td></tr>);
            }
          });
          if (r.endRec >= 0 && r.endRec <= last) out.push(<tr key={`${r.prog}-e`}><th scope="row">{r.name}</th><td>{formatTime(r.end)}</td><td>{t('threads.ended')}</td></tr>);
          return out;
        })}
      </tbody>
    </table>
  );
}

export function ThreadChart({ run }: { run: TraceView }) {
  const t = useT();
  const { now, last } = useCursorMoment();
  const [box, width] = useWidth<HTMLDivElement>(360);
  const data = useMemo(() => threadActivity(run.scenario, run.trace), [run]);
  const title = t('lesson.view.threads');
  if (!data) return <figure className="chart threads"><figcaption>{title}</figcaption><p className="muted">{t('chart.none')}</p></figure>;
  const W = width;
  const LW = Math.round(Math.min(150, Math.max(100, W * 0.34)));
  const right = W - 12;
  const span = data.t1 - data.t0;
  const sx = (x: number) => LW + ((Math.min(Math.max(x, data.t0), data.t1) - data.t0) / span) * (right - LW);
  const H = TOP + data.rows.length * ROW_H + AXIS_H;
  const axisY = TOP + data.rows.length * ROW_H;
  const ticks = niceTicks(data.t0, data.t1, Math.max(2, Math.floor((right - LW) / 64)));
  const kinds = new Set(data.rows.flatMap((r) => r.activities.map((a) => (a.kind === 'blocked' ? a.wait : 'calls'))));
  const summary = t('threads.summary', {
    host: hostLabel(t, data.host), n: data.rows.length, t: formatTime(now),
    rows: data.rows.map((r) => t('threads.rowSummary', { name: r.name, status: statusText(t, statusAt(r, last)) })).join('; '),
  });
  return (
    <figure className="chart threads" data-testid="thread-chart">
      <figcaption>{title} · {hostLabel(t, data.host)}</figcaption>
      <div ref={box} className="chart-box">
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
          <defs>
            <pattern id="thread-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="6" className="hatch" />
            </pattern>
          </defs>
          {data.rows.map((r, i) => <Row key={r.prog} row={r} i={i} sx={sx} now={now} last={last} W={W} LW={LW} t={t} />)}
          <line className="axis" x1={LW} x2={right} y1={axisY} y2={axisY} />
          {ticks.map((v) => {
            const x = sx(v);
            return (
              <g key={v}>
                <line className="axis" x1={x} x2={x} y1={axisY} y2={axisY + 4} />
                <text className="tick" x={x} y={axisY + 15} textAnchor={x > right - 24 ? 'end' : 'middle'}>{formatTime(v)}</text>
              </g>
            );
          })}
          {last >= 0 && <line className="now" x1={sx(now)} x2={sx(now)} y1={TOP} y2={axisY}><title>{`${t('chart.now')}: ${formatTime(now)}`}</title></line>}
        </svg>
      </div>
      <ul className="legend">
        {WAITS.filter((k) => kinds.has(k)).map((k) => <li key={k}><span className={`swatch w-${k}`} />{t(WAIT_KEY[k])}</li>)}
        {kinds.has('calls') && <li><span className="swatch tick" />{t('threads.calls')}</li>}
        <li><span className="swatch now" />{t('chart.now')}</li>
      </ul>
      <ThreadTable rows={data.rows} last={last} t={t} />
    </figure>
  );
}
