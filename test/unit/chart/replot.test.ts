// @vitest-environment happy-dom
import { createElement } from 'react';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Replot } from '../../../components/views/Replot';
import { ramp, replot, type Mark, type Plot } from '../../../utils/chart/replot';
import type { ChartTable } from '../../../utils/chart/schema';

const table = (chartType: ChartTable['chartType'], cols: string[], rows: unknown[][], over: Partial<ChartTable> = {}): ChartTable => ({
  title: 'T', chartType, xAxis: null, yAxis: null, notes: [],
  columns: cols.map((name) => ({ name, unit: null })),
  rows: rows.map((r) => r.map((value) => ({ value: value as string | number | null, source: 'label' as const }))),
  ...over,
});
const of = <K extends Mark['kind']>(p: Plot | undefined, kind: K) => (p?.marks ?? []).filter((m): m is Extract<Mark, { kind: K }> => m.kind === kind);
const luminance = (rgb: string) => {
  const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const TURN = 2 * Math.PI;

describe('re-plot: a pie is drawn as a pie', () => {
  const p = replot(table('pie', ['browser', 'share'], [['Chrome', 60], ['Firefox', 10], ['Safari', '30%'], ['Other', 0]]));

  it('gives each slice an angle in proportion to its value, contiguous from 12 o’clock round the whole circle', () => {
    expect(p?.kind).toBe('pie');
    const slices = of(p, 'slice');
    expect(slices.map((s) => s.label)).toEqual(['Chrome: 60 (60 %)', 'Firefox: 10 (10 %)', 'Safari: 30 (30 %)']);
    expect(slices.map((s) => (s.end - s.start) / TURN)).toEqual([0.6, 0.1, 0.3].map((f) => expect.closeTo(f, 9)));
    expect(slices[0]!.start).toBe(0);
    for (let i = 1; i < slices.length; i++) expect(slices[i]!.start).toBe(slices[i - 1]!.end);
    expect(slices.at(-1)!.end).toBeCloseTo(TURN, 9);
    expect(of(p, 'rect')).toEqual([]);
  });

  it('draws each slice as a wedge from the centre, the large-arc flag set only past half a turn', () => {
    const [chrome, firefox] = of(p, 'slice');
    expect(chrome!.d).toMatch(/^M160\.0,100\.0L160\.0,12\.0A88,88 0 1 1 [\d.]+,[\d.]+Z$/);
    expect(firefox!.d).toMatch(/ 0 0 1 /);
  });

  it('a single value is a whole disc; no positive value, no pie', () => {
    const whole = of(replot(table('pie', ['k', 'v'], [['only', 5]])), 'slice');
    expect(whole).toHaveLength(1);
    expect(whole[0]!.end - whole[0]!.start).toBeCloseTo(TURN, 9);
    expect(whole[0]!.d.match(/A/g)).toHaveLength(2);
    expect(replot(table('pie', ['k', 'v'], [['a', 0], ['b', -3]]))).toBeUndefined();
  });
});

describe('re-plot: a heatmap is drawn as a grid of cells', () => {
  const wide = replot(table('heatmap', ['day', 'morning', 'noon', 'night'], [['Mon', 1, 5, 9], ['Tue', 4, 2, 7]]));

  it('puts every value in its own cell of a rows × columns grid', () => {
    expect(wide?.kind).toBe('heatmap');
    const cells = of(wide, 'rect');
    expect(cells).toHaveLength(6);
    expect(new Set(cells.map((c) => c.x)).size).toBe(3);
    expect(new Set(cells.map((c) => c.y)).size).toBe(2);
    expect(cells.find((c) => c.label === 'Tue, noon: 2')).toMatchObject({ x: cells.find((c) => c.label === 'Mon, noon: 5')!.x });
    expect(new Set(cells.map((c) => c.w))).toEqual(new Set([cells[0]!.w]));
  });

  it('colours cells in the order of their values: a higher value is always darker', () => {
    const cells = of(wide, 'rect').sort((a, b) => a.value! - b.value!);
    const lum = cells.map((c) => luminance(c.fill!));
    for (let i = 1; i < lum.length; i++) expect(lum[i]!).toBeLessThan(lum[i - 1]!);
    expect(cells[0]!.fill).toBe(ramp(0));
    expect(cells.at(-1)!.fill).toBe(ramp(1));
    expect([wide!.yMin, wide!.yMax]).toEqual([1, 9]);
  });

  it('pivots a long table (row label, column label, value) into the same grid', () => {
    const long = replot(table('heatmap', ['day', 'slot', 'visits'], [['Mon', 'am', 3], ['Mon', 'pm', 8], ['Tue', 'am', 1], ['Tue', 'pm', 6]]));
    expect(long?.categories).toEqual(['Mon', 'Tue']);
    expect(long?.series).toEqual(['am', 'pm']);
    const cells = of(long, 'rect');
    expect(new Set(cells.map((c) => `${c.x},${c.y}`)).size).toBe(4);
    expect(cells.find((c) => c.value === 8)!.label).toBe('Mon, pm: 8');
  });
});

describe('re-plot: a scatter plot has a numeric x axis', () => {
  it('places points at x in proportion to the numeric x, not evenly like categories', () => {
    const p = replot(table('scatter', ['hours', 'score'], [[1, 50], [2, 55], [10, 90]]));
    expect(p?.kind).toBe('scatter');
    expect(p?.x).toEqual({ min: 1, max: 10, name: 'hours' });
    const xs = of(p, 'circle').map((c) => c.x);
    const frac = xs.map((x) => (x - xs[0]!) / (xs[2]! - xs[0]!));
    expect(frac).toEqual([0, 1 / 9, 1].map((f) => expect.closeTo(f, 9)));
    expect(of(p, 'line')).toEqual([]);
  });

  it('takes x from the first numeric column when the first column names the points, and honours the axis range', () => {
    const p = replot(table('scatter', ['city', 'area', 'population'], [['A', 100, 5], ['B', 300, 9]], { xAxis: { label: 'area', unit: null, min: 0, max: 400, } }));
    expect(p?.x).toEqual({ min: 0, max: 400, name: 'area' });
    expect(p?.series).toEqual(['population']);
    const [a, b] = of(p, 'circle');
    expect((b!.x - 24) / (a!.x - 24)).toBeCloseTo(3, 9);
    expect(a!.label).toBe('A: area 100, population 5');
    expect(b!.y).toBeLessThan(a!.y);
  });

  it('with no numeric column to serve as x, falls back to points over the categories', () => {
    const p = replot(table('scatter', ['name', 'value'], [['a', 1], ['b', 2]]));
    expect(p?.kind).toBe('scatter');
    expect(p?.x).toBeUndefined();
    expect(of(p, 'circle')).toHaveLength(2);
  });
});

describe('re-plot: bars and lines stay bars and lines', () => {
  it('a grouped bar chart is one rect per value, a line chart a path with its points', () => {
    const bars = replot(table('grouped-bar', ['q', 'a', 'b'], [['Q1', 1, 2], ['Q2', 3, 4]]));
    expect(bars?.kind).toBe('bars');
    expect(of(bars, 'rect')).toHaveLength(4);
    const line = replot(table('line', ['q', 'a'], [['Q1', 1], ['Q2', 3]]));
    expect(of(line, 'line')).toHaveLength(1);
    expect(of(line, 'circle')).toHaveLength(2);
  });
});

describe('<Replot>: each kind drawn, with a text alternative', () => {
  afterEach(cleanup);

  it('a pie is wedges, named as a pie with its slice count', () => {
    const { getByRole } = render(createElement(Replot, { table: table('pie', ['browser', 'share'], [['Chrome', 60], ['Firefox', 40]]) }));
    const svg = getByRole('img');
    expect(svg.getAttribute('aria-label')).toBe('Pie re-drawn from the extracted data: 2 slices of share');
    expect(svg.querySelectorAll('path')).toHaveLength(2);
    expect(svg.querySelector('path title')?.textContent).toBe('Chrome: 60 (60 %)');
  });

  it('a heatmap is a grid named with its size and scale; a scatter names its x axis', () => {
    const heat = render(createElement(Replot, { table: table('heatmap', ['d', 'x', 'y'], [['a', 1, 2], ['b', 3, 4]]) }));
    expect(heat.getByRole('img').getAttribute('aria-label')).toBe('Heatmap re-drawn from the extracted data: 2 rows by 2 columns of cells, darker for higher values (1 to 4)');
    cleanup();
    const sc = render(createElement(Replot, { table: table('scatter', ['hours', 'score'], [[1, 50], [10, 90]]) }));
    expect(sc.getByRole('img').getAttribute('aria-label')).toBe('Scatter plot re-drawn from the extracted data: 2 points of score against hours (1 to 10)');
    expect(sc.getByRole('img').querySelectorAll('circle')).toHaveLength(2);
  });
});
