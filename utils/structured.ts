import { chartJsonSchema, parseChartTable } from './chart/schema';
import { findPreset, type Preset, type SchemaName } from './presets';
import { parseReceipt, receiptJsonSchema } from './receipt';
import type { ResponseSchema } from './providers/types';

export type { SchemaName };

export interface StructuredFormat {
  /** What the answer is, in notices: "table", "receipt". */
  noun: string;
  /** json_schema.name on the wire. */
  wireName: string;
  jsonSchema(): Record<string, unknown>;
  /** The same check the view applies, so "valid" means "renders". */
  check(text: string): { ok: true } | { ok: false; error: string; errorEn?: string };
}

export const STRUCTURED: Record<SchemaName, StructuredFormat> = {
  'chart-table': { noun: 'table', wireName: 'chart_table', jsonSchema: chartJsonSchema, check: parseChartTable },
  receipt: { noun: 'receipt', wireName: 'receipt', jsonSchema: receiptJsonSchema, check: parseReceipt },
};

/**
 * The preset's schema. A copy stored before built-ins named one inherits the built-in's (if it still has
 * the built-in's output), so users who saved their preset list still get structured output.
 */
export function schemaOf(preset: Pick<Preset, 'id' | 'schema' | 'output'> | undefined): SchemaName | undefined {
  if (!preset) return undefined;
  const builtin = findPreset(preset.id);
  const name = preset.schema ?? (builtin?.output === preset.output ? builtin.schema : undefined);
  return name && name in STRUCTURED ? name : undefined;
}

export function responseSchemaFor(name: SchemaName): ResponseSchema {
  const f = STRUCTURED[name];
  return { name: f.wireName, schema: f.jsonSchema() };
}
