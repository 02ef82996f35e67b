import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';

/*
 * The output-token limit on the Chat Completions wire. OpenAI takes `max_completion_tokens` (`max_tokens` is
 * deprecated, and refused by its reasoning models); many compatible servers know only `max_tokens`. The limit
 * goes out as `max_completion_tokens`; a server that refuses that field by name gets `max_tokens` from then on,
 * and a model whose own maximum is lower (it says so in the refusal) gets its maximum.
 */

/** Base URLs that refused `max_completion_tokens` in this worker's life. */
const legacyServers = new Set<string>();

/** The model's own output maximum, when a refusal states one lower than `asked`. */
export function statedLimit(message: string, asked: number): number | undefined {
  // OpenAI: "… This model supports at most 4096 completion tokens …"; Anthropic: "max_tokens: 16384 > 8192, which is the maximum allowed …".
  const m = /at most (\d+) (?:completion |output )?tokens/i.exec(message) ?? />\s*(\d+),? which is the maximum/i.exec(message);
  const n = m ? Number(m[1]) : NaN;
  return n > 0 && n < asked ? n : undefined;
}

const refusesField = (message: string) =>
  /max_completion_tokens/.test(message) && /unrecognized|unsupported|not supported|unknown|extra|not permitted|not allowed|invalid (?:field|param|arg)/i.test(message);

function asLegacy(body: ChatCompletionCreateParamsStreaming): ChatCompletionCreateParamsStreaming {
  const { max_completion_tokens: max, ...rest } = body;
  return max == null ? body : { ...rest, max_tokens: max };
}

/** The body to send after `err`, or undefined when the refusal is not about the token limit. */
function retryBody(err: unknown, body: ChatCompletionCreateParamsStreaming, baseUrl: string): ChatCompletionCreateParamsStreaming | undefined {
  if (!(err instanceof OpenAI.APIError) || err.status !== 400) return undefined;
  const inner = err.error as { message?: string } | string | undefined;
  const message = `${typeof inner === 'string' ? inner : (inner?.message ?? '')} ${err.message}`;
  const asked = body.max_completion_tokens ?? body.max_tokens;
  const lower = asked ? statedLimit(message, asked) : undefined;
  if (lower) return body.max_completion_tokens != null ? { ...body, max_completion_tokens: lower } : { ...body, max_tokens: lower };
  if (body.max_completion_tokens != null && refusesField(message)) {
    legacyServers.add(baseUrl);
    return asLegacy(body);
  }
  return undefined;
}

/** Starts the stream, resending at most twice when the server refuses the token limit's field or size. */
export async function createWithTokenLimit(client: OpenAI, body: ChatCompletionCreateParamsStreaming, baseUrl: string, signal: AbortSignal) {
  let next = legacyServers.has(baseUrl) ? asLegacy(body) : body;
  for (let tries = 0; ; tries++) {
    try {
      return await client.chat.completions.create(next, { signal });
    } catch (err) {
      const again = tries < 2 ? retryBody(err, next, baseUrl) : undefined;
      if (!again) throw err;
      next = again;
    }
  }
}
