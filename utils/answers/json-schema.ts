import { english, t, type MessageName } from '../i18n';
import { z } from './zod';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A zod schema as JSON Schema in the subset OpenAI's strict mode accepts (Anthropic, Gemini and Ollama
 * accept it too): every object closed with `additionalProperties: false` and every property required.
 * Optional fields cannot be expressed there, so they are a programming error: use `.nullable()`.
 */
export function strictJsonSchema(schema: z.ZodMiniType): Node {
  const out = z.toJSONSchema(schema, { io: 'output' }) as Node;
  delete out.$schema;
  return tighten(out, '') as Node;
}

function tighten(node: unknown, path: string): unknown {
  if (Array.isArray(node)) return node.map((n, i) => tighten(n, `${path}[${i}]`));
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' || k === '$defs' ? mapValues(v, path) : tighten(v, `${path}.${k}`);
  // `type: [a, b, 'null']` is fine as a nullable, but a union of several real types is clearer to every
  // provider's validator as anyOf (Gemini's subset has no type arrays beyond nullables).
  if (Array.isArray(out.type) && out.type.filter((t) => t !== 'null').length > 1) {
    const { type, ...rest } = out;
    return { ...rest, anyOf: (type as string[]).map((t) => ({ type: t })) };
  }
  if (out.type === 'object' || isNode(out.properties)) {
    const keys = Object.keys(isNode(out.properties) ? out.properties : {});
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    const optional = keys.filter((k) => !required.has(k));
    if (optional.length) throw new Error(`Strict JSON Schema: ${path || 'root'} has optional ${optional.join(', ')}; make them .nullable() instead.`);
    out.required = keys;
    out.additionalProperties = false;
  }
  return out;
}

const mapValues = (v: unknown, path: string) =>
  isNode(v) ? Object.fromEntries(Object.entries(v).map(([k, s]) => [k, tighten(s, `${path}.${k}`)])) : v;

/** `error` in the UI language; `errorEn` its English when that differs, for the repair prompt (prompts stay English). */
export type ParseFailure = { ok: false; error: string; errorEn?: string };
export type JsonResult = { ok: true; json: unknown } | ParseFailure;

export function parseFailure(name: MessageName, ...subs: (string | number)[]): ParseFailure {
  const error = t(name, ...subs);
  const errorEn = english(name, ...subs);
  return errorEn === error ? { ok: false, error } : { ok: false, error, errorEn };
}

/** The JSON object in an answer: bare, or inside a ```json fence (the guarded text fallback). */
export function extractJson(text: string): JsonResult {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const raw = (fenced ?? text).trim();
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start === -1 || end <= start) return parseFailure('jsonNoObject');
  try {
    return { ok: true, json: JSON.parse(raw.slice(start, end + 1)) };
  } catch (e) {
    return parseFailure('jsonInvalid', e instanceof Error ? e.message : String(e));
  }
}

/** The first few zod issues as one readable sentence, paths included. */
export const issuesText = (error: z.core.$ZodError, what: string): string =>
  error.issues.slice(0, 3).map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
