import type { Entry } from '../store/db';
import { sentences, t, type MessageName } from '../i18n';
import { ProviderError } from '../providers/errors';
import type { ChatTurn, StreamEvent } from '../providers/types';
import { STRUCTURED, type SchemaName } from '../answers/structured';

type Usage = Entry['usage'];

/** What each schema's answer is called in notices (English: the format's noun). */
const NOUN: Record<SchemaName, MessageName> = { 'chart-table': 'structuredNounTable', receipt: 'structuredNounReceipt' };

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
  const noun = t(NOUN[schema]);
  const first = format.check(text);
  if (first.ok) return { text };
  onRepair?.(t('repairAsking', noun, first.error.replace(/\.$/, '')));
  let fixed = '';
  let usage: Usage;
  try {
    const repairTurns: ChatTurn[] = [...turns, { role: 'assistant', text }, { role: 'user', text: repairPrompt(first.errorEn ?? first.error) }];
    for await (const ev of send(repairTurns)) {
      if (ev.type === 'text') fixed += ev.text;
      else if (ev.type === 'usage') usage = { inputTokens: ev.inputTokens ?? usage?.inputTokens, outputTokens: ev.outputTokens ?? usage?.outputTokens };
    }
  } catch (err) {
    const why = err instanceof ProviderError && err.kind === 'aborted' ? t('repairWasStopped') : t('repairFailed', err instanceof Error ? err.message : String(err));
    return { text, usage, notice: unreadable(noun, first.error, why) };
  }
  const second = format.check(fixed);
  if (second.ok) return { text: fixed, raw: text, usage };
  return { text, usage, notice: unreadable(noun, first.error, t('repairInvalidAgain', second.error.replace(/\.$/, ''))) };
}

const unreadable = (noun: string, error: string, then: string) =>
  sentences(t('repairUnreadable', noun, error.replace(/\.$/, '')), then, t('repairOriginalShown'));
