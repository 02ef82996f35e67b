import { toNumber } from './compare';
import type { ChartTable } from './schema';

export type Mark =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; series: number; label: string; value?: number; fill?: string }
  | { kind: 'circle'; x: number; y: number; series: number; label: string }
  | { kind: 'line'; d: string; series: number; label: string }
  /** A pie slice: angles in radians, clockwise from 12 o'clock; `series` is the slice's index (its colour). */
  | { kind: 'slice'; d: string; start: number; end: number; value: number; series: number; label: string };

export interface Plot {
  /** How it is drawn: the schema's chart type, as bars, lines, points on a numeric x axis, a pie or a grid. */
  kind: 'bars' | 'lines' | 'scatter' | 'pie' | 'heatmap';
  width: number;
  height: number;
  marks: Mark[];
  /** The value axis (bars, lines, scatter) or the colour scale (heatmap). */
  yMin: number;
  yMax: number;
  /** Scatter with a numeric x column: its range, and the column's name. */
  x?: { min: number; max: number; name: string };
  categories: string[];
  series: string[];
}

const W = 320;
const H = 200;
const PAD = 24;
/** Heatmap colour ramp, light (low) to dark (high): ColorBrewer Blues' ends. */
const LOW = [239, 243, 255];
const HIGH = [8, 48, 107];

const numericIn = (t: ChartTable, c: number) => t.rows.some((r) => toNumber(r[c]?.value) !== undefined);
const valueAt = (t: ChartTable, r: number, c: number) => toNumber(t.rows[r]?.[c]?.value);
const fmt = (n: number) => n.toFixed(1);

/** Redraws an extracted table as the kind of chart it came from, to compare with the original at a glance. */
export function replot(t: ChartTable): Plot | undefined {
  const series = t.columns.map((_, c) => c).filter((c) => c > 0 && numericIn(t, c));
  if (!series.length || !t.rows.length) return undefined;
  const categories = t.rows.map((r) => String(r[0]?.value ?? ''));
  const base = { width: W, height: H, categories, series: series.map((c) => t.columns[c]!.name) };
  if (t.chartType === 'pie') return pie(t, series[0]!, base);
  if (t.chartType === 'heatmap') return heatmap(t, series, base);
  if (t.chartType === 'scatter') return scatter(t, series, base) ?? xy(t, series, base, 'scatter');
  if (t.chartType === 'line' || t.chartType === 'area') return xy(t, series, base, 'lines');
  return bars(t, series, base);
}

type Base = Pick<Plot, 'width' | 'height' | 'categories' | 'series'>;

function yScale(t: ChartTable, vals: number[], tops: number[], withZero: boolean) {
  const yMax = Math.max(t.yAxis?.max ?? -Infinity, ...tops, ...(withZero ? [0] : []));
  const yMin = Math.min(t.yAxis?.min ?? Infinity, ...vals, ...(withZero ? [0] : []));
  return { yMin, yMax, y: (v: number) => H - PAD - ((v - yMin) / (yMax - yMin || 1)) * (H - 2 * PAD) };
}

function bars(t: ChartTable, series: number[], base: Base): Plot {
  const vals = t.rows.map((_, r) => series.map((c) => valueAt(t, r, c) ?? 0));
  const stacked = t.chartType === 'stacked-bar' || t.chartType === 'stacked-100';
  const tops = vals.map((v) => (stacked ? v.reduce((a, b) => a + Math.max(0, b), 0) : Math.max(...v)));
  const { yMin, yMax, y } = yScale(t, vals.flat(), tops, true);
  const band = (W - 2 * PAD) / vals.length;
  const marks: Mark[] = [];
  vals.forEach((v, i) => {
    let below = 0;
    v.forEach((val, s) => {
      const w = stacked ? band * 0.8 : (band * 0.8) / series.length;
      const x = PAD + band * i + band * 0.1 + (stacked ? 0 : w * s);
      const top = stacked ? below + val : val;
      const bottom = stacked ? below : 0;
      marks.push({ kind: 'rect', x, y: y(Math.max(top, bottom)), w, h: Math.abs(y(top) - y(bottom)), series: s, value: val, label: `${base.categories[i]}, ${base.series[s]}: ${val}` });
      if (stacked) below += val;
    });
  });
  return { ...base, kind: 'bars', marks, yMin, yMax };
}

/** Lines (and areas) over the categories; a scatter whose x is not a number falls back to points here. */
function xy(t: ChartTable, series: number[], base: Base, kind: 'lines' | 'scatter'): Plot {
  const vals = t.rows.map((_, r) => series.map((c) => valueAt(t, r, c) ?? 0));
  const { yMin, yMax, y } = yScale(t, vals.flat(), vals.flat(), true);
  const band = (W - 2 * PAD) / vals.length;
  const marks: Mark[] = [];
  series.forEach((_, s) => {
    const pts = vals.map((v, i) => [PAD + band * (i + 0.5), y(v[s]!)] as const);
    if (kind === 'lines') marks.push({ kind: 'line', d: `M${pts.map(([a, b]) => `${fmt(a)},${fmt(b)}`).join('L')}`, series: s, label: base.series[s]! });
    pts.forEach(([px, py], i) => marks.push({ kind: 'circle', x: px, y: py, series: s, label: `${base.categories[i]}, ${base.series[s]}: ${vals[i]![s]}` }));
  });
  return { ...base, kind, marks, yMin, yMax };
}

/**
 * Points on a numeric x axis: x is the first column when it holds numbers, else the first numeric column
 * (the first column then names the points). Undefined when no column can serve as x.
 */
function scatter(t: ChartTable, numeric: number[], base: Base): Plot | undefined {
  const firstIsX = numericIn(t, 0) && t.rows.every((_, r) => valueAt(t, r, 0) !== undefined || t.rows[r]![0]?.value === null);
  const xCol = firstIsX ? 0 : numeric[0]!;
  const ys = numeric.filter((c) => c !== xCol);
  if (!ys.length) return undefined;
  const points = t.rows.flatMap((_, r) => ys.map((c, s) => ({ r, s, x: valueAt(t, r, xCol), y: valueAt(t, r, c) })))
    .filter((p): p is { r: number; s: number; x: number; y: number } => p.x !== undefined && p.y !== undefined);
  if (!points.length) return undefined;
  const xs = points.map((p) => p.x);
  const min = Math.min(t.xAxis?.min ?? Infinity, ...xs);
  const max = Math.max(t.xAxis?.max ?? -Infinity, ...xs);
  const x = (v: number) => PAD + ((v - min) / (max - min || 1)) * (W - 2 * PAD);
  const { yMin, yMax, y } = yScale(t, points.map((p) => p.y), points.map((p) => p.y), false);
  const names = ys.map((c) => t.columns[c]!.name);
  const xName = t.columns[xCol]!.name;
  const marks: Mark[] = points.map((p) => ({
    kind: 'circle', x: x(p.x), y: y(p.y), series: p.s,
    label: `${firstIsX ? '' : `${base.categories[p.r]}: `}${xName} ${p.x}, ${names[p.s]} ${p.y}`,
  }));
  return { ...base, kind: 'scatter', series: names, marks, yMin, yMax, x: { min, max, name: xName } };
}

/** One slice per row of the first numeric column, its angle in proportion to its share of the total. */
function pie(t: ChartTable, col: number, base: Base): Plot | undefined {
  const vals = t.rows.map((_, r) => Math.max(0, valueAt(t, r, col) ?? 0));
  const total = vals.reduce((a, b) => a + b, 0);
  if (!total) return undefined;
  const [cx, cy, rad] = [W / 2, H / 2, H / 2 - PAD / 2];
  const at = (a: number) => `${fmt(cx + rad * Math.sin(a))},${fmt(cy - rad * Math.cos(a))}`;
  const marks: Mark[] = [];
  let start = 0;
  vals.forEach((v, i) => {
    if (!v) return;
    const end = start + (v / total) * 2 * Math.PI;
    // A whole circle is two half arcs: an arc from a point to itself draws nothing.
    const d = v === total
      ? `M${at(0)}A${rad},${rad} 0 1 1 ${at(Math.PI)}A${rad},${rad} 0 1 1 ${at(0)}Z`
      : `M${fmt(cx)},${fmt(cy)}L${at(start)}A${rad},${rad} 0 ${end - start > Math.PI ? 1 : 0} 1 ${at(end)}Z`;
    marks.push({ kind: 'slice', d, start, end, value: v, series: i, label: `${base.categories[i]}: ${v} (${Math.round((v / total) * 1000) / 10} %)` });
    start = end;
  });
  return { ...base, kind: 'pie', series: [t.columns[col]!.name], marks, yMin: 0, yMax: total };
}

/**
 * A grid of cells coloured by value. A wide table is rows × numeric columns; a long one (row label, column
 * label, one value) is pivoted into the same grid.
 */
function heatmap(t: ChartTable, numeric: number[], base: Base): Plot {
  const long = numeric.length === 1 && numeric[0]! >= 2 && !numericIn(t, 1);
  const rowsOf = long ? [...new Set(base.categories)] : base.categories;
  const colsOf = long ? [...new Set(t.rows.map((r) => String(r[1]?.value ?? '')))] : base.series;
  const cells = long
    ? t.rows.map((r, i) => ({ r: rowsOf.indexOf(base.categories[i]!), c: colsOf.indexOf(String(r[1]?.value ?? '')), v: valueAt(t, i, numeric[0]!) }))
    : t.rows.flatMap((_, r) => numeric.map((col, c) => ({ r, c, v: valueAt(t, r, col) })));
  const known = cells.map((c) => c.v).filter((v): v is number => v !== undefined);
  const yMin = Math.min(...known);
  const yMax = Math.max(...known);
  const [w, h] = [(W - 2 * PAD) / colsOf.length, (H - 2 * PAD) / rowsOf.length];
  const marks: Mark[] = cells.map(({ r, c, v }) => ({
    kind: 'rect', x: PAD + c * w, y: PAD + r * h, w, h, series: c, value: v, fill: v === undefined ? 'none' : ramp((v - yMin) / (yMax - yMin || 1)),
    label: `${rowsOf[r]}, ${colsOf[c]}: ${v ?? '—'}`,
  }));
  return { ...base, kind: 'heatmap', categories: rowsOf, series: colsOf, marks, yMin, yMax };
}

/** The ramp's colour at f ∈ [0, 1]: darker is higher. */
export function ramp(f: number): string {
  const mix = LOW.map((lo, i) => Math.round(lo + (HIGH[i]! - lo) * Math.min(1, Math.max(0, f))));
  return `rgb(${mix.join(',')})`;
}
