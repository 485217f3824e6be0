// The figure a lesson step brings forward: the layers and encapsulation of the packet at the
// cursor, the congestion window over time, or the time–sequence (Stevens) graph — each drawn from
// the run on screen up to the cursor.
import { useMemo } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectTimeline } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import type { StepView, TraceView } from '../../lessons';
import { LayersFigure } from './LayersFigure';
import { Chart, type Series } from './Chart';

/** Virtual time at the cursor (the last applied step's time). */
function useNow(): number {
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  return tl && cursor > 0 ? tl.steps[cursor - 1]?.t ?? 0 : 0;
}

/** The host whose records of `type` are most numerous: the sender of a bulk transfer. */
function busiest(v: TraceView, pick: (r: TraceView['trace'][number]) => string | null): string | null {
  const n = new Map<string, number>();
  for (const r of v.trace) { const h = pick(r); if (h) n.set(h, (n.get(h) ?? 0) + 1); }
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function CwndChart({ run }: { run: TraceView }) {
  const t = useT();
  const now = useNow();
  const series = useMemo((): Series[] => {
    const host = busiest(run, (r) => (r.type === 'cwnd' ? r.host : null));
    const recs = run.all('cwnd', (c) => c.host === host);
    const cap = Math.max(...recs.map((c) => c.cwnd), 1) * 1.3;
    return [
      { id: 'cwnd', label: t('chart.cwnd'), className: 'line-cwnd', points: recs.map((c) => [c.t, c.cwnd]), step: true },
      { id: 'ssthresh', label: t('chart.ssthresh'), className: 'line-ssthresh', points: recs.filter((c) => c.ssthresh < cap).map((c) => [c.t, c.ssthresh]), step: true },
    ];
  }, [run, t]);
  return <Chart title={t('lesson.view.cwnd')} series={series} now={now} xLabel={t('chart.time')} yLabel={t('chart.bytes')} />;
}

function StevensChart({ run }: { run: TraceView }) {
  const t = useT();
  const now = useNow();
  const series = useMemo((): Series[] => {
    const host = busiest(run, (r) => (r.type === 'segment' && r.event === 'send' && r.len > 0 ? r.from : null));
    const sent = run.all('segment', (s) => s.event === 'send' && s.from === host && s.len > 0);
    const acks = run.all('segment', (s) => s.event === 'deliver' && s.to === host && s.flags.includes('ACK'));
    const re = (note?: string) => (note ?? '').includes('retransmit');
    return [
      { id: 'sent', label: t('chart.sent'), className: 'dot-sent', points: sent.filter((s) => !re(s.note)).map((s) => [s.t, s.rseq]), dots: true },
      { id: 'retransmit', label: t('chart.retransmit'), className: 'dot-retransmit', points: sent.filter((s) => re(s.note)).map((s) => [s.t, s.rseq]), dots: true },
      { id: 'ack', label: t('chart.ack'), className: 'line-ack', points: acks.map((a) => [a.t, a.rack]), step: true },
    ];
  }, [run, t]);
  return <Chart title={t('lesson.view.stevens')} series={series} now={now} xLabel={t('chart.time')} yLabel={t('chart.seq')} />;
}

export function StepFigure({ view, run }: { view: StepView; run: TraceView }) {
  if (view === 'layers' || view === 'encapsulation') return <LayersFigure run={run} encapsulation={view === 'encapsulation'} />;
  if (view === 'cwnd') return <CwndChart run={run} />;
  if (view === 'stevens') return <StevensChart run={run} />;
  return null;
}
