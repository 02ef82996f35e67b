import { toNumber } from './compare';
import type { ChartTable } from './schema';

export interface Mark {
  kind: 'rect' | 'circle' | 'path';
  x: number;
  y: number;
  w?: number;
  h?: number;
  d?: string;
  series: number;
  label: string;
}

export interface Plot {
  width: number;
  height: number;
  marks: Mark[];
  yMin: number;
  yMax: number;
  categories: string[];
  series: string[];
}

const W = 320;
const H = 200;
const PAD = 24;

/** Redraws an extracted table as a simple chart of the same kind, to compare with the original at a glance. */
export function replot(t: ChartTable): Plot | undefined {
  const numCols = t.columns.map((_, c) => c > 0 && t.rows.some((r) => toNumber(r[c]?.value) !== undefined));
  const series = t.columns.map((c, i) => (numCols[i] ? i : -1)).filter((i) => i !== -1);
  if (!series.length || !t.rows.length) return undefined;
  const categories = t.rows.map((r) => String(r[0]?.value ?? ''));
  const vals = t.rows.map((r) => series.map((c) => toNumber(r[c]?.value) ?? 0));
  const stacked = t.chartType === 'stacked-bar' || t.chartType === 'stacked-100' || t.chartType === 'area';
  const totals = vals.map((v) => (stacked ? v.reduce((a, b) => a + Math.max(0, b), 0) : Math.max(...v)));
  const yMax = Math.max(t.yAxis?.max ?? -Infinity, ...totals, 0);
  const yMin = Math.min(t.yAxis?.min ?? Infinity, ...vals.flat(), 0);
  const y = (v: number) => H - PAD - ((v - yMin) / (yMax - yMin || 1)) * (H - 2 * PAD);
  const band = (W - 2 * PAD) / categories.length;
  const marks: Mark[] = [];
  const label = (i: number, s: number) => `${categories[i]}, ${t.columns[series[s]!]!.name}: ${vals[i]![s]}`;
  if (t.chartType === 'line' || t.chartType === 'scatter' || t.chartType === 'area') {
    series.forEach((_, s) => {
      const pts = vals.map((v, i) => [PAD + band * (i + 0.5), y(v[s]!)] as const);
      if (t.chartType !== 'scatter') marks.push({ kind: 'path', x: 0, y: 0, d: `M${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join('L')}`, series: s, label: t.columns[series[s]!]!.name });
      pts.forEach(([px, py], i) => marks.push({ kind: 'circle', x: px, y: py, series: s, label: label(i, s) }));
    });
  } else {
    vals.forEach((v, i) => {
      let base = 0;
      v.forEach((val, s) => {
        const w = stacked ? band * 0.8 : (band * 0.8) / series.length;
        const x = PAD + band * i + band * 0.1 + (stacked ? 0 : w * s);
        const top = stacked ? base + val : val;
        const bottom = stacked ? base : 0;
        marks.push({ kind: 'rect', x, y: y(Math.max(top, bottom)), w, h: Math.abs(y(top) - y(bottom)), series: s, label: label(i, s) });
        if (stacked) base += val;
      });
    });
  }
  return { width: W, height: H, marks, yMin, yMax, categories, series: series.map((c) => t.columns[c]!.name) };
}
