import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import anthropic from '../../../utils/providers/anthropic.provider';
import { ProviderError, type ErrorKind } from '../../../utils/providers/errors';
import ollama from '../../../utils/providers/ollama.provider';
import openaiCompatible from '../../../utils/providers/openai-compatible.provider';
import openai from '../../../utils/providers/openai.provider';
import type { ProviderDefinition, ProviderRequest } from '../../../utils/providers/types';
import { imageVerdict, isKnownTextOnly } from '../../../utils/providers/vision';
import { ERROR_BODIES, type WireFormat } from '../../support/fake-provider';
import { collect, RED_PNG_BASE64, startWireServer, type WireServer } from '../helpers/wire-server';

// Every provider's real error bodies, through the real adapters, to the kind the job acts on.
const PROVIDER: Record<WireFormat, ProviderDefinition> = { openai, anthropic, ollama };
const req = (model: string): ProviderRequest => ({
  model,
  turns: [{ role: 'user', text: 'What is this?', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] }],
  maxTokens: 64,
});

let server: WireServer;
beforeAll(async () => {
  server = await startWireServer();
});
afterAll(() => server.close());

async function errorFor(f: WireFormat | 'lmstudio', status: number, body: string, headers: Record<string, string> = {}, model = 'm') {
  server.handle((_r, res) => {
    res.writeHead(status, { 'content-type': body.startsWith('<') ? 'text/html' : 'application/json', ...headers });
    res.end(body);
  });
  const p = f === 'lmstudio' ? openaiCompatible : PROVIDER[f];
  const baseUrl = f === 'openai' || f === 'lmstudio' ? `${server.url}/v1` : server.url;
  const { error } = await collect(p.stream({ baseUrl, apiKey: 'k', model }, req(model), new AbortController().signal));
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const FORMATS: WireFormat[] = ['openai', 'anthropic', 'ollama'];
type Case = readonly [string, WireFormat | 'lmstudio', number, string, ErrorKind, Record<string, string>?];
const cases: Case[] = [
  ...FORMATS.map((f) => ['401', f, 401, ERROR_BODIES.auth401[f], 'auth'] as const),
  ...FORMATS.map((f) => ['403 with a body', f, 403, ERROR_BODIES.auth403[f], 'auth'] as const),
  ...FORMATS.map((f) => ['404 model', f, 404, ERROR_BODIES.model404[f], 'not-found'] as const),
  ['400 image_url only on certain models', 'openai', 400, ERROR_BODIES.imageRejected400.openai, 'no-vision'],
  ['400 missing data required for image input', 'ollama', 400, ERROR_BODIES.imageRejected400.ollama, 'no-vision'],
  ['400 model does not support images', 'lmstudio', 400, ERROR_BODIES.imageRejected400.lmstudio, 'no-vision'],
  ['400 media type mismatch', 'anthropic', 400, ERROR_BODIES.imageRejected400.anthropic, 'image-format'],
  ['400 invalid_image size', 'openai', 400, JSON.stringify({ error: { message: 'Image size exceeds the limit.', type: 'invalid_request_error', param: null, code: 'invalid_image' } }), 'too-large'],
  ['400 image exceeds 5 MB', 'anthropic', 400, JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 7012345 bytes > 5242880 bytes' }, request_id: 'req_1' }), 'too-large'],
  ...FORMATS.map((f) => ['413', f, 413, ERROR_BODIES.tooLarge413[f], 'too-large'] as const),
  ['429 rate limit', 'openai', 429, ERROR_BODIES.busy.openai.body, 'rate-limit', { 'retry-after': '1' }],
  ['529 overloaded', 'anthropic', 529, ERROR_BODIES.busy.anthropic.body, 'server', { 'retry-after': '1' }],
  ['503 queue full', 'ollama', 503, ERROR_BODIES.busy.ollama.body, 'server'],
  ['429 insufficient_quota', 'openai', 429, ERROR_BODIES.quota429.openai, 'quota'],
  ['429 enforced_spend_limit_reached', 'anthropic', 429, ERROR_BODIES.quota429.anthropic, 'quota'],
  ['400 credit balance too low', 'anthropic', 400, JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' }, request_id: 'req_2' }), 'quota'],
  ...FORMATS.map((f) => ['500', f, 500, ERROR_BODIES.server500[f], 'server'] as const),
];

describe('real error bodies → kinds', () => {
  const rows = cases.map(([name, f, status, body, kind, headers]) => ({ name, f, status, body, kind, headers }));
  it.each(rows)('$name ($f) → $kind', async ({ f, status, body, kind, headers }) => {
    const e = await errorFor(f, status, body, headers, f === 'ollama' ? 'llava' : 'gpt-4o-mini');
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.retryable).toBe(kind === 'rate-limit' || kind === 'server');
    if (headers?.['retry-after']) expect(e.retryAfterMs).toBe(1000);
  });

  it('messages say what to do: key, model, vision, quota', async () => {
    expect((await errorFor('openai', 401, ERROR_BODIES.auth401.openai)).message).toContain('The API key was rejected (401)');
    expect((await errorFor('anthropic', 404, ERROR_BODIES.model404.anthropic, {}, 'claude-9')).message).toContain('Model “claude-9” not found (404)');
    const noVision = await errorFor('openai', 400, ERROR_BODIES.imageRejected400.openai, {}, 'gpt-3.5-turbo-0125');
    expect(noVision.message).toContain("This model can't take images. “gpt-3.5-turbo-0125” reads text only.");
    expect(noVision.message).toContain('image_url is only supported by certain models');
    expect((await errorFor('anthropic', 429, ERROR_BODIES.quota429.anthropic)).message).toContain('quota or spend limit');
  });

  it('an empty-bodied 403 from an OpenAI-style server is still auth, with no placeholder text', async () => {
    const e = await errorFor('openai', 403, '');
    expect(e.kind).toBe('auth');
    expect(e.message).not.toContain('status code (no body)');
  });
});

describe('vision hints', () => {
  it.each(['gpt-3.5-turbo', 'gpt-4', 'gpt-4-0613', 'o3-mini', 'o1-mini', 'claude-2.1', 'deepseek-chat', 'llama3.1:8b', 'llama3', 'mistral:7b', 'qwen2.5:14b', 'qwen2.5-coder', 'gemma2:9b', 'phi3', 'meta-llama/llama-3-70b-instruct', 'openai/gpt-3.5-turbo'])(
    '%s is known text-only',
    (m) => expect(isKnownTextOnly(m)).toBe(true),
  );
  it.each(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4-turbo', 'gpt-5', 'o3', 'o4-mini', 'claude-haiku-4-5', 'claude-3-haiku', 'gemini-2.5-flash', 'llava', 'llava:13b', 'llama3.2-vision', 'qwen2.5vl:7b', 'qwen2.5-vl-7b-instruct', 'gemma3:4b', 'mistral-small3.1', 'pixtral-12b', 'minicpm-v', 'moondream', 'llama-4-scout', 'deepseek-vl2', 'gemini-nano', ''])(
    '%s is not',
    (m) => expect(isKnownTextOnly(m)).toBe(false),
  );
  it('imageVerdict tells no-vision, too-large and format apart, and ignores the rest', () => {
    expect(imageVerdict(undefined, 'this model is missing data required for image input')).toBe('no-vision');
    expect(imageVerdict(undefined, 'No endpoints found that support image input')).toBe('no-vision');
    expect(imageVerdict('invalid_image', 'Image size exceeds the limit.')).toBe('too-large');
    expect(imageVerdict('invalid_image_format', 'You uploaded an unsupported image. Please make sure your image is valid.')).toBe('image-format');
    expect(imageVerdict('invalid_request_error', 'max_tokens: Field required')).toBeUndefined();
    expect(imageVerdict('model_not_found', 'The model `x` does not exist')).toBeUndefined();
  });
});
