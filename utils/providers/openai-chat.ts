import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { droppedError, fromHttp, midStreamError, networkError, ProviderError, stoppedError } from './errors';
import type { ProviderConfig, ProviderRequest, StreamEvent } from './types';
import { createWithTokenLimit } from './token-limit';

/** Shared wire code for every provider that speaks OpenAI Chat Completions. */
export function openaiClient(cfg: ProviderConfig): OpenAI {
  return new OpenAI({
    apiKey: cfg.apiKey || 'none',
    baseURL: cfg.baseUrl.replace(/\/+$/, ''),
    // The worker is a browser-like context; openai >= 7.5 throws without this.
    dangerouslyAllowBrowser: true,
    // Retries are ours, so the user sees them and quota 429s are not retried.
    maxRetries: 0,
    // The profile's extra headers go on every call the client makes: chat, model list, Test connection.
    defaultHeaders: cfg.headers,
  });
}

/**
 * `detail`: send the image detail (OpenAI only). `schema`: ask for req.responseSchema as strict
 * `response_format: json_schema` (OpenAI, Gemini); other servers get the prompt's JSON-in-text request only.
 */
export function chatBody(req: ProviderRequest, opts: { detail?: boolean; schema?: boolean } = {}): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  for (const turn of req.turns) {
    if (turn.role === 'assistant') {
      messages.push({ role: 'assistant', content: turn.text });
      continue;
    }
    // Text before images, as OpenRouter recommends; order does not matter to OpenAI.
    messages.push({
      role: 'user',
      content: [
        { type: 'text', text: turn.text },
        ...(turn.images ?? []).map((img) => ({
          type: 'image_url' as const,
          image_url: {
            url: `data:${img.mime};base64,${img.base64}`,
            ...(opts.detail && req.detail ? { detail: req.detail } : {}),
          },
        })),
      ],
    });
  }
  return {
    model: req.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    // The output limit (token-limit.ts falls back to max_tokens for servers that refuse this field).
    max_completion_tokens: req.maxTokens,
    ...(opts.schema && req.responseSchema
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: req.responseSchema.name, strict: true, schema: req.responseSchema.schema } } }
      : {}),
  };
}

/** `started`: the HTTP response had arrived, so a lost connection is a drop, not "could not reach". */
export function mapOpenAIError(err: unknown, cfg: ProviderConfig, gotText: boolean, started = gotText): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof OpenAI.APIUserAbortError) return stoppedError();
  if (err instanceof OpenAI.APIConnectionError) {
    return started ? droppedError(gotText) : networkError(err.cause ?? err, cfg.baseUrl);
  }
  if (err instanceof OpenAI.APIError) {
    // OpenAI nests {message, type, param, code} under `error`; Ollama and LM Studio send a bare string there.
    const body = err.error as { message?: string; code?: string | null; type?: string } | string | undefined;
    // An empty body (Ollama's 403, some gateways) leaves only the SDK's placeholder text.
    const msg = typeof body === 'string' ? body : (body?.message ?? err.message.replace(/^\d+ status code \(no body\)$/, ''));
    const code = typeof body === 'string' ? undefined : (body?.code ?? body?.type ?? undefined);
    if (err.status === undefined) return midStreamError(msg, gotText);
    return fromHttp(err.status, msg, err.headers, code, cfg.model);
  }
  if (err instanceof Error && err.name === 'AbortError') return stoppedError();
  return started ? droppedError(gotText) : networkError(err, cfg.baseUrl);
}

export async function* streamChat(
  client: OpenAI,
  cfg: ProviderConfig,
  body: ChatCompletionCreateParamsStreaming,
  signal: AbortSignal,
): AsyncIterable<StreamEvent> {
  let gotText = false;
  let started = false;
  try {
    const stream = await createWithTokenLimit(client, body, cfg.baseUrl, signal);
    started = true;
    for await (const chunk of stream) {
      // A structured-output refusal arrives as `refusal`, not content: show it rather than an empty answer.
      const text = chunk.choices[0]?.delta?.content || chunk.choices[0]?.delta?.refusal;
      if (text) {
        gotText = true;
        yield { type: 'text', text };
      }
      if (chunk.usage) {
        yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
    }
    // The SDK ends the iteration quietly when the signal aborts mid-stream; that is a stop, not a full answer.
    if (signal.aborted) throw stoppedError();
  } catch (err) {
    throw mapOpenAIError(err, cfg, gotText, started);
  }
}

export async function listChatModels(client: OpenAI, cfg: ProviderConfig, signal: AbortSignal): Promise<string[]> {
  try {
    const ids: string[] = [];
    for await (const m of client.models.list({ signal })) ids.push(m.id);
    return ids.sort();
  } catch (err) {
    throw mapOpenAIError(err, cfg, false);
  }
}
