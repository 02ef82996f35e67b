import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import openai from '../../../utils/providers/openai.provider';
import openaiCompatible from '../../../utils/providers/openai-compatible.provider';
import gemini from '../../../utils/providers/gemini.provider';
import { ProviderError } from '../../../utils/providers/errors';
import type { ProviderDefinition, ProviderRequest, StreamEvent } from '../../../utils/providers/types';
import {
  byteSlices, collect, RED_PNG_BASE64, sendJson, sseData, sseFrames, startWireServer, tick, wireFixture, writeSlowly,
  type WireServer,
} from '../helpers/wire-server';

// The shared Chat Completions wire code, driven through every provider that uses it.
const RECORDED = wireFixture('openai-chat-completions.sse');
const FULL_TEXT = 'A red square on a white café table — nothing else.';
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

const req: ProviderRequest = {
  model: 'gpt-4o',
  system: 'You describe images.',
  turns: [{ role: 'user', text: 'What is this?', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] }],
  maxTokens: 256,
};

async function failureOf(stream: AsyncIterable<StreamEvent>): Promise<{ text: string; error: ProviderError }> {
  const { text, error } = await collect(stream);
  expect(error).toBeInstanceOf(ProviderError);
  return { text, error: error as ProviderError };
}

const cases: [string, ProviderDefinition, string][] = [
  ['openai', openai, ''],
  ['openai-compatible', openaiCompatible, '/v1/'],
  ['gemini', gemini, '/v1beta/openai'],
];

describe.each(cases)('%s over the Chat Completions wire format', (_id, provider, suffix) => {
  let server: WireServer;
  const cfg = () => ({ baseUrl: server.url + suffix, apiKey: 'sk-test-123', model: 'gpt-4o' });
  const path = `${suffix.replace(/\/+$/, '')}/chat/completions`;

  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('streams the recorded answer, split at arbitrary byte boundaries, and reports usage', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE_HEADERS);
      await writeSlowly(res, byteSlices(RECORDED, 97), 1);
      res.end();
    });
    const { text, events, error } = await collect(provider.stream(cfg(), req, new AbortController().signal));
    expect(error).toBeUndefined();
    expect(text).toBe(FULL_TEXT);
    expect(events.filter((e) => e.type === 'text').length).toBe(12);
    expect(events.at(-1)).toEqual({ type: 'usage', inputTokens: 1114, outputTokens: 12 });
  });

  it('sends the key, the stream flags, the model and the image as a data URL', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.end(RECORDED);
    });
    await collect(provider.stream(cfg(), req, new AbortController().signal));
    expect(server.requests).toHaveLength(1);
    const [r] = server.requests;
    expect(r!.method).toBe('POST');
    expect(r!.path).toBe(path);
    expect(r!.headers.authorization).toBe('Bearer sk-test-123');
    expect(r!.body).toMatchObject({ model: 'gpt-4o', stream: true, stream_options: { include_usage: true } });
    // The output-token limit, in the field OpenAI documents (max_tokens is deprecated there).
    expect(r!.body.max_completion_tokens).toBe(256);
    expect(r!.body).not.toHaveProperty('max_tokens');
    const user = r!.body.messages.find((m: { role: string }) => m.role === 'user');
    expect(r!.body.messages[0]).toEqual({ role: 'system', content: 'You describe images.' });
    expect(user.content[0]).toEqual({ type: 'text', text: 'What is this?' });
    expect(user.content[1].type).toBe('image_url');
    const url: string = user.content[1].image_url.url;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).toEqual(Buffer.from(RED_PNG_BASE64, 'base64'));
  });

  it('a server that refuses max_completion_tokens gets max_tokens instead, and from then on at once', async () => {
    server.handle((r, res) => {
      if ('max_completion_tokens' in r.body) {
        return sendJson(res, 400, { error: { message: 'Unrecognized request argument supplied: max_completion_tokens', type: 'invalid_request_error', param: null, code: null } });
      }
      res.writeHead(200, SSE_HEADERS);
      res.end(RECORDED);
    });
    const first = await collect(provider.stream(cfg(), req, new AbortController().signal));
    expect(first.error).toBeUndefined();
    expect(first.text).toBe(FULL_TEXT);
    expect(server.requests.map((r) => [r.body.max_completion_tokens, r.body.max_tokens])).toEqual([[256, undefined], [undefined, 256]]);
    server.requests.length = 0;
    expect((await collect(provider.stream(cfg(), req, new AbortController().signal))).text).toBe(FULL_TEXT);
    expect(server.requests.map((r) => [r.body.max_completion_tokens, r.body.max_tokens])).toEqual([[undefined, 256]]);
  });

  it('a model whose output maximum is lower gets its maximum; any other 400 is not resent', async () => {
    server.handle((r, res) => {
      if (r.body.max_completion_tokens > 100) {
        return sendJson(res, 400, { error: { message: `max_completion_tokens is too large: ${r.body.max_completion_tokens}. This model supports at most 100 completion tokens, whereas you provided ${r.body.max_completion_tokens}.`, type: 'invalid_request_error', param: 'max_completion_tokens', code: null } });
      }
      res.writeHead(200, SSE_HEADERS);
      res.end(RECORDED);
    });
    expect((await collect(provider.stream({ ...cfg(), baseUrl: `${cfg().baseUrl}/` }, req, new AbortController().signal))).text).toBe(FULL_TEXT);
    expect(server.requests.map((r) => r.body.max_completion_tokens)).toEqual([256, 100]);
    server.requests.length = 0;
    server.handle((_r, res) => sendJson(res, 400, { error: { message: 'Invalid value for messages', type: 'invalid_request_error', param: 'messages', code: null } }));
    const { error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(error.kind).toBe('bad-request');
    expect(server.requests).toHaveLength(1);
  });

  it('401 with OpenAI’s error body → auth, telling the user to check the key', async () => {
    server.handle((_r, res) =>
      sendJson(res, 401, {
        error: { message: 'Incorrect API key provided: sk-test-***123.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
      }),
    );
    const { error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/check the key/i);
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.retryable).toBe(false);
  });

  it('429 with retry-after: 2 → rate-limit, retryable after 2000 ms', async () => {
    server.handle((_r, res) =>
      sendJson(
        res,
        429,
        { error: { message: 'Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, Used 3, Requested 1.', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
        { 'retry-after': '2' },
      ),
    );
    const { error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(2000);
    expect(error.retryable).toBe(true);
    expect(server.requests).toHaveLength(1); // the SDK must not retry on its own
  });

  it('429 insufficient_quota → quota, not retryable', async () => {
    server.handle((_r, res) =>
      sendJson(res, 429, {
        error: {
          message: 'You exceeded your current quota, please check your plan and billing details.',
          type: 'insufficient_quota', param: null, code: 'insufficient_quota',
        },
      }),
    );
    const { error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(error.kind).toBe('quota');
    expect(error.retryable).toBe(false);
  });

  it('500 → server', async () => {
    server.handle((_r, res) =>
      sendJson(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }),
    );
    const { error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });

  it('an error event after HTTP 200 → stream, and the text before it is kept', async () => {
    const frames = sseFrames(RECORDED);
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE_HEADERS);
      await writeSlowly(res, [...frames.slice(0, 4), sseData({ error: { message: 'overloaded', type: 'server_error' } })]);
      res.end();
    });
    const { text, error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(text).toBe('A red square');
    expect(error.kind).toBe('stream');
    expect(error.message).toContain('overloaded');
  });

  it('a connection destroyed mid-stream → stream, and the text before it is kept', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE_HEADERS);
      await writeSlowly(res, sseFrames(RECORDED).slice(0, 3));
      await tick(20);
      res.socket?.destroy();
    });
    const { text, error } = await failureOf(provider.stream(cfg(), req, new AbortController().signal));
    expect(text).toBe('A red');
    expect(error.kind).toBe('stream');
  });

  it('aborting before the response starts → aborted', async () => {
    server.handle(() => {
      /* never answers */
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const { error } = await failureOf(provider.stream(cfg(), req, ctl.signal));
    expect(error.kind).toBe('aborted');
  });

  it('aborting mid-stream → aborted, not a silent end', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE_HEADERS);
      await writeSlowly(res, sseFrames(RECORDED).slice(0, 3));
      // then hangs: the answer is still being generated
    });
    const ctl = new AbortController();
    let text = '';
    let caught: unknown;
    try {
      for await (const ev of provider.stream(cfg(), req, ctl.signal)) {
        if (ev.type === 'text') text += ev.text;
        if (text === 'A red') ctl.abort();
      }
    } catch (err) {
      caught = err;
    }
    expect(text).toBe('A red');
    expect(caught).toBeInstanceOf(ProviderError);
    expect((caught as ProviderError).kind).toBe('aborted');
  });

  it('nothing listening → network, naming the Base URL', async () => {
    const gone = await startWireServer();
    await gone.close();
    const { error } = await failureOf(provider.stream({ ...cfg(), baseUrl: gone.url }, req, new AbortController().signal));
    expect(error.kind).toBe('network');
    expect(error.message).toContain(gone.url);
  });
});
