import type { Entry } from '../db';
import { ProviderError } from '../providers/errors';
import type { ChatTurn, StreamEvent } from '../providers/types';
import { STRUCTURED, type SchemaName } from '../structured';

type Usage = Entry['usage'];

/** The user turn of the one repair request. */
export const repairPrompt = (error: string): string =>
  `That was not valid for the schema: ${error.trim().replace(/\.$/, '')}. Reply with only the corrected JSON.`;

/** Usage of two requests for one answer, so the cost shown includes the repair. */
export function addUsage(a: Usage, b: Usage): Usage {
  if (!a || !b) return a ?? b;
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  return { inputTokens: sum(a.inputTokens, b.inputTokens), outputTokens: sum(a.outputTokens, b.outputTokens) };
}

export interface Checked {
  /** The text to store: the repaired answer when it validates, else the original. */
  text: string;
  /** The original answer, when a repair replaced it. */
  raw?: string;
  /** Why the answer still cannot be read (shown with it). */
  notice?: string;
  /** What the repair request used. */
  usage?: Usage;
}

export interface RepairOptions {
  schema: SchemaName;
  /** The finished answer. */
  text: string;
  /** The conversation that produced it. */
  turns: ChatTurn[];
  /** Sends one request with these turns (same profile, same response schema). */
  send: (turns: ChatTurn[]) => AsyncIterable<StreamEvent>;
  /** Told once, when a repair starts. */
  onRepair?: (notice: string) => void;
}

/**
 * Validates a finished answer with its schema's parser; when invalid, asks ONE repair in the same
 * conversation. Never throws: any failure keeps the original text and says why.
 */
export async function checkAndRepair({ schema, text, turns, send, onRepair }: RepairOptions): Promise<Checked> {
  const format = STRUCTURED[schema];
  const first = format.check(text);
  if (first.ok) return { text };
  onRepair?.(`The answer was not a valid ${format.noun} (${first.error.replace(/\.$/, '')}). Glimpse is asking the model once to correct it…`);
  let fixed = '';
  let usage: Usage;
  try {
    const repairTurns: ChatTurn[] = [...turns, { role: 'assistant', text }, { role: 'user', text: repairPrompt(first.error) }];
    for await (const ev of send(repairTurns)) {
      if (ev.type === 'text') fixed += ev.text;
      else if (ev.type === 'usage') usage = { inputTokens: ev.inputTokens ?? usage?.inputTokens, outputTokens: ev.outputTokens ?? usage?.outputTokens };
    }
  } catch (err) {
    const why = err instanceof ProviderError && err.kind === 'aborted' ? 'it was stopped' : `it failed: ${err instanceof Error ? err.message : String(err)}`;
    return { text, usage, notice: unreadable(format.noun, first.error, `Glimpse asked the model to correct it, but ${why}`) };
  }
  const second = format.check(fixed);
  if (second.ok) return { text: fixed, raw: text, usage };
  return { text, usage, notice: unreadable(format.noun, first.error, `The model’s correction was not valid either (${second.error.replace(/\.$/, '')})`) };
}

const unreadable = (noun: string, error: string, then: string) =>
  `Glimpse could not read a ${noun} from this answer: ${error.replace(/\.$/, '')}. ${then}. The original answer is shown.`;
