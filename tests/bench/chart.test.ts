import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/bench/chart.js';

const points = [
  { sessions: 10, troupe: 1.2, baseline: 0.9 },
  { sessions: 50, troupe: 3, baseline: 40 },
  { sessions: 200, troupe: 25, baseline: 900 },
];

describe('renderChart', () => {
  it('draws one panel per figure with both series, every value labelled, and the target line', () => {
    const svg = renderChart({ title: 'troupe vs baseline', subtitle: '2 cores & a <test>', panels: [{ title: 'Latency p99', unit: 'ms', target: 50, points }, { title: 'Loop lag p99', unit: 'ms', target: 20, points }] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(4);
    for (const label of ['1.20', '0.90', '3.00', '40.0', '25.0', '900', 'target 50.0 ms', 'target 20.0 ms']) expect(svg).toContain(`>${label}<`);
    // Text is escaped, so the file stays well-formed XML.
    expect(svg).toContain('2 cores &amp; a &lt;test&gt;');
    // Sessions on the x axis.
    for (const n of ['10', '50', '200']) expect(svg).toContain(`text-anchor="middle" fill="#374151">${n}<`);
  });

  it('keeps values below the axis floor on the chart instead of off it', () => {
    const svg = renderChart({ title: 't', subtitle: 's', panels: [{ title: 'p', unit: 'ms', points: [{ sessions: 10, troupe: 0, baseline: 0.01 }, { sessions: 20, troupe: 2, baseline: 3 }] }] });
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.-]+)"/g)].map((m) => Number(m[1]));
    expect(ys.every((y) => Number.isFinite(y) && y >= 0 && y <= 400)).toBe(true);
  });
});
