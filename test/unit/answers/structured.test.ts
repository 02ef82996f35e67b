import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as zm } from '../../../utils/answers/zod';
import { chartJsonSchema } from '../../../utils/chart/schema';
import { strictJsonSchema } from '../../../utils/answers/json-schema';
import { BUILTIN_PRESETS } from '../../../utils/settings/presets';
import { cleanReceipt, parseReceipt, receiptJsonSchema } from '../../../utils/answers/receipt';
import { responseSchemaFor, schemaOf, STRUCTURED } from '../../../utils/answers/structured';

type Node = Record<string, any>;
const KNOWN = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'enum', 'const', 'description', 'minItems', '$defs', '$ref']);

/**
 * Everything OpenAI's strict mode refuses, found by walking the schema independently of how it was made:
 * an object that is open or has an optional property, a keyword outside the supported subset, a root that
 * is not an object, a type array with more than one real type.
 */
function strictProblems(node: unknown, path = '#'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => strictProblems(n, `${path}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const n = node as Node;
  const out: string[] = [];
  for (const k of Object.keys(n)) if (!KNOWN.has(k)) out.push(`${path}: keyword ${k}`);
  if (n.type === 'object' || n.properties) {
    if (n.additionalProperties !== false) out.push(`${path}: additionalProperties is not false`);
    const keys = Object.keys(n.properties ?? {});
    const missing = keys.filter((k) => !(n.required ?? []).includes(k));
    if (missing.length) out.push(`${path}: not required: ${missing.join(', ')}`);
  }
  if (Array.isArray(n.type) && n.type.filter((t: string) => t !== 'null').length > 1) out.push(`${path}: type union ${n.type.join('|')}`);
  for (const [k, v] of Object.entries(n)) {
    if (k === 'properties' || k === '$defs') for (const [name, s] of Object.entries(v as Node)) out.push(...strictProblems(s, `${path}/${k}/${name}`));
    else if (k === 'items' || k === 'anyOf') out.push(...strictProblems(v, `${path}/${k}`));
  }
  return out;
}

describe('strict JSON Schemas for structured output', () => {
  it.each([
    ['chart table', chartJsonSchema()],
    ['receipt', receiptJsonSchema()],
  ])('the %s schema is strict-mode compatible at every level', (_name, schema) => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('$schema');
    expect(strictProblems(schema)).toEqual([]);
  });

  it('the walker finds what strict mode refuses (so the test above can fail)', () => {
    const loose = z.toJSONSchema(z.object({ a: z.string(), b: z.object({ c: z.number().optional() }).passthrough(), d: z.union([z.number(), z.string()]) }));
    const problems = strictProblems(loose).join('\n');
    expect(problems).toContain('#: keyword $schema');
    expect(problems).toContain('#/properties/b: not required: c');
    expect(problems).toContain('#/properties/b: additionalProperties is not false');
  });

  it('nullable stays a type array; a union of real types becomes anyOf; nested objects are closed', () => {
    const s = chartJsonSchema() as Node;
    expect(s.properties.xAxis.anyOf[0]).toMatchObject({ type: 'object', additionalProperties: false, required: ['label', 'unit', 'min', 'max'] });
    expect(s.properties.xAxis.anyOf[0].properties.min.type).toEqual(['number', 'null']);
    expect(s.properties.rows.items.items.properties.value).toEqual({ anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }] });
  });

  it('an optional property is a programming error, not a silently loose schema', () => {
    expect(() => strictJsonSchema(zm.object({ a: zm.string(), b: zm.optional(zm.string()) }))).toThrow(/optional b.*nullable/);
  });

  it('the schema still accepts what the parser accepts, and every wire name follows OpenAI’s rule', () => {
    for (const [name, f] of Object.entries(STRUCTURED)) {
      expect(responseSchemaFor(name as keyof typeof STRUCTURED)).toEqual({ name: f.wireName, schema: f.jsonSchema() });
      expect(f.wireName).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    }
  });
});

describe('presets name their schema', () => {
  const builtin = (id: string) => BUILTIN_PRESETS.find((p) => p.id === id)!;
  it('the table and receipt built-ins carry one; others do not', () => {
    expect(schemaOf(builtin('table'))).toBe('chart-table');
    expect(schemaOf(builtin('receipt'))).toBe('receipt');
    expect(schemaOf(builtin('describe'))).toBeUndefined();
    expect(schemaOf(undefined)).toBeUndefined();
  });
  it('a stored copy saved before schemas existed inherits the built-in’s, unless its output changed', () => {
    expect(schemaOf({ id: 'table', output: 'table' })).toBe('chart-table');
    expect(schemaOf({ id: 'table', output: 'markdown' })).toBeUndefined();
    expect(schemaOf({ id: 'my-receipts', output: 'json', schema: 'receipt' })).toBe('receipt');
    expect(schemaOf({ id: 'my-notes', output: 'json' })).toBeUndefined();
  });
});

describe('receipts', () => {
  const answer = { vendor: 'AEON CO. (M) BHD', date: '22/04/2018', currency: 'RM', total: 'RM 10.20', tax: 0.58, items: [{ name: 'BIG NUT BREAD', quantity: 1, price: '3.90' }] };
  it('parses bare or fenced JSON and says what is wrong otherwise', () => {
    expect(parseReceipt('```json\n' + JSON.stringify(answer) + '\n```')).toEqual({ ok: true, receipt: answer });
    expect(parseReceipt('The total is RM 10.20.')).toEqual({ ok: false, error: 'The answer contains no JSON object.' });
    expect(parseReceipt(JSON.stringify({ ...answer, items: 'none' }))).toMatchObject({ ok: false, error: expect.stringMatching(/^items: /) });
  });
  it('cleans to an ISO date, an ISO currency and numbers', () => {
    expect(cleanReceipt(answer)).toEqual({
      vendor: 'AEON CO. (M) BHD', date: '2018-04-22', dateIso: true, currency: 'MYR', total: 10.2, tax: 0.58,
      items: [{ name: 'BIG NUT BREAD', quantity: 1, price: 3.9 }],
    });
    expect(cleanReceipt({ ...answer, currency: null, date: 'last Tuesday' })).toMatchObject({ currency: 'MYR', date: 'last Tuesday', dateIso: false });
    expect(cleanReceipt({ ...answer, currency: 'eur', total: null })).toMatchObject({ currency: 'EUR', total: null });
  });
});
