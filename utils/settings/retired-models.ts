/**
 * Models their providers have retired or announced a date for. Data only: a row per model id, the date the
 * provider stops serving it, and the model to move to. Sources, read 2026-12-03: Anthropic's SDK 1.12.0
 * (`DEPRECATED_MODELS`) and model-deprecations page; the deprecation notes in openai-node 7.57.0
 * (`ChatModel`); Gemini API deprecations (Google routes a retired Gemini model to its successor).
 */
import { bareModel } from '../image/vision-rules';

export interface Retirement {
  model: string;
  /** ISO date from which the provider no longer serves the model. */
  retires: string;
  /** What the provider names as its successor (or routes requests to). */
  replacement: string;
}

export const RETIREMENTS: Retirement[] = [
  { model: 'claude-sonnet-4-5', retires: '2026-11-30', replacement: 'claude-sonnet-5-5' },
  { model: 'claude-opus-4-1', retires: '2026-08-05', replacement: 'claude-opus-5-5' },
  { model: 'claude-opus-4-0', retires: '2026-06-15', replacement: 'claude-opus-5-5' },
  { model: 'claude-opus-4-20250514', retires: '2026-06-15', replacement: 'claude-opus-5-5' },
  { model: 'claude-sonnet-4-0', retires: '2026-06-15', replacement: 'claude-sonnet-5-5' },
  { model: 'claude-sonnet-4-20250514', retires: '2026-06-15', replacement: 'claude-sonnet-5-5' },
  { model: 'claude-mythos-preview', retires: '2026-06-30', replacement: 'claude-opus-5-5' },
  { model: 'claude-opus-4-5', retires: '2027-01-22', replacement: 'claude-opus-5-5' },
  { model: 'gpt-4.1-nano', retires: '2026-10-23', replacement: 'gpt-6-luna' },
  { model: 'o4-mini', retires: '2026-10-23', replacement: 'gpt-6-luna' },
  { model: 'o3-mini', retires: '2026-10-23', replacement: 'gpt-6-luna' },
  { model: 'o1', retires: '2026-10-23', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-4-turbo', retires: '2026-10-23', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-4o-2024-05-13', retires: '2026-10-23', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-5', retires: '2026-12-11', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-5-mini', retires: '2026-12-11', replacement: 'gpt-6-luna' },
  { model: 'gpt-5-nano', retires: '2026-12-11', replacement: 'gpt-6-luna' },
  { model: 'o3', retires: '2026-12-11', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-4o', retires: '2027-01-14', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-4o-mini', retires: '2027-01-14', replacement: 'gpt-6-luna' },
  { model: 'gpt-4.1', retires: '2027-01-14', replacement: 'gpt-6.2-sol' },
  { model: 'gpt-4.1-mini', retires: '2027-01-14', replacement: 'gpt-6-luna' },
  { model: 'gemini-2.5-flash', retires: '2026-12-01', replacement: 'gemini-3.5-flash-lite' },
  { model: 'gemini-2.5-pro', retires: '2026-12-01', replacement: 'gemini-3.8-flash' },
];

/** What may follow a model id and still name the same model: a dated snapshot, `-latest`, a numbered version. */
const SAME_MODEL = /^(-\d{4}-?\d{2}-?\d{2}|@\d{8}|-latest|:latest|-\d{3})$/;

export interface ModelStatus extends Retirement {
  /** The date has passed: the provider no longer serves it (or answers with the replacement). */
  retired: boolean;
}

/** The retirement that concerns this model id, if any; `today` is an ISO date. */
export function modelStatus(model: string, today = new Date().toISOString().slice(0, 10), table = RETIREMENTS): ModelStatus | undefined {
  const id = bareModel(model);
  if (!id) return undefined;
  const row = table.find((r) => id === r.model || (id.startsWith(r.model) && SAME_MODEL.test(id.slice(r.model.length))));
  return row && { ...row, retired: row.retires <= today };
}
