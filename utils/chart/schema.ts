import { z } from 'zod';

/** Where a number came from: printed on the chart, or read off its position (less certain). */
export const CellSource = z.enum(['label', 'estimated']);

export const Cell = z.object({
  value: z.union([z.number(), z.string(), z.null()]),
  source: CellSource,
});

export const Axis = z.object({
  label: z.string(),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

/** What the model must return for "Extract table from chart". */
export const ChartTable = z.object({
  title: z.string(),
  chartType: z.enum(['bar', 'grouped-bar', 'stacked-bar', 'stacked-100', 'line', 'area', 'scatter', 'pie', 'heatmap', 'other']),
  xAxis: Axis.nullable(),
  yAxis: Axis.nullable(),
  columns: z.array(z.object({ name: z.string(), unit: z.string().nullable() })).min(1),
  rows: z.array(z.array(Cell)),
  notes: z.array(z.string()),
});
export type ChartTable = z.infer<typeof ChartTable>;

/** JSON Schema for providers' structured output (OpenAI strict mode: every key required, no extras). */
export function chartJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ChartTable, { target: 'draft-7' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

export type ParseResult = { ok: true; table: ChartTable } | { ok: false; error: string };

/** Accepts bare JSON or JSON inside a ```json fence (the guarded text fallback). */
export function parseChartTable(text: string): ParseResult {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const raw = (fenced ?? text).trim();
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start === -1 || end <= start) return { ok: false, error: 'The answer contains no JSON object.' };
  let json: unknown;
  try {
    json = JSON.parse(raw.slice(start, end + 1));
  } catch (e) {
    return { ok: false, error: `The answer is not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  const r = ChartTable.safeParse(json);
  if (!r.success) return { ok: false, error: r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'table'}: ${i.message}`).join('; ') };
  const width = r.data.columns.length;
  const bad = r.data.rows.findIndex((row) => row.length !== width);
  if (bad !== -1) return { ok: false, error: `Row ${bad + 1} has ${r.data.rows[bad]!.length} cells but there are ${width} columns.` };
  return { ok: true, table: r.data };
}
