import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/** The true table of vega-lite's grouped bar example (test/fixtures/charts/bar_grouped.png): category, value, group. */
export const GROUPED_BAR_TRUTH = Papa.parse<string[]>(readFileSync('test/fixtures/charts/bar_grouped.csv', 'utf8').trim()).data.slice(1);

export type AnswerCell = { value: string | number; source: string };

/** A model's chart-table answer for that chart, as JSON; `plant` may change cells first. */
export function groupedBarAnswer(plant: (rows: AnswerCell[][]) => void = () => {}): string {
  const rows = GROUPED_BAR_TRUTH.map(([cat, value, group]) => [
    { value: cat!, source: 'label' },
    { value: group!, source: 'label' },
    { value: Number(value), source: 'estimated' },
  ]);
  plant(rows);
  return JSON.stringify({
    title: 'Values by category and group',
    chartType: 'grouped-bar',
    xAxis: { label: 'category', unit: null, min: null, max: null },
    yAxis: { label: 'value', unit: null, min: 0, max: 1.2 },
    columns: [{ name: 'category', unit: null }, { name: 'group', unit: null }, { name: 'value', unit: null }],
    rows,
    notes: [],
  });
}
