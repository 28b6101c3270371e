/**
 * The benchmark's chart, drawn by hand as SVG: delivery latency p99 and main-thread loop lag p99
 * against the number of sessions, troupe against the in-thread baseline, each target dotted.
 * Both axes are logarithmic: sessions grow by 2-5x a step, and the two series can be 100x apart.
 */

export interface ChartPoint {
  sessions: number;
  troupe: number;
  baseline: number;
}

export interface ChartPanel {
  title: string;
  unit: string;
  points: ChartPoint[];
  target?: number;
}

export interface ChartSpec {
  title: string;
  subtitle: string;
  panels: ChartPanel[];
}

const PANEL_W = 460;
const PANEL_H = 330;
const MARGIN = { left: 62, right: 30, top: 104, bottom: 64 };
const FLOOR = 0.1;
const COLORS = { troupe: '#1d4ed8', baseline: '#c2410c', target: '#15803d', grid: '#e5e7eb', axis: '#374151', text: '#111827', muted: '#6b7280' };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function decadeTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let exp = Math.floor(Math.log10(min)); 10 ** exp <= max * 1.0001; exp += 1) ticks.push(10 ** exp);
  return ticks;
}

function renderPanel(panel: ChartPanel, x0: number): string {
  const plotW = PANEL_W - MARGIN.left - MARGIN.right;
  const plotH = PANEL_H - MARGIN.top - MARGIN.bottom;
  const values = panel.points.flatMap((p) => [p.troupe, p.baseline]).concat(panel.target ?? []);
  const yMin = FLOOR;
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(1, ...values)));
  const sessions = panel.points.map((p) => p.sessions);
  const xMin = Math.min(...sessions);
  const xMax = Math.max(...sessions);
  const xOf = (n: number) => x0 + MARGIN.left + (xMax === xMin ? plotW / 2 : ((Math.log(n) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * plotW);
  const yOf = (v: number) => MARGIN.top + plotH - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${x0 + MARGIN.left}" y="${MARGIN.top - 12}" font-size="15" font-weight="600" fill="${COLORS.text}">${escapeXml(panel.title)}</text>`);
  for (const tick of decadeTicks(yMin, yMax)) {
    const y = yOf(tick);
    parts.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${x0 + MARGIN.left - 8}" y="${y + 4}" font-size="11" text-anchor="end" fill="${COLORS.muted}">${tick < 1 ? tick.toFixed(1) : tick}</text>`);
  }
  for (const n of sessions) {
    const x = xOf(n);
    parts.push(`<line x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${x}" y="${MARGIN.top + plotH + 18}" font-size="12" text-anchor="middle" fill="${COLORS.axis}">${n}</text>`);
  }
  parts.push(`<rect x="${x0 + MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="${COLORS.axis}"/>`);
  parts.push(`<text x="${x0 + MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 40}" font-size="12" text-anchor="middle" fill="${COLORS.axis}">concurrent sessions</text>`);
  parts.push(
    `<text transform="translate(${x0 + 16} ${MARGIN.top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle" fill="${COLORS.axis}">${escapeXml(panel.unit)} (log scale)</text>`,
  );
  if (panel.target !== undefined) {
    const y = yOf(panel.target);
    parts.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="2 4"/>`);
    parts.push(`<text x="${x0 + MARGIN.left + 6}" y="${y - 6}" font-size="11" fill="${COLORS.target}">target ${formatValue(panel.target)} ${escapeXml(panel.unit.split(' ').pop() ?? '')}</text>`);
  }
  const lastX = xOf(xMax);
  const series = (key: 'troupe' | 'baseline', dash: string, marker: (x: number, y: number) => string) => {
    const pts = panel.points.map((p) => [xOf(p.sessions), yOf(p[key]), p[key], key === 'baseline' ? p.baseline >= p.troupe : p.troupe > p.baseline] as const);
    parts.push(`<polyline fill="none" stroke="${COLORS[key]}" stroke-width="2.5" ${dash} points="${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y, v, upper] of pts) {
      parts.push(marker(x, y));
      // The higher of the two values is labelled above its point, the lower below; the last point's label sits left of it.
      const anchor = x >= lastX - 1 ? 'end' : 'start';
      const lx = anchor === 'end' ? x - 8 : x + 8;
      parts.push(`<text x="${lx}" y="${y + (upper ? -8 : 16)}" font-size="11" font-weight="600" text-anchor="${anchor}" fill="${COLORS[key]}">${formatValue(v)}</text>`);
    }
  };
  series('troupe', '', (x, y) => `<circle cx="${x}" cy="${y}" r="4" fill="${COLORS.troupe}"/>`);
  series('baseline', 'stroke-dasharray="7 4"', (x, y) => `<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="${COLORS.baseline}"/>`);
  return parts.join('\n');
}

export function renderChart(spec: ChartSpec): string {
  const width = PANEL_W * spec.panels.length;
  const height = PANEL_H + 30;
  const body = spec.panels.map((panel, i) => renderPanel(panel, i * PANEL_W)).join('\n');
  const legendY = 62;
  const legend = [
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + 28}" y1="${legendY}" y2="${legendY}" stroke="${COLORS.troupe}" stroke-width="2.5"/>`,
    `<circle cx="${MARGIN.left + 14}" cy="${legendY}" r="4" fill="${COLORS.troupe}"/>`,
    `<text x="${MARGIN.left + 36}" y="${legendY + 4}" font-size="12" fill="${COLORS.text}">troupe (parsing and logging in one worker thread per session)</text>`,
    `<line x1="${MARGIN.left + 420}" x2="${MARGIN.left + 448}" y1="${legendY}" y2="${legendY}" stroke="${COLORS.baseline}" stroke-width="2.5" stroke-dasharray="7 4"/>`,
    `<rect x="${MARGIN.left + 430}" y="${legendY - 4}" width="8" height="8" fill="${COLORS.baseline}"/>`,
    `<text x="${MARGIN.left + 456}" y="${legendY + 4}" font-size="12" fill="${COLORS.text}">baseline (the same, all on the main thread)</text>`,
  ].join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="17" font-weight="700" fill="${COLORS.text}">${escapeXml(spec.title)}</text>`,
    `<text x="${MARGIN.left}" y="42" font-size="12" fill="${COLORS.muted}">${escapeXml(spec.subtitle)}</text>`,
    legend,
    body,
    `</svg>`,
  ].join('\n');
}
