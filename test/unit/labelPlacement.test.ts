// @vitest-environment node
// Labels on a crowded diagram: never on top of each other, never over a note or a packet's dot,
// identical packets in flight counted once (×N), this step's packets always named in full, and
// an arrived packet's label decided by the past alone.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boxesOverlap, placeLabels, textWidth, type Box } from '../../src/ui/stage/labelPlacement';
import { placeInFlightLabels, placeSettledLabels, type FlightText, type HeadPos, type LabelMetrics } from '../../src/ui/stage/flightLabels';
import { diagramLabels } from '../../src/ui/stage/diagramLabels';
import { layoutDiagram } from '../../src/ui/stage/diagramLayout';
import { createTimeline, type Flight } from '../../src/timeline';
import { simulate } from '../../src/sim';
import { builtinScenario } from '../../src/scenarios/builtin';

const metrics: LabelMetrics = { charW: 7.4, tagCharW: 6.8, pillH: 22, tagH: 13, row: 32, minX: 66, maxX: 616 };
const words = { retransmission: 'retransmission', duplicate: 'duplicate', lost: 'lost' };

function flight(index: number, sendStep: number): Flight {
  return {
    index, id: index + 1, copy: 0, kind: 'segment', sendRec: index, endRec: -1, fate: 'pending', sendStep, endStep: sendStep + 20,
    fromSock: 0, toSock: 1, fromHost: 'a', toHost: 'b', retransmit: false,
  };
}

function noOverlaps(boxes: readonly Box[], others: readonly Box[] = []) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i], boxes[j]), `labels ${i} and ${j}`).toBe(false);
    for (const o of others) expect(boxesOverlap(boxes[i], o), `label ${i} over an obstacle`).toBe(false);
  }
}

describe('placeLabels', () => {
  it('takes the first free spot and never covers an earlier label or an obstacle', () => {
    const spec = (id: number) => ({ id, texts: ['ACK seq=1 ack=4381'], widths: [150], height: 22, spots: [{ text: 0, x: 300, y: 100 }, { text: 0, x: 300, y: 132 }] });
    const wall: Box = { x0: 0, y0: 160, x1: 1000, y1: 200 };
    const placed = placeLabels([spec(0), spec(1), spec(2)], [wall]);
    expect(placed.map((p) => p.y)).toEqual([100, 132]); // the third has no free spot left
    noOverlaps(placed.map((p) => p.box), [wall]);
  });

  it('slides a label that sticks out of the drawing back inside', () => {
    const [p] = placeLabels([{ id: 0, texts: ['x'], widths: [100], height: 20, spots: [{ text: 0, x: 20, y: 50 }] }], [], { minX: 66, maxX: 600 });
    expect(p.box.x0).toBe(66);
  });

  it('measures CJK tags a full em wide', () => {
    expect(textWidth('重传', 6.8, 11)).toBe(22);
    expect(textWidth('lost', 6.8)).toBeCloseTo(27.2);
  });
});

describe('labels of packets in flight in one row', () => {
  // N packets in flight towards the right, sent at steps 0..N-1, seen at step N-1: their dots
  // sit in one row, close together, like a window of data segments or a run of duplicate ACKs.
  const row = (labels: string[], spread: number) => {
    const n = labels.length;
    const heads: HeadPos[] = labels.map((_, i) => {
      const frac = (n - 1 - i) / Math.max(n, 2);
      return { flight: flight(i, i), x: 100 + spread * frac, y: 400, frac, dir: 1 };
    });
    const texts: FlightText[] = labels.map((full) => ({ full, compact: full.split(' ').pop()!, tags: [], tone: 'ack', group: `0>1|${full}|` }));
    return { heads, texts };
  };

  it('no two labels overlap, none covers a dot, all stay in the drawing (any N, any labels)', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('ACK seq=1 ack=4381', 'ACK seq=1 ack=1461 win=64128', 'ACK seq=10221 ack=1 len=1460', 'SYN seq=0'), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 60, max: 500 }),
      (labels, spread) => {
        const { heads, texts } = row(labels, spread);
        const placed = placeInFlightLabels(heads, texts, [], { ...metrics, current: labels.length - 1, tracks: 3 });
        const dots = heads.map((h) => ({ x0: h.x - 5, y0: h.y - 5, x1: h.x + 5, y1: h.y + 5 }));
        noOverlaps(placed.map((p) => p.box), dots);
        for (const p of placed) {
          expect(p.box.x0).toBeGreaterThanOrEqual(metrics.minX - 1e-9);
          expect(p.box.x1).toBeLessThanOrEqual(metrics.maxX + 1e-9);
        }
        // Each packet is in at most one label.
        const members = placed.flatMap((p) => p.members);
        expect(new Set(members).size).toBe(members.length);
      },
    ), { numRuns: 200 });
  });

  it('counts identical packets once: ten duplicate ACKs are one label ×10', () => {
    const { heads, texts } = row(Array(10).fill('ACK seq=1 ack=4381'), 300);
    const placed = placeInFlightLabels(heads, texts, [], { ...metrics, current: 9, tracks: 3 });
    expect(placed).toHaveLength(1);
    expect(placed[0].text).toBe('ACK seq=1 ack=4381 ×10');
    expect(placed[0].members).toHaveLength(10);
    // Tied to every one of its dots.
    expect(placed[0].leaders.length).toBeGreaterThanOrEqual(9);
  });

  it("names this step's packet in full even in a crowded row; older ones may use their short name", () => {
    const labels = Array.from({ length: 12 }, (_, i) => `ACK seq=${1 + i * 1460} ack=1 len=1460`);
    const { heads, texts } = row(labels, 240);
    const placed = placeInFlightLabels(heads, texts, [], { ...metrics, current: 11, tracks: 3 });
    const newest = placed.find((p) => p.members.includes(11))!;
    expect(newest.text).toBe(labels[11]);
    expect(placed.filter((p) => p.short).length).toBeGreaterThan(0);
    expect(placed.filter((p) => p.short).every((p) => /^seq=\d+$|^len=1460$/.test(p.text))).toBe(true);
  });

  it('keeps clear of the notes of the row', () => {
    const { heads, texts } = row(['SYN seq=0'], 100);
    const note: Box = { x0: 60, y0: 392, x1: 400, y1: 408 };
    const [p] = placeInFlightLabels(heads, texts, [note], { ...metrics, current: 0, tracks: 3 });
    expect(boxesOverlap(p.box, note)).toBe(false);
    expect(p.leaders).toHaveLength(1);
  });
});

describe('on real runs', () => {
  const run = (id: string) => createTimeline(simulate(builtinScenario(id)!).trace);

  for (const [id, width, lecture] of [['loss-retransmit', 620, false], ['loss-retransmit', 665, false], ['loss-retransmit', 690, false], ['backlog-overflow', 620, false], ['backlog-overflow', 1240, true], ['zero-window', 620, false], ['sticky-tcp-vs-udp', 620, false]] as const) {
    it(`${id} at ${width} px${lecture ? ' (lecture)' : ''}: at every step no label covers another, a note or a dot`, () => {
      const tl = run(id);
      const L = layoutDiagram(tl, width, { row: lecture ? 44 : 32 });
      const d = diagramLabels(tl, L, { numbers: 'relative', lecture, words });
      const settled = d.flights.flatMap((f) => (f.box ? [f.box] : []));
      noOverlaps(settled, d.notes.flatMap((n) => (n ? [n.box] : [])));
      let labelled = 0;
      for (let c = 1; c <= tl.length; c++) {
        const view = tl.viewAt(c);
        const { heads, labels } = d.inFlightAt(c - 1, view.inFlight);
        const dots = heads.map((h) => ({ x0: h.x - 5, y0: h.y - 5, x1: h.x + 5, y1: h.y + 5 }));
        const arrived = tl.flights.filter((f) => f.endStep <= c - 1 && d.flights[f.index].box).map((f) => d.flights[f.index].box!);
        noOverlaps(labels.map((l) => l.box), [...dots, ...arrived.filter((b) => b.y1 > L.y(c - 1) - 40)]);
        // The packets this step sent are always labelled, in full.
        for (const h of heads.filter((x) => x.flight.sendStep === c - 1)) {
          const l = labels.find((x) => x.members.includes(h.flight.index));
          expect(l, `step ${c}: packet ${h.flight.id}`).toBeDefined();
          expect(l!.short).toBe(false);
        }
        labelled += labels.reduce((n, l) => n + l.members.length, 0);
      }
      expect(labelled).toBeGreaterThan(0);
    });
  }

  for (const [id, width] of [['echo', 620], ['close-client-first', 620], ['handshake', 620], ['half-close', 900]] as const) {
    it(`${id} at ${width} px: with room to spare every packet carries its full Wireshark label, in flight and arrived alike`, () => {
      const tl = run(id);
      const L = layoutDiagram(tl, width, { row: 32 });
      const d = diagramLabels(tl, L, { numbers: 'relative', lecture: false, words });
      for (const f of tl.flights) {
        const rec = tl.trace[f.sendRec];
        // Data and ACKs say their window too, like the SYN-ACK.
        if (rec.type === 'segment' && rec.flags.includes('ACK')) expect(d.texts[f.index].full).toMatch(/ win=\d+/);
        if (Number.isFinite(f.endStep)) expect(d.flights[f.index].label?.text, `packet ${f.id} arrived`).toBe(d.texts[f.index].full);
      }
      for (let c = 1; c <= tl.length; c++) {
        const { labels } = d.inFlightAt(c - 1, tl.viewAt(c).inFlight);
        for (const l of labels) expect(l.text, `step ${c}`).toBe(d.texts[l.members[0]].full + (l.members.length > 1 ? ` ×${l.members.length}` : ''));
        expect(labels.reduce((n, l) => n + l.members.length, 0), `step ${c}: every packet in flight is labelled`).toBe(tl.viewAt(c).inFlight.length);
      }
    });
  }

  it('a crowded row falls back name by name: a short name only where the longer ones found no room', () => {
    const tl = run('loss-retransmit');
    const L = layoutDiagram(tl, 620, { row: 32 });
    const d = diagramLabels(tl, L, { numbers: 'relative', lecture: false, words });
    let shortened = 0;
    for (let c = 1; c <= tl.length; c++) {
      const { labels } = d.inFlightAt(c - 1, tl.viewAt(c).inFlight);
      for (const l of labels) {
        const names = d.texts[l.members[0]].levels!.map((x) => x + (l.members.length > 1 ? ` ×${l.members.length}` : ''));
        expect(names).toContain(l.text);
        if (!l.short) continue;
        shortened++;
        // Any longer name, put where the label is, would cover another label or a dot.
        const others = labels.filter((o) => o !== l).map((o) => o.box);
        for (const longer of names.slice(0, names.indexOf(l.text))) {
          const w = textWidth(longer, d.metrics.charW) + 16;
          const box = { x0: l.x - w / 2, y0: l.box.y0, x1: l.x + w / 2, y1: l.box.y1 };
          const clear = !others.some((o) => boxesOverlap(box, o, 3)) && box.x0 >= d.metrics.minX && box.x1 <= d.metrics.maxX;
          const dots = d.inFlightAt(c - 1, tl.viewAt(c).inFlight).heads.map((h) => ({ x0: h.x - 6, y0: h.y - 6, x1: h.x + 6, y1: h.y + 6 }));
          expect(clear && !dots.some((o) => boxesOverlap(box, o)), `step ${c}: "${longer}" would have fitted where "${l.text}" is`).toBe(false);
        }
      }
    }
    expect(shortened).toBeGreaterThan(0);
  });

  it("an arrived packet's label depends on the past only", () => {
    const tl = run('loss-retransmit');
    const L = layoutDiagram(tl, 620, { row: 32 });
    const d = diagramLabels(tl, L, { numbers: 'relative', lecture: false, words });
    const k = 45;
    // The same run as seen at step k: whatever arrives later has not arrived yet.
    const past = tl.flights.map((f) => (f.endStep <= k ? f : { ...f, endStep: Infinity, fate: 'pending' as const }));
    const again = placeSettledLabels(past, d.flights.map((f) => f.geo), d.texts, d.notes.flatMap((n) => (n ? [n.box] : [])), d.metrics);
    for (const f of tl.flights.filter((x) => x.endStep <= k)) expect(again[f.index]?.box).toEqual(d.flights[f.index].box ?? undefined);
  });
});
