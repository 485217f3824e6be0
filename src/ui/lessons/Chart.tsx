// A small SVG chart for lesson figures: lines (stepped) and vertical spans over time, drawn only up
// to the cursor (by trace record, so what happens later at the same virtual time — the answer to a
// prediction — is not drawn yet) and growing as the run plays; the axes span the whole run so nothing
// jumps. Drawn at the size it is shown (text stays readable), with "nice" ticks, the y label above
// the plot and the end ticks kept inside it.
import { useT } from '../../i18n/useT';
import { niceTicks, useWidth } from './figureHooks';

export interface Span {
  x: number;
  /** The trace record it comes from: drawn once the cursor has applied it. */
  rec: number;
  y0: number;
  y1: number;
  /** A short mark beside it, e.g. "×3" for the third transmission of the same bytes. */
  note?: string;
}

export interface Series {
  id: string;
  label: string;
  className: string;
  /** [x, y, trace record] */
  points?: [number, number, number][];
  step?: boolean;
  /** Vertical strokes from y0 to y1 at x (a segment's bytes on a time–sequence graph). */
  spans?: Span[];
}

const H = 176;
const PAD = { l: 44, r: 14, t: 20, b: 30 };

const fmt = (n: number) => (Math.abs(n) >= 10000 ? `${+(n / 1000).toFixed(1)}k` : String(+n.toFixed(2)));

export function Chart({ title, series, now, last, xLabel, yLabel, zeroBased = false }: {
  title: string; series: Series[];
  /** The cursor: its virtual time and the last trace record applied. */
  now: number; last: number;
  xLabel: string; yLabel: string;
  /** The y axis starts at 0 (a size) rather than just below the data (a sequence number). */
  zeroBased?: boolean;
}) {
  const t = useT();
  const [box, W] = useWidth<HTMLDivElement>(340);
  const xs = series.flatMap((s) => [...(s.points ?? []).map((p) => p[0]), ...(s.spans ?? []).map((p) => p.x)]);
  const ys = series.flatMap((s) => [...(s.points ?? []).map((p) => p[1]), ...(s.spans ?? []).flatMap((p) => [p.y0, p.y1])]);
  if (xs.length === 0) return <figure className="chart"><figcaption>{title}</figcaption><p className="muted">{t('chart.none')}</p></figure>;
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const xPad = (xMax - xMin) * 0.03;
  const x0 = Math.max(0, xMin - xPad);
  const x1 = xMax + xPad;
  const yMin = zeroBased ? 0 : Math.min(...ys);
  const yMax = Math.max(...ys, yMin + 1);
  const yPad = Math.max(1, (yMax - yMin) * 0.08);
  const y0 = zeroBased ? 0 : Math.max(0, yMin - yPad);
  const y1 = yMax + yPad;
  const right = W - PAD.r;
  const bottom = H - PAD.b;
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0)) * (right - PAD.l);
  const sy = (y: number) => bottom - ((y - y0) / (y1 - y0)) * (bottom - PAD.t);
  const shown = <T,>(items: T[] | undefined, rec: (i: T) => number) => (items ?? []).filter((p) => rec(p) <= last);
  const path = (s: Series) => {
    const pts = shown(s.points, (p) => p[2]);
    if (pts.length === 0) return '';
    let d = `M${sx(pts[0][0]).toFixed(1)},${sy(pts[0][1]).toFixed(1)}`;
    for (let i = 1; i < pts.length; i++) {
      if (s.step) d += `H${sx(pts[i][0]).toFixed(1)}`;
      d += `L${sx(pts[i][0]).toFixed(1)},${sy(pts[i][1]).toFixed(1)}`;
    }
    // A stepped value holds until the cursor (the ACK number stays until the next ACK).
    if (s.step && now > pts[pts.length - 1][0]) d += `H${sx(Math.min(now, x1)).toFixed(1)}`;
    return d;
  };
  const yTicks = niceTicks(y0, y1, 4).filter((v) => v >= y0 && v <= y1);
  const xTicks = niceTicks(x0, x1, Math.max(2, Math.floor((right - PAD.l) / 70))).filter((v) => v >= x0 && v <= x1);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="chart-box">
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${series.map((s) => s.label).join(', ')}`}>
          <text className="axis-label" x={PAD.l} y={11}>{yLabel}</text>
          {yTicks.map((v) => (
            <g key={`y${v}`}>
              <line className="grid" x1={PAD.l} x2={right} y1={sy(v)} y2={sy(v)} />
              <text className="tick" x={PAD.l - 4} y={sy(v)} dy="0.32em" textAnchor="end">{fmt(v)}</text>
            </g>
          ))}
          {xTicks.map((v) => {
            const x = sx(v);
            return <text key={`x${v}`} className="tick" x={x} y={bottom + 13} textAnchor={x > right - 16 ? 'end' : x < PAD.l + 16 ? 'start' : 'middle'}>{fmt(v)}</text>;
          })}
          <line className="axis" x1={PAD.l} y1={bottom} x2={right} y2={bottom} />
          <line className="axis" x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={bottom} />
          <text className="axis-label" x={right} y={H - 3} textAnchor="end">{xLabel}</text>
          {series.map((s) => (
            <g key={s.id} className={s.className} data-series={s.id}>
              {s.points && <path d={path(s)} fill="none" />}
              {shown(s.spans, (p) => p.rec).map((p, i) => {
                const x = sx(p.x);
                const top = sy(p.y1);
                const bot = Math.max(sy(p.y0), top + 3);
                return (
                  <g key={i} className="span">
                    <line x1={x} x2={x} y1={top} y2={bot} />
                    <line x1={x - 2.5} x2={x + 2.5} y1={top} y2={top} />
                    <line x1={x - 2.5} x2={x + 2.5} y1={bot} y2={bot} />
                    {p.note && <text className="span-note" x={x + 4} y={top} dy="0.7em">{p.note}</text>}
                  </g>
                );
              })}
            </g>
          ))}
          {last >= 0 && now >= x0 && now <= x1 && <line className="now" x1={sx(now)} y1={PAD.t} x2={sx(now)} y2={bottom}><title>{t('chart.now')}</title></line>}
        </svg>
      </div>
      <ul className="legend">
        {series.filter((s) => (s.points?.length ?? 0) + (s.spans?.length ?? 0) > 0).map((s) => (
          <li key={s.id}><span className={`swatch ${s.className}${s.spans ? ' span-swatch' : ''}`} />{s.label}</li>
        ))}
        <li><span className="swatch now" />{t('chart.now')}</li>
      </ul>
    </figure>
  );
}
