// Everything the diagram writes beside its lines, for one run and layout: each flight's texts and
// geometry, where notes go, where arrived packets' labels go (once per run), and — per step —
// the dots and labels of the packets in flight. Pure (no React), so tests run it on real runs.
import type { Timeline, PacketRecord, FlightView } from '../../timeline';
import type { NumberMode } from '../../store/types';
import type { DiagramLayout } from './diagramLayout';
import { buildAnnotations, placeNotes, type Annotation, type NotePlacement } from './annotations';
import { flightGeometry, headAt, type FlightGeometry, type SettledLabel } from './FlightArrow';
import { labelLevels, packetTone } from './packetLabel';
import {
  pillWidth, placeInFlightLabels, placeSettledLabels, type FlightText, type HeadPos, type InFlightLabel, type LabelMetrics,
} from './flightLabels';
import { textWidth, type Box } from './labelPlacement';

/** Rows a label of a packet in flight may use: the current one and the (empty) ones below it. */
export const LABEL_TRACKS = 3;

export interface DiagramWords {
  retransmission: string;
  duplicate: string;
  lost: string;
}

export interface FlightDrawing {
  geo: FlightGeometry;
  text: FlightText;
  /** The arrived packet's label (null: no room). */
  label: SettledLabel | null;
  box: Box | null;
}

export interface DiagramLabels {
  metrics: LabelMetrics;
  annotations: Annotation[];
  notes: Array<NotePlacement | null>;
  flights: FlightDrawing[];
  texts: FlightText[];
  /** The packets in flight at step `current`: their dots and labels. */
  /** `avoid`: more boxes no label may cover (dense mode: where the packets drawn as paths are). */
  inFlightAt(current: number, inFlight: readonly FlightView[], avoid?: readonly Box[]): { heads: HeadPos[]; labels: InFlightLabel[] };
}

/** Label sizes matching diagram.css (monospace labels: one width per character). */
export function labelMetrics(layout: DiagramLayout, lecture: boolean, lost: string): LabelMetrics {
  return {
    charW: lecture ? 9.8 : 7.4, tagCharW: lecture ? 8.6 : 6.8, pillH: lecture ? 28 : 22, tagH: lecture ? 17 : 13,
    row: layout.row, minX: layout.gutter + 2, maxX: layout.width - 4, lostW: textWidth(lost, lecture ? 8.6 : 6.8),
  };
}

export function diagramLabels(
  tl: Timeline, layout: DiagramLayout, opts: { numbers: NumberMode; lecture: boolean; words: DiagramWords },
): DiagramLabels {
  const metrics = labelMetrics(layout, opts.lecture, opts.words.lost);
  const annotations = buildAnnotations(tl);
  const notes = placeNotes(annotations, layout, opts.lecture ? 9.8 : 7.6, opts.lecture ? 20 : 16);
  const texts: FlightText[] = tl.flights.map((f) => {
    const rec = tl.trace[f.sendRec] as PacketRecord;
    // The same names for a packet in flight and once it arrived: the full one wherever it fits.
    const levels = labelLevels(rec, { numbers: opts.numbers });
    const full = levels[0];
    const tags: string[] = [];
    if (f.retransmit) tags.push(opts.words.retransmission);
    if (f.copy > 0) tags.push(opts.words.duplicate);
    const path = `${layout.laneFor(f.fromSock, f.fromHost).key}>${layout.laneFor(f.toSock, f.toHost).key}`;
    return { full, compact: levels[levels.length - 1], levels, tags, tone: packetTone(rec), group: `${path}|${full}|${tags.join()}` };
  });
  const geos = tl.flights.map((f) => flightGeometry(f, layout, f.copy > 0));
  const settled = placeSettledLabels(tl.flights, geos, texts, notes.flatMap((n) => (n ? [n.box] : [])), metrics);
  const flights = tl.flights.map((_, i): FlightDrawing => {
    const pl = settled[i];
    return {
      geo: geos[i], text: texts[i], box: pl?.box ?? null,
      label: pl ? { x: pl.x, y: pl.y, text: pl.text, w: pillWidth(pl.text, metrics) } : null,
    };
  });
  // Arrived flights by the step they arrived in: the labels that may sit near the current row.
  const byEndStep = new Map<number, number[]>();
  for (const f of tl.flights) if (Number.isFinite(f.endStep)) byEndStep.set(f.endStep, [...(byEndStep.get(f.endStep) ?? []), f.index]);
  const notesAt = new Map<number, Box[]>();
  notes.forEach((n, i) => { if (n) notesAt.set(annotations[i].step, [...(notesAt.get(annotations[i].step) ?? []), n.box]); });

  const inFlightAt = (current: number, inFlight: readonly FlightView[], avoid: readonly Box[] = []) => {
    const y = layout.y(current);
    const heads = inFlight.map((fv) => headAt(fv.flight, geos[fv.flight.index], fv.progress, current, y));
    const obstacles: Box[] = [...(notesAt.get(current) ?? []), ...avoid];
    for (let k = current - 2; k <= current; k++) {
      for (const i of byEndStep.get(k) ?? []) { const b = flights[i].box; if (b) obstacles.push(b); }
    }
    return { heads, labels: placeInFlightLabels(heads, texts, obstacles, { ...metrics, current, tracks: LABEL_TRACKS }) };
  };
  return { metrics, annotations, notes, flights, texts, inFlightAt };
}
