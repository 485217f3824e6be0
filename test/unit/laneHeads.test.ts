// @vitest-environment node
// Lane heads of a crowded server stay legible: state chips alternate heights so each has room for
// a state name, nothing overlaps its neighbour, and a quiet diagram keeps the RFC names.
import { describe, expect, it } from 'vitest';
import { chipWidthFor, hostName, laneHeadGeometry, shortState, SS_STATE } from '../../src/ui/stage/laneHeadGeometry';
import { layoutDiagram } from '../../src/ui/stage/diagramLayout';
import { createTimeline } from '../../src/timeline';
import { simulate } from '../../src/sim';
import { builtinScenario } from '../../src/scenarios/builtin';
import type { TcpState } from '../../src/sim/trace/records';
import { breakPieces, splitIndent } from '../../src/ui/code/codeLines';

const STATES = Object.keys(SS_STATE) as TcpState[];
const timeline = (id: string) => createTimeline(simulate(builtinScenario(id)!).trace);

describe('lane heads', () => {
  for (const [width, charW, lecture] of [[620, 7, false], [690, 7, false], [1240, 8.6, true]] as const) {
    it(`backlog (server with 5 sockets, 4 clients) at ${width} px: every state fits its chip, no head overlaps another`, () => {
      const tl = timeline('backlog-overflow');
      const L = layoutDiagram(tl, width, { row: lecture ? 44 : 32, hosts: ['server', 'client1', 'client2', 'client3', 'client4'] });
      const g = laneHeadGeometry(L, charW);
      expect(g.heads).toHaveLength(L.lanes.size);
      for (const h of g.heads) {
        for (const s of STATES) expect(chipWidthFor(shortState(s, h.chipWidth, charW), charW), `${s} on lane ${h.lane.key}`).toBeLessThanOrEqual(h.chipWidth);
        // A child socket is told apart by its client's port.
        expect(':47242'.length * (lecture ? 8.4 : 6.7)).toBeLessThanOrEqual(h.width); // 11 px monospace when compact
      }
      for (let i = 0; i < g.heads.length; i++) {
        for (let j = i + 1; j < g.heads.length; j++) {
          const a = g.heads[i];
          const b = g.heads[j];
          const dx = Math.abs(a.lane.x - b.lane.x);
          expect(dx, 'name lines').toBeGreaterThanOrEqual((a.width + b.width) / 2);
          if (a.low === b.low) expect(dx, 'chips at one height').toBeGreaterThanOrEqual((a.chipWidth + b.chipWidth) / 2);
        }
      }
      expect(g.crowded).toBe(true);
    });
  }

  it('a client and a server with two sockets keep the RFC names and one row of chips', () => {
    const tl = timeline('echo');
    const g = laneHeadGeometry(layoutDiagram(tl, 620, { row: 32, hosts: ['client', 'server'] }), 7);
    expect(g.crowded).toBe(false);
    for (const h of g.heads) {
      expect(h.low).toBe(false);
      for (const s of STATES) expect(shortState(s, h.chipWidth, 7)).toBe(s);
    }
  });

  it('host names shrink, then keep the part of an address that tells hosts apart', () => {
    expect(hostName('server', 200, false)).toEqual({ text: 'server', small: false });
    expect(hostName('10.0.0.11', 80, false)).toEqual({ text: '10.0.0.11', small: true });
    expect(hostName('10.0.0.11', 50, false)).toEqual({ text: '…0.11', small: true });
    expect(hostName('10.0.0.1:5000', 50, false)).toEqual({ text: ':5000', small: true });
    expect(hostName('客户端', 60, false).small).toBe(false);
    expect(hostName('客户端', 44, false).small).toBe(true);
  });
});

describe('code lines', () => {
  it('split off their indentation, keeping every other character and its syntax class', () => {
    const tokens = [{ text: '    ', kind: 'plain' as const }, { text: '  int', kind: 'type' as const }, { text: ' conn = accept(l);', kind: 'plain' as const }];
    const line = tokens.map((t) => t.text).join('');
    const s = splitIndent(line, tokens);
    expect(s.indent).toBe(6);
    expect(s.tokens!.map((t) => t.text).join('')).toBe(line.trimStart());
    expect(s.tokens![0]).toEqual({ text: 'int', kind: 'type' });
    expect(splitIndent('\treturn 0;')).toEqual({ indent: 4, text: 'return 0;' });
  });

  it('may break after , and ( in code (never after .) but not inside strings or comments', () => {
    expect(breakPieces('getBytes(StandardCharsets.UTF_8));', 'plain')).toEqual(['getBytes(', 'StandardCharsets.UTF_8));']);
    expect(breakPieces('"a.b(c"', 'string')).toEqual(['"a.b(c"']);
    expect(breakPieces('f(a, b)', 'plain').join('')).toBe('f(a, b)');
    expect(breakPieces('System.out.println(', 'plain')).toEqual(['System.out.println(']);
    expect(breakPieces('sock.getInputStream().read(buf,', 'plain')).toEqual(['sock.getInputStream().read(', 'buf,']);
  });
});
