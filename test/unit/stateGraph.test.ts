// @vitest-environment node
// The state-machine drawing: boxes wide enough for every RFC name at the drawn font, none on
// another, all inside the view; endpoint labels one line per host, never more than fit a row.
import { describe, expect, it } from 'vitest';
import { EDGES, MAX_WHO_LINES, NODES, NODE_H, NODE_W, VIEW_H, VIEW_W, labelAnchor, whoLines, type NodeId } from '../../src/ui/state-machine/stateGraph';

const ids = Object.keys(NODES) as NodeId[];

describe('state machine drawing', () => {
  it('every box holds its name (12 px monospace) and stays inside the view, apart from the others', () => {
    for (const id of ids) {
      const { x, y } = NODES[id];
      const name = id === 'CLOSED_END' ? 'CLOSED' : id;
      expect(name.length * 12 * 0.6 + 8, id).toBeLessThanOrEqual(NODE_W);
      expect(x - NODE_W / 2, id).toBeGreaterThanOrEqual(0);
      expect(x + NODE_W / 2, id).toBeLessThanOrEqual(VIEW_W);
      expect(y - NODE_H / 2, id).toBeGreaterThanOrEqual(0);
      // Two lines of endpoint labels fit under every box before the view's bottom.
      expect(y + NODE_H / 2 + 12 + (MAX_WHO_LINES - 1) * 13 + 4, id).toBeLessThanOrEqual(VIEW_H);
      for (const other of ids) {
        if (other === id) continue;
        const o = NODES[other];
        const apart = Math.abs(o.x - x) >= NODE_W + 4 || Math.abs(o.y - y) >= NODE_H + 2 * 13 + 8;
        expect(apart, `${id} / ${other}`).toBe(true);
      }
    }
    expect(EDGES.every((e) => NODES[e.from] && NODES[e.to])).toBe(true);
  });

  it('endpoint labels start inside the view: from the left edge on the left, the right edge on the right', () => {
    for (const id of ids) {
      const { x } = NODES[id];
      const a = labelAnchor(id);
      // The longest label ("server (not accepted yet)", ~11.5 px bold: 170 px) stays inside.
      const w = 170;
      const [left, right] = a.anchor === 'start' ? [x + a.x, x + a.x + w] : a.anchor === 'end' ? [x + a.x - w, x + a.x] : [x - w / 2, x + w / 2];
      expect(left, id).toBeGreaterThanOrEqual(0);
      expect(right, id).toBeLessThanOrEqual(VIEW_W);
    }
  });

  it('one line per host; several sockets of a host counted; never more than two lines', () => {
    expect(whoLines([{ host: 'client', who: 'client fd3' }, { host: 'server', who: 'server fd4' }])).toEqual(['client fd3', 'server fd4']);
    expect(whoLines([1, 2, 3].map((i) => ({ host: 'server', who: `server fd${i + 3}` })))).toEqual(['server ×3']);
    expect(whoLines(['a', 'b', 'c', 'd'].map((h) => ({ host: h, who: `${h} fd3` })))).toEqual(['a fd3', '+3']);
  });
});
