import { sentences, t } from '../i18n';
import { droppedError, fromHttp, midStreamError, networkError, ProviderError, stoppedError } from './errors';
import { imageVerdict, noVisionMessage } from './vision';
import { defineProvider, type ProviderConfig } from './types';

const ORIGINS = 'chrome-extension://*,moz-extension://*,safari-web-extension://*';

/** The exact command to allow extension origins, for the user's OS. */
export function ollamaOriginsHelp(ua: string = globalThis.navigator?.userAgent ?? ''): string {
  if (/Windows/i.test(ua)) return t('ollamaHelpWindows', ORIGINS);
  if (/Mac OS X|Macintosh/i.test(ua)) return t('ollamaHelpMac', ORIGINS);
  return t('ollamaHelpLinux', ORIGINS);
}

function base(cfg: ProviderConfig): string {
  return cfg.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** The profile's extra headers on every request; a key, when set, as Bearer (Ollama behind an auth proxy, ollama.com). */
const headersOf = (cfg: ProviderConfig): Record<string, string> => ({
  ...cfg.headers,
  ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}),
});

async function failure(res: Response, cfg: ProviderConfig): Promise<ProviderError> {
  const text = await res.text().catch(() => '');
  if (res.status === 403 && !text.trim()) {
    return new ProviderError('ollama-origin', sentences(t('ollamaForbidden'), ollamaOriginsHelp()), 403);
  }
  let msg = text;
  try {
    msg = (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    /* not JSON: keep the text */
  }
  if (res.status === 404 && !imageVerdict(undefined, msg)) {
    return new ProviderError('not-found', t('ollamaNoModel', cfg.model), 404);
  }
  return fromHttp(res.status, msg, res.headers, undefined, cfg.model);
}

/** Ollama's lines are one token each, or the final stats: a line longer than this is not Ollama talking. */
export const MAX_NDJSON_LINE = 1024 * 1024;

async function* ndjson(body: ReadableStream<Uint8Array>, maxLine = MAX_NDJSON_LINE): AsyncIterable<Record<string, unknown>> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buf += value;
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) yield JSON.parse(line) as Record<string, unknown>;
      }
      if (buf.length > maxLine) throw new ProviderError('stream', t('ollamaLineTooLong', Math.round(maxLine / 1024)));
      if (done) break;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  if (buf.trim()) yield JSON.parse(buf) as Record<string, unknown>;
}

/** Ollama's native /api/chat: raw base64 images, NDJSON stream. */
export default defineProvider({
  id: 'ollama',
  label: 'Ollama',
  defaultBaseUrl: 'http://localhost:11434',
  defaultModel: 'llava',
  keyRequired: false,
  keyUrl: 'https://ollama.com/download',

  async *stream(cfg, req, signal) {
    const messages = [
      ...(req.system ? [{ role: 'system', content: req.system }] : []),
      ...req.turns.map((t) => ({
        role: t.role,
        content: t.text,
        ...(t.images?.length ? { images: t.images.map((i) => i.base64) } : {}),
      })),
    ];
    let gotText = false;
    let res: Response;
    try {
      res = await fetch(`${base(cfg)}/api/chat`, {
        method: 'POST',
        headers: { ...headersOf(cfg), 'content-type': 'application/json' },
        // `format` takes a JSON Schema and constrains decoding to it.
        body: JSON.stringify({ model: req.model, messages, stream: true, ...(req.responseSchema ? { format: req.responseSchema.schema } : {}) }),
        signal,
      });
    } catch (err) {
      if (signal.aborted) throw stoppedError();
      throw networkError(err, cfg.baseUrl);
    }
    if (!res.ok || !res.body) throw await failure(res, cfg);
    try {
      for await (const line of ndjson(res.body)) {
        if (typeof line.error === 'string') {
          if (gotText) throw midStreamError(line.error, true);
          if (imageVerdict(undefined, line.error) === 'no-vision') throw new ProviderError('no-vision', noVisionMessage(cfg.model, line.error));
          throw new ProviderError('bad-request', t('ollamaError', line.error));
        }
        const text = (line.message as { content?: string } | undefined)?.content;
        if (text) {
          gotText = true;
          yield { type: 'text', text };
        }
        if (line.done) {
          yield {
            type: 'usage',
            inputTokens: line.prompt_eval_count as number | undefined,
            outputTokens: line.eval_count as number | undefined,
          };
        }
      }
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (signal.aborted) throw stoppedError();
      throw droppedError(gotText);
    }
  },

  async listModels(cfg, signal) {
    let res: Response;
    try {
      res = await fetch(`${base(cfg)}/api/tags`, { headers: headersOf(cfg), signal });
    } catch (err) {
      throw networkError(err, cfg.baseUrl);
    }
    if (!res.ok) throw await failure(res, cfg);
    const json = (await res.json()) as { models?: { name: string }[] };
    return (json.models ?? []).map((m) => m.name);
  },
});
