// The figure a lesson step brings forward: the layers and encapsulation of the packet at the
// cursor, the congestion window over time, the time–sequence (Stevens) graph, or what each thread
// of the server does over time — each drawn from the run on screen up to the cursor.
import { useMemo } from 'react';
import { useT } from '../../i18n/useT';
import type { StepView, TraceView } from '../../lessons';
import type { TraceRecord } from '../../sim/trace/records';
import { LayersFigure } from './LayersFigure';
import { Chart, type Series, type Span } from './Chart';
import { ThreadChart } from './ThreadChart';
import { useCursorMoment } from './figureHooks';


/** The host whose records of `type` are most numerous: the sender of a bulk transfer. */
function busiest(v: TraceView, pick: (r: TraceView['trace'][number]) => string | null): string | null {
  const n = new Map<string, number>();
  for (const r of v.trace) { const h = pick(r); if (h) n.set(h, (n.get(h) ?? 0) + 1); }
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

type Of<T extends TraceRecord['type']> = Extract<TraceRecord, { type: T }>;

/** Records of `type` that pass `pred`, each with its index in the trace. */
function indexed<T extends TraceRecord['type']>(run: TraceView, type: T, pred: (r: Of<T>) => boolean): Array<{ r: Of<T>; i: number }> {
  const out: Array<{ r: Of<T>; i: number }> = [];
  run.trace.forEach((r, i) => { if (r.type === type && pred(r as Of<T>)) out.push({ r: r as Of<T>, i }); });
  return out;
}

function CwndChart({ run }: { run: TraceView }) {
  const t = useT();
  const { now, last } = useCursorMoment();
  const series = useMemo((): Series[] => {
    const host = busiest(run, (r) => (r.type === 'cwnd' ? r.host : null));
    const recs = indexed(run, 'cwnd', (c) => c.host === host);
    const cap = Math.max(...recs.map(({ r }) => r.cwnd), 1) * 1.3;
    return [
      { id: 'cwnd', label: t('chart.cwnd'), className: 'line-cwnd', points: recs.map(({ r, i }) => [r.t, r.cwnd, i]), step: true },
      { id: 'ssthresh', label: t('chart.ssthresh'), className: 'line-ssthresh', points: recs.filter(({ r }) => r.ssthresh < cap).map(({ r, i }) => [r.t, r.ssthresh, i]), step: true },
    ];
  }, [run, t]);
  return <Chart title={t('lesson.view.cwnd')} series={series} now={now} last={last} xLabel={t('chart.time')} yLabel={t('chart.bytes')} zeroBased />;
}

/**
 * The time–sequence graph as tcptrace draws it: each data segment the sender sends is a vertical
 * line from its first to its last byte at the time it leaves, retransmissions in their own colour
 * and numbered (×2, ×3: the same bytes sent again), the ACKs that come back as a step line.
 */
function StevensChart({ run }: { run: TraceView }) {
  const t = useT();
  const { now, last } = useCursorMoment();
  const series = useMemo((): Series[] => {
    const host = busiest(run, (r) => (r.type === 'segment' && r.event === 'send' && r.len > 0 ? r.from : null));
    const sent = indexed(run, 'segment', (s) => s.event === 'send' && s.from === host && s.len > 0);
    const times = new Map<number, number>();
    const first: Span[] = [];
    const again: Span[] = [];
    for (const { r: s, i } of sent) {
      const n = (times.get(s.rseq) ?? 0) + 1;
      times.set(s.rseq, n);
      const span: Span = { x: s.t, y0: s.rseq, y1: s.rseq + s.len, rec: i };
      if (n > 1 || (s.note ?? '').includes('retransmit')) again.push({ ...span, note: t('chart.times', { n: Math.max(n, 2) }) });
      else first.push(span);
    }
    // ACKs from before the first data byte (the handshake's) say nothing about the data.
    const from = sent[0]?.i ?? 0;
    const acks = indexed(run, 'segment', (s) => s.event === 'deliver' && s.to === host && s.flags.includes('ACK'));
    return [
      { id: 'sent', label: t('chart.segment'), className: 'span-sent', spans: first },
      { id: 'retransmit', label: t('chart.retransmit'), className: 'span-retransmit', spans: again },
      { id: 'ack', label: t('chart.ack'), className: 'line-ack', points: acks.filter(({ i }) => i > from).map(({ r, i }) => [r.t, r.rack, i]), step: true },
    ];
  }, [run, t]);
  return <Chart title={t('lesson.view.stevens')} series={series} now={now} last={last} xLabel={t('chart.time')} yLabel={t('chart.seq')} />;
}

export function StepFigure({ view, run }: { view: StepView; run: TraceView }) {
  if (view === 'layers' || view === 'encapsulation') return <LayersFigure run={run} encapsulation={view === 'encapsulation'} />;
  if (view === 'cwnd') return <CwndChart run={run} />;
  if (view === 'stevens') return <StevensChart run={run} />;
  if (view === 'threads') return <ThreadChart run={run} />;
  return null;
}
