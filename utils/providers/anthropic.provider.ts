import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, ContentBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { fromHttp, networkError, ProviderError } from './errors';
import { defineProvider, type ProviderConfig } from './types';

function client(cfg: ProviderConfig): Anthropic {
  return new Anthropic({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, ''),
    // Sends anthropic-dangerous-direct-browser-access; without it the API answers 401.
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
  });
}

function mapError(err: unknown, cfg: ProviderConfig, gotText: boolean): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof Anthropic.APIUserAbortError) return new ProviderError('aborted', 'Stopped.');
  if (err instanceof Anthropic.APIConnectionError) {
    return gotText
      ? new ProviderError('stream', 'The connection dropped while the answer was streaming. The partial answer is kept; retry to get a full one.')
      : networkError(err.cause ?? err, cfg.baseUrl);
  }
  if (err instanceof Anthropic.APIError) {
    const body = err.error as { error?: { type?: string; message?: string; details?: { error_code?: string } } } | undefined;
    const msg = body?.error?.message ?? err.message;
    if (err.status === undefined) {
      if (body?.error?.type === 'overloaded_error' && !gotText) {
        return new ProviderError('server', `The provider is overloaded: “${msg}”.`);
      }
      return new ProviderError('stream', `The provider reported an error during the answer: “${msg}”. The partial answer is kept; retry to get a full one.`);
    }
    const code = body?.error?.details?.error_code ?? body?.error?.type;
    return fromHttp(err.status, msg, err.headers, code);
  }
  if (err instanceof Error && err.name === 'AbortError') return new ProviderError('aborted', 'Stopped.');
  return gotText
    ? new ProviderError('stream', 'The connection dropped while the answer was streaming. The partial answer is kept; retry to get a full one.')
    : networkError(err, cfg.baseUrl);
}

export default defineProvider({
  id: 'anthropic',
  label: 'Anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  defaultModel: 'claude-sonnet-4-5',
  keyRequired: true,
  keyUrl: 'https://console.anthropic.com/settings/keys',

  async *stream(cfg, req, signal) {
    const messages: MessageParam[] = req.turns.map((turn) => {
      if (turn.role === 'assistant') return { role: 'assistant', content: turn.text };
      const content: ContentBlockParam[] = (turn.images ?? []).map((img) => ({
        type: 'image',
        source: { type: 'base64', media_type: img.mime as 'image/png', data: img.base64 },
      }));
      content.push({ type: 'text', text: turn.text });
      return { role: 'user', content };
    });
    let gotText = false;
    try {
      const stream = await client(cfg).messages.create(
        { model: req.model, max_tokens: req.maxTokens, system: req.system, messages, stream: true },
        { signal },
      );
      for await (const ev of stream) {
        if (ev.type === 'message_start') {
          yield { type: 'usage', inputTokens: ev.message.usage.input_tokens, outputTokens: ev.message.usage.output_tokens };
        } else if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') {
          gotText = true;
          yield { type: 'text', text: ev.delta.text };
        } else if (ev.type === 'message_delta') {
          // message_delta usage is cumulative.
          yield { type: 'usage', inputTokens: ev.usage.input_tokens ?? undefined, outputTokens: ev.usage.output_tokens };
        }
      }
      // The SDK ends the iteration quietly when the signal aborts mid-stream; that is a stop, not a full answer.
      if (signal.aborted) throw new ProviderError('aborted', 'Stopped.');
    } catch (err) {
      throw mapError(err, cfg, gotText);
    }
  },

  async listModels(cfg, signal) {
    try {
      const ids: string[] = [];
      for await (const m of client(cfg).models.list({}, { signal })) ids.push(m.id);
      return ids;
    } catch (err) {
      throw mapError(err, cfg, false);
    }
  },
});
