import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, ContentBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import { t } from '../i18n';
import { droppedError, fromHttp, midStreamError, networkError, ProviderError, stoppedError } from './errors';
import { defineProvider, type ProviderConfig } from './types';
import { statedLimit } from './token-limit';

function client(cfg: ProviderConfig): Anthropic {
  return new Anthropic({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, ''),
    // Sends anthropic-dangerous-direct-browser-access; without it the API answers 401.
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
  });
}

/** `started`: the HTTP response had arrived, so a lost connection is a drop, not "could not reach". */
function mapError(err: unknown, cfg: ProviderConfig, gotText: boolean, started = gotText): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof Anthropic.APIUserAbortError) return stoppedError();
  if (err instanceof Anthropic.APIConnectionError) {
    return started ? droppedError(gotText) : networkError(err.cause ?? err, cfg.baseUrl);
  }
  if (err instanceof Anthropic.APIError) {
    // {"type":"error","error":{"type","message","details"?},"request_id"}
    const body = err.error as { error?: { type?: string; message?: string; details?: { error_code?: string } } } | undefined;
    const msg = body?.error?.message ?? err.message.replace(/^\d+ status code \(no body\)$/, '');
    if (err.status === undefined) {
      // Overloaded before any text is the same as a 529: worth an automatic retry.
      if (body?.error?.type === 'overloaded_error' && !gotText) {
        return new ProviderError('server', t('errOverloaded', msg));
      }
      return midStreamError(msg, gotText);
    }
    const code = body?.error?.details?.error_code ?? body?.error?.type;
    return fromHttp(err.status, msg, err.headers, code, cfg.model);
  }
  if (err instanceof Error && err.name === 'AbortError') return stoppedError();
  return started ? droppedError(gotText) : networkError(err, cfg.baseUrl);
}

export default defineProvider({
  id: 'anthropic',
  label: 'Anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  defaultModel: 'claude-sonnet-5-5',
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
    let started = false;
    try {
      const create = (maxTokens: number) =>
        client(cfg).messages.create(
          {
            model: req.model, max_tokens: maxTokens, system: req.system, messages, stream: true,
            // GA structured output; the SDK's transform moves keywords Anthropic does not enforce into descriptions.
            ...(req.responseSchema ? { output_config: { format: { type: 'json_schema', schema: transformJSONSchema(req.responseSchema.schema) } } } : {}),
          },
          { signal },
        );
      // A model whose output maximum is below the limit asked for (older Claude models) says so: ask again at its maximum.
      const stream = await create(req.maxTokens).catch((err: unknown) => {
        const lower = err instanceof Anthropic.APIError && err.status === 400 ? statedLimit(err.message, req.maxTokens) : undefined;
        if (!lower) throw err;
        return create(lower);
      });
      started = true;
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
      if (signal.aborted) throw stoppedError();
    } catch (err) {
      throw mapError(err, cfg, gotText, started);
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
