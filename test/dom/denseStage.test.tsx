// Dense mode: a step with hundreds of packets in flight draws a bounded number of SVG elements
// (one path per visual class, not one element per packet) — a deterministic budget, not a time.
import { describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import { StageDriver } from './StageDriver';
import { simulate } from '../../src/sim';
import { bulkScenario, SEEK_BUFFER } from '../../bench/bulkScenario';
import { DENSE_MIN } from '../../src/ui/stage/DenseFlights';

const scenario = bulkScenario(1400, SEEK_BUFFER);

describe('dense sequence diagram', () => {
  it('600 packets in flight: a handful of SVG elements, a count, the step\'s own packet still a button; back restores the markup', async () => {
    const d = await StageDriver.mount({ runner: async (s) => simulate(s), scenario, key: 'bulk' });
    const tl = d.state.run!.timeline;
    // The step with the most packets in flight.
    let at = 0;
    let most = 0;
    for (let c = 0; c <= tl.length; c++) { const n = tl.viewAt(c).inFlight.length; if (n > most) { most = n; at = c; } }
    expect(most).toBeGreaterThan(600);
    const svg = () => document.querySelector('svg.diagram-svg')!;
    const flightEls = () => svg().querySelectorAll('.dense-flights *, [data-head], [data-label-for], g.flight[data-flight] *').length;

    act(() => d.state.seek(at));
    expect(screen.getByTestId('sequence-diagram')).toHaveAttribute('data-dense', 'true');
    expect(screen.getByTestId('dense-count')).toHaveTextContent(`${most} packets in flight`);
    // Rows near the viewport (arrived packets, notes, lifelines) plus the dense paths: 34 for 625 in flight.
    expect(svg().querySelectorAll('*').length).toBeLessThan(50);
    expect(svg().querySelectorAll('.dense-flights path').length).toBeLessThanOrEqual(12);
    expect(flightEls()).toBeLessThan(20);
    // Keyboard: only the packets this step is about are focusable (not one per packet in flight).
    const focusable = svg().querySelectorAll('[tabindex="0"]').length;
    expect(focusable).toBeLessThanOrEqual(3);

    // Step forward and back: the same markup.
    const before = svg().outerHTML;
    d.key('ArrowRight');
    d.key('ArrowLeft');
    expect(svg().outerHTML).toBe(before);

    // Fewer in flight than the threshold: one dot per packet again.
    let sparse = 1;
    while (sparse < tl.length && tl.viewAt(sparse).inFlight.length < 20) sparse++;
    act(() => d.state.seek(sparse));
    expect(screen.getByTestId('sequence-diagram')).not.toHaveAttribute('data-dense');
    expect(screen.queryByTestId('dense-count')).toBeNull();
    expect(svg().querySelectorAll('.packet-head').length).toBe(tl.viewAt(sparse).inFlight.length);
    expect(tl.viewAt(sparse).inFlight.length).toBeLessThanOrEqual(DENSE_MIN);
  }, 30000);
});
