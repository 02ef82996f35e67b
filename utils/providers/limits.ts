import { t } from '../i18n';
import { ProviderError } from './errors';
import type { ProviderDefinition, StreamEvent } from './types';

/**
 * The longest answer kept from one request, whatever the server does with the token limit (some ignore it):
 * about 50,000 tokens, far past any description, transcript or table Glimpse asks for.
 */
export const MAX_ANSWER_CHARS = 200_000;

/** The stream, ended with a clear error once its text passes `max` characters (the text so far stays with the caller). */
export async function* capAnswer(events: AsyncIterable<StreamEvent>, max = MAX_ANSWER_CHARS): AsyncIterable<StreamEvent> {
  let length = 0;
  for await (const ev of events) {
    if (ev.type === 'text') {
      length += ev.text.length;
      // Leaving the loop closes the provider's stream, so the server stops being read.
      if (length > max) throw new ProviderError('stream', t('answerTooLong', max.toLocaleString('en')));
    }
    yield ev;
  }
}

/** A provider whose answers are capped. */
export const withAnswerCap = (def: ProviderDefinition): ProviderDefinition => ({
  ...def,
  stream: (cfg, req, signal) => capAnswer(def.stream(cfg, req, signal)),
});
