// @vitest-environment node
// "Drop this packet" against the real simulator: the past stays exactly as it was (determinism)
// and the consequences — the drop, then the retransmission — play out after the cursor.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim';
import { createAppStore, type Runner } from '../../src/store';
import { builtinScenario } from '../../src/scenarios/builtin';

/** What the stage shows at a step: a packet in flight shows where it is (its progress too), not how its trip will end. */
function visible(view: unknown): string {
  return JSON.stringify(view, (k, v) => (['fate', 'endRec', 'endStep'].includes(k) ? undefined : v));
}

const runner: Runner = async (s) => {
  const r = simulate(s);
  return { trace: r.trace, packets: r.packets };
};

describe('drop this packet (real simulator)', () => {
  for (const id of ['handshake', 'echo']) {
    it(`${id}: dropping the SYN in flight keeps everything seen so far and leads to its retransmission`, async () => {
      const store = createAppStore({ runner });
      await store.getState().setScenario(builtinScenario(id)!, { key: id });
      const s = () => store.getState();
      while (!s().view!.inFlight.some((f) => f.flight.id === 1)) s().stepForward();
      const cursor = s().cursor;
      const seen = s().run!.trace.slice(0, s().run!.timeline.steps[cursor - 1].last + 1);
      const before = visible(s().view);

      expect(await s().dropPacket(1)).toBe(true);
      expect(s().scenario!.faults).toContainEqual({ drop: { id: 1 } });
      expect(s().cursor).toBe(cursor);
      expect(s().run!.trace.slice(0, seen.length)).toEqual(seen);
      expect(visible(s().view)).toBe(before);

      const after = s().run!.trace.slice(seen.length);
      const drop = after.findIndex((r) => r.type === 'segment' && r.id === 1 && r.event === 'drop');
      const again = after.findIndex((r) => r.type === 'segment' && r.event === 'send' && r.note === 'syn-retransmit');
      expect(drop).toBeGreaterThanOrEqual(0);
      expect(again).toBeGreaterThan(drop);
    });
  }
});
