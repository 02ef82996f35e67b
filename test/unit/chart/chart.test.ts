import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { disagreements, sameCell, scoreTable, toNumber } from '../../../utils/chart/compare';
import { exportFileName, toCSV, toMarkdown, toTSV } from '../../../utils/chart/export';
import { chartJsonSchema, parseChartTable, type ChartTable } from '../../../utils/chart/schema';
import { verifyTable } from '../../../utils/chart/verify';

const csv = (name: string) => Papa.parse<string[]>(readFileSync(`test/fixtures/charts/${name}`, 'utf8').trim()).data;
const table = (cols: string[], rows: unknown[][], over: Partial<ChartTable> = {}): ChartTable => ({
  title: 'T', chartType: 'bar', xAxis: null, yAxis: null, notes: [],
  columns: cols.map((name) => ({ name, unit: null })),
  rows: rows.map((r) => r.map((value) => ({ value: value as string | number, source: 'label' as const }))),
  ...over,
});

describe('schema', () => {
  const good = table(['a', 'b'], [['A', 28]]);
  it('parses bare JSON, fenced JSON and JSON with chatter around it', () => {
    expect(parseChartTable(JSON.stringify(good))).toEqual({ ok: true, table: good });
    expect(parseChartTable('Here you go:\n```json\n' + JSON.stringify(good) + '\n```')).toMatchObject({ ok: true });
  });
  it('says what is wrong with an invalid answer', () => {
    expect(parseChartTable('no json here')).toEqual({ ok: false, error: 'The answer contains no JSON object.' });
    expect(parseChartTable('{"title": 1}')).toMatchObject({ ok: false, error: expect.stringContaining('title') });
    const ragged = { ...good, rows: [[{ value: 'A', source: 'label' }]] };
    expect(parseChartTable(JSON.stringify(ragged))).toEqual({ ok: false, error: 'Row 1 has 1 cells but there are 2 columns.' });
  });
  it('exports a JSON schema usable for strict structured output', () => {
    const s = chartJsonSchema() as any;
    expect(s.type).toBe('object');
    expect(s.required).toEqual(expect.arrayContaining(['title', 'columns', 'rows', 'notes']));
    expect(s.additionalProperties).toBe(false);
  });
});

describe('export', () => {
  const tricky = table(['label, with comma', 'value'], [['say "hi"', 1234.5], ['two\nlines', -0.001], ['pipe | here', null]]);
  it('CSV quotes commas, quotes and newlines, and parses back to the same cells', () => {
    const out = toCSV(tricky);
    const back = Papa.parse<string[]>(out).data;
    expect(back).toEqual([['label, with comma', 'value'], ['say "hi"', '1234.5'], ['two\nlines', '-0.001'], ['pipe | here', '']]);
    expect(out.split('\r\n')[0]).toBe('"label, with comma",value');
  });
  it('TSV and Markdown', () => {
    expect(toTSV(table(['a', 'b'], [['x', 1]]))).toBe('a\tb\r\nx\t1');
    const md = toMarkdown({ ...tricky, rows: [[{ value: 'pipe | here', source: 'label' }, { value: 3, source: 'estimated' }]] });
    expect(md).toBe('| label, with comma | value |\n| --- | --- |\n| pipe \\| here | 3 ~ |');
  });
  it('CSV and TSV escape cells a spreadsheet would run as formulas; numbers, signed ones too, stay numbers', () => {
    const hostile = table(['=HYPERLINK("http://x.test")', 'v'], [
      ['=1+1', -5], ['+SUM(A1)', '-12.5'], ['-2+3', '+7'], ['@cmd', 1e-3], ['\tx', 0], ['\rx', -0.5],
    ]);
    for (const [out, delimiter] of [[toCSV(hostile), ','], [toTSV(hostile), '\t']] as const) {
      const back = Papa.parse<string[]>(out, { delimiter }).data;
      expect(back).toEqual([
        [`'=HYPERLINK("http://x.test")`, 'v'],
        ["'=1+1", '-5'], ["'+SUM(A1)", '-12.5'], ["'-2+3", '+7'], ["'@cmd", '0.001'], ["'\tx", '0'], ["'\rx", '-0.5'],
      ]);
    }
  });
  it('names downloads after the page and the chart', () => {
    expect(exportFileName('Sales Report — 2024', 'Revenue by year', 'csv')).toBe('sales-report-2024--revenue-by-year.csv');
    expect(exportFileName(undefined, '', 'json')).toBe('chart.json');
  });
});

describe('scoring against the true table', () => {
  const truth = csv('bar_grouped.csv');
  it('numbers parse with separators, units and signs', () => {
    expect([toNumber('1,234.5'), toNumber('12%'), toNumber('$3.2'), toNumber('−4'), toNumber('A')]).toEqual([1234.5, 12, 3.2, -4, undefined]);
    expect(sameCell('0.1', 0.104)).toBe(true);
    expect(sameCell('0.1', 0.2)).toBe(false);
  });
  it('the truth scores 1, even with shuffled rows and columns', () => {
    expect(scoreTable(truth.slice(1), truth.slice(1)).accuracy).toBe(1);
    const shuffled = truth.slice(1).reverse().map((r) => [r[2], r[0], r[1]]);
    expect(scoreTable(shuffled, truth.slice(1)).accuracy).toBe(1);
  });
  it('planted errors lower the score by exactly the wrong cells', () => {
    const rows = truth.slice(1).map((r) => [...r]);
    rows[0]![1] = '0.5'; // was 0.1
    rows[4]![1] = '9.9';
    const s = scoreTable(rows, truth.slice(1));
    expect(s.total).toBe(27);
    expect(s.matched).toBe(25);
  });
  it('a missing row counts its cells as wrong', () => {
    const t = csv('bar.csv').slice(1);
    expect(scoreTable(t.slice(0, 3), t).matched).toBe(6);
  });
  it('second pass: cells that disagree beyond the tolerance', () => {
    const a = table(['k', 'v'], [['A', 10], ['B', 20], ['C', 30]]);
    const b = table(['k', 'v'], [['A', 10.2], ['B', 26], ['C', 30]]);
    expect(disagreements(a, b)).toEqual([[1, 1]]);
  });
});

describe('verification checks', () => {
  it('flags numbers outside the axis range', () => {
    const t = table(['k', 'v'], [['A', 28], ['B', 155], ['C', -3]], { yAxis: { label: 'b', unit: null, min: 0, max: 100 } });
    expect(verifyTable(t).map((f) => [f.row, f.col])).toEqual([[1, 1], [2, 1]]);
  });
  it('flags rows of a 100% stacked chart that do not sum to 100', () => {
    const t = table(['year', 'x', 'y', 'z'], [['2020', 20, 30, 50], ['2021', 25, 30, 40], ['2022', 0.2, 0.3, 0.5]], { chartType: 'stacked-100' });
    expect(verifyTable(t)).toEqual([{ row: 1, col: -1, message: 'Row 2 adds up to 95, not 100.' }]);
  });
});
