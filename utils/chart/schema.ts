import { z } from '../answers/zod';
import { extractJson, issuesText, parseFailure, strictJsonSchema, type ParseFailure } from '../answers/json-schema';

/** Where a number came from: printed on the chart, or read off its position (less certain). */
export const CellSource = z.enum(['label', 'estimated']);

export const Cell = z.object({
  value: z.union([z.number(), z.string(), z.null()]),
  source: CellSource,
});

export const Axis = z.object({
  label: z.string(),
  unit: z.nullable(z.string()),
  min: z.nullable(z.number()),
  max: z.nullable(z.number()),
});

/** What the model must return for "Extract table from chart". */
export const ChartTable = z.object({
  title: z.string(),
  chartType: z.enum(['bar', 'grouped-bar', 'stacked-bar', 'stacked-100', 'line', 'area', 'scatter', 'pie', 'heatmap', 'other']),
  xAxis: z.nullable(Axis),
  yAxis: z.nullable(Axis),
  columns: z.array(z.object({ name: z.string(), unit: z.nullable(z.string()) })).check(z.minLength(1)),
  rows: z.array(z.array(Cell)),
  notes: z.array(z.string()),
});
export type ChartTable = z.infer<typeof ChartTable>;

/** JSON Schema for providers' structured output (OpenAI strict mode: every key required, no extras). */
export function chartJsonSchema(): Record<string, unknown> {
  return strictJsonSchema(ChartTable);
}

export type ParseResult = { ok: true; table: ChartTable } | ParseFailure;

/** Accepts bare JSON or JSON inside a ```json fence (the guarded text fallback). */
export function parseChartTable(text: string): ParseResult {
  const json = extractJson(text);
  if (!json.ok) return json;
  const r = ChartTable.safeParse(json.json);
  if (!r.success) return { ok: false, error: issuesText(r.error, 'table') };
  const width = r.data.columns.length;
  const bad = r.data.rows.findIndex((row) => row.length !== width);
  if (bad !== -1) return parseFailure('chartRowWidth', bad + 1, r.data.rows[bad]!.length, width);
  return { ok: true, table: r.data };
}
