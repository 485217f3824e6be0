// A small SVG chart for lesson figures: lines (stepped) and dots over time, drawn only up to the
// cursor's time so the graph grows as the run plays; the axes span the whole run so nothing jumps.
import { useT } from '../../i18n/useT';

export interface Series {
  id: string;
  label: string;
  className: string;
  points: [number, number][];
  step?: boolean;
  dots?: boolean;
}

const W = 320;
const H = 180;
const PAD = { l: 46, r: 10, t: 12, b: 30 };

const fmt = (n: number) => (Math.abs(n) >= 10000 ? `${Math.round(n / 1000)}k` : String(Math.round(n)));

export function Chart({ title, series, now, xLabel, yLabel }: { title: string; series: Series[]; now: number; xLabel: string; yLabel: string }) {
  const t = useT();
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="muted">{t('chart.none')}</p>;
  const x0 = Math.min(...all.map((p) => p[0]));
  const x1 = Math.max(...all.map((p) => p[0]), x0 + 1);
  const y1 = Math.max(...all.map((p) => p[1]), 1) * 1.05;
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - (y / y1) * (H - PAD.t - PAD.b);
  const shown = (s: Series) => s.points.filter((p) => p[0] <= now);
  const path = (s: Series) => {
    const pts = shown(s);
    if (pts.length === 0) return '';
    let d = `M${sx(pts[0][0]).toFixed(1)},${sy(pts[0][1]).toFixed(1)}`;
    for (let i = 1; i < pts.length; i++) {
      if (s.step) d += `H${sx(pts[i][0]).toFixed(1)}`;
      d += `L${sx(pts[i][0]).toFixed(1)},${sy(pts[i][1]).toFixed(1)}`;
    }
    return d;
  };
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${series.map((s) => s.label).join(', ')}`}>
        <line className="axis" x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} />
        <line className="axis" x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <text className="tick" x={PAD.l - 4} y={sy(f * y1) + 4} textAnchor="end">{fmt(f * y1)}</text>
            <text className="tick" x={sx(x0 + f * (x1 - x0))} y={H - PAD.b + 14} textAnchor="middle">{fmt(x0 + f * (x1 - x0))}</text>
          </g>
        ))}
        <text className="axis-label" x={W - PAD.r} y={H - 2} textAnchor="end">{xLabel}</text>
        <text className="axis-label" x={4} y={PAD.t - 2}>{yLabel}</text>
        {series.map((s) => (s.dots
          ? <g key={s.id} className={s.className}>{shown(s).map((p, i) => <circle key={i} cx={sx(p[0])} cy={sy(p[1])} r={2.6} />)}</g>
          : <path key={s.id} className={s.className} d={path(s)} fill="none" />))}
        {now >= x0 && now <= x1 && <line className="now" x1={sx(now)} y1={PAD.t} x2={sx(now)} y2={H - PAD.b}><title>{t('chart.now')}</title></line>}
      </svg>
      <ul className="legend">
        {series.filter((s) => s.points.length > 0).map((s) => <li key={s.id}><span className={`swatch ${s.className}`} />{s.label}</li>)}
      </ul>
    </figure>
  );
}
