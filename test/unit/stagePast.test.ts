// @vitest-environment node
// "Drop this packet" re-simulates the run with that packet lost: everything the student has
// already seen must stay exactly where it was. The diagram at a step is drawn from the records at
// or before it (and a packet in flight from its own send record), never from how a trip ends.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim';
import { builtinScenario } from '../../src/scenarios/builtin';
import { createTimeline, type Timeline } from '../../src/timeline';
import { layoutDiagram } from '../../src/ui/stage/diagramLayout';
import { diagramLabels } from '../../src/ui/stage/diagramLabels';
import type { Scenario } from '../../src/scenarios/schema';

const words = { retransmission: 'retransmission', duplicate: 'duplicate', lost: 'lost' };

function drawing(scenario: Scenario, width = 620) {
  const tl = createTimeline(simulate(scenario).trace);
  const L = layoutDiagram(tl, width, { row: 32, hosts: Object.keys(scenario.hosts) });
  return { tl, L, d: diagramLabels(tl, L, { numbers: 'relative', lecture: false, words }) };
}

/** What the diagram shows at cursor c: packets in flight (dot, arrow start, label), arrived packets. */
function picture({ tl, d }: ReturnType<typeof drawing>, c: number): string {
  const current = c - 1;
  const { heads, labels } = d.inFlightAt(current, tl.viewAt(c).inFlight);
  return JSON.stringify({
    heads: heads.map((h) => [h.flight.id, h.flight.copy, h.x, h.y, d.flights[h.flight.index].geo.x0, d.flights[h.flight.index].geo.y0]),
    labels: labels.map((l) => [l.text, l.x, l.y, l.members.map((i) => tl.flights[i].id)]),
    arrived: tl.flights.filter((f) => f.endStep <= current).map((f) => [f.id, f.copy, f.fate, d.flights[f.index].geo, d.flights[f.index].label]),
  });
}

/** Steps both runs share: every record up to the step's end is the same. */
function sharedSteps(a: Timeline, b: Timeline): number {
  let k = 0;
  while (k < a.steps.length && k < b.steps.length && a.steps[k].last === b.steps[k].last
    && JSON.stringify(a.trace.slice(a.steps[k].first, a.steps[k].last + 1)) === JSON.stringify(b.trace.slice(b.steps[k].first, b.steps[k].last + 1))) k++;
  return k;
}

describe('dropping a packet never changes the picture of the past', () => {
  it('echo: the ACK in flight stays where it was when the data segment sent after it is dropped', () => {
    const echo = builtinScenario('echo')!;
    const before = drawing(echo);
    const after = drawing({ ...echo, faults: [...(echo.faults ?? []), { drop: { id: 4 } }] });
    // Packet 3 (the handshake's last ACK) is in flight while packet 4 (the data) leaves.
    const c = before.tl.flights.find((f) => f.id === 4)!.sendStep + 1;
    expect(before.tl.viewAt(c).inFlight.map((f) => f.flight.id)).toEqual([3, 4]);
    expect(sharedSteps(before.tl, after.tl)).toBeGreaterThanOrEqual(c);
    for (let k = 1; k <= c; k++) expect(picture(after, k), `step ${k}`).toBe(picture(before, k));
  });

  for (const id of ['echo', 'handshake', 'close-client-first', 'loss-retransmit', 'zero-window', 'half-close']) {
    it(`${id}: whichever packet is dropped, every step before its consequences looks the same`, () => {
      const scenario = builtinScenario(id)!;
      const before = drawing(scenario);
      const ids = [...new Set(before.tl.flights.filter((f) => f.fate === 'deliver').map((f) => f.id))];
      let compared = 0;
      // A handful of packets spread over the run (every one of them in a short run).
      for (const pid of ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 8)) === 0)) {
        const after = drawing({ ...scenario, faults: [...(scenario.faults ?? []), { drop: { id: pid } }] });
        // Lanes are laid out for the whole run: compare only runs whose lanes did not change.
        if (JSON.stringify([...after.L.lanes.values()].map((l) => [l.key, l.x])) !== JSON.stringify([...before.L.lanes.values()].map((l) => [l.key, l.x]))) continue;
        const shared = sharedSteps(before.tl, after.tl);
        for (let k = 1; k <= shared; k++) expect(picture(after, k), `drop ${pid}, step ${k}`).toBe(picture(before, k));
        compared += shared;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});
