import { chartJsonSchema, parseChartTable } from '../chart/schema';
import { schemaOf, type SchemaName } from '../settings/presets';
import { parseReceipt, receiptJsonSchema } from './receipt';
import type { ResponseSchema } from '../providers/types';

export type { SchemaName };
// The schema names live with the presets so the panel can ask without loading the validators.
export { schemaOf };

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

export function responseSchemaFor(name: SchemaName): ResponseSchema {
  const f = STRUCTURED[name];
  return { name: f.wireName, schema: f.jsonSchema() };
}
