import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import anthropic from '../../../utils/providers/anthropic.provider';
import { ProviderError } from '../../../utils/providers/errors';
import type { ProviderRequest } from '../../../utils/providers/types';
import {
  byteSlices, collect, RED_PNG_BASE64, sendJson, sseEvent, sseFrames, startWireServer, tick, wireFixture, writeSlowly,
  type WireServer,
} from '../helpers/wire-server';

const RECORDED = wireFixture('anthropic-messages.sse');
const FRAMES = sseFrames(RECORDED);
// message_start, content_block_start, ping, then the first two text deltas.
const FIRST_TWO_DELTAS = FRAMES.slice(0, 5);
const SSE = { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' };

const req: ProviderRequest = {
  model: 'claude-haiku-4-5',
  system: 'You describe images.',
  turns: [{ role: 'user', text: 'What is this?', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] }],
  maxTokens: 2048,
};

async function failure(server: WireServer, signal = new AbortController().signal) {
  const { text, error } = await collect(
    anthropic.stream({ baseUrl: `${server.url}/v1`, apiKey: 'sk-ant-test', model: req.model }, req, signal),
  );
  expect(error).toBeInstanceOf(ProviderError);
  return { text, error: error as ProviderError };
}

describe('anthropic provider over the Messages SSE wire format', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('streams the recorded answer (byte-split) and reports input and output tokens', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, byteSlices(RECORDED, 67), 1);
      res.end();
    });
    const { text, events, error } = await collect(
      anthropic.stream({ baseUrl: server.url, apiKey: 'sk-ant-test', model: req.model }, req, new AbortController().signal),
    );
    expect(error).toBeUndefined();
    expect(text).toBe('A red square on a white café table — nothing else.');
    const usage = events.filter((e) => e.type === 'usage');
    expect(usage[0]).toMatchObject({ inputTokens: 1472 });
    expect(usage.at(-1)).toMatchObject({ outputTokens: 15 });
  });

  it('sends the key, version, browser-access header and a base64 image block to /v1/messages', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, SSE);
      res.end(RECORDED);
    });
    // A Base URL that ends in /v1 must not become /v1/v1/messages.
    await collect(anthropic.stream({ baseUrl: `${server.url}/v1/`, apiKey: 'sk-ant-test', model: req.model }, req, new AbortController().signal));
    const r = server.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/messages');
    // @anthropic-ai/sdk 1.x documents apiKey as "Sent as `Authorization: Bearer <key>`"; 0.x used x-api-key.
    const key = r.headers['x-api-key'] ?? r.headers.authorization?.replace(/^Bearer /, '');
    expect(key).toBe('sk-ant-test');
    expect(r.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    expect(r.body).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 2048, system: 'You describe images.', stream: true });
    expect(r.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: RED_PNG_BASE64 } },
          { type: 'text', text: 'What is this?' },
        ],
      },
    ]);
  });

  it('a model whose output maximum is below max_tokens is asked again at its maximum', async () => {
    server.handle((r, res) => {
      if (r.body.max_tokens > 1024) {
        return sendJson(res, 400, {
          type: 'error',
          error: { type: 'invalid_request_error', message: `max_tokens: ${r.body.max_tokens} > 1024, which is the maximum allowed number of output tokens for claude-haiku-4-5` },
        });
      }
      res.writeHead(200, SSE);
      res.end(RECORDED);
    });
    const { text, error } = await collect(anthropic.stream({ baseUrl: server.url, apiKey: 'k', model: req.model }, req, new AbortController().signal));
    expect(error).toBeUndefined();
    expect(text.length).toBeGreaterThan(0);
    expect(server.requests.map((r) => r.body.max_tokens)).toEqual([2048, 1024]);
  });

  it('401 authentication_error → auth, telling the user to check the key', async () => {
    server.handle((_r, res) =>
      sendJson(res, 401, {
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
        request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
      }),
    );
    const { error } = await failure(server);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/check the key/i);
    expect(error.message).toContain('invalid x-api-key');
  });

  it('429 rate_limit_error with retry-after: 2 → rate-limit after 2000 ms, no SDK retry', async () => {
    server.handle((_r, res) =>
      sendJson(
        res,
        429,
        { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' }, request_id: 'req_01' },
        { 'retry-after': '2' },
      ),
    );
    const { error } = await failure(server);
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(2000);
    expect(server.requests).toHaveLength(1);
  });

  it('429 with details.error_code enforced_spend_limit_reached → quota, not retried', async () => {
    server.handle((_r, res) =>
      sendJson(
        res,
        429,
        { type: 'error', error: { type: 'rate_limit_error', message: 'Spend limit reached.', details: { error_code: 'enforced_spend_limit_reached' } }, request_id: 'req_03' },
        { 'retry-after': '30' },
      ),
    );
    const { error } = await failure(server);
    expect(error.kind).toBe('quota');
    expect(error.retryable).toBe(false);
  });

  it('500 api_error → server', async () => {
    server.handle((_r, res) =>
      sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: 'Internal server error' }, request_id: 'req_02' }),
    );
    const { error } = await failure(server);
    expect(error.kind).toBe('server');
    expect(error.retryable).toBe(true);
  });

  it('an error event after some text → stream, and the text is kept', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, [
        ...FIRST_TWO_DELTAS,
        sseEvent('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
      ]);
      res.end();
    });
    const { text, error } = await failure(server);
    expect(text).toBe('A red square on');
    expect(error.kind).toBe('stream');
    expect(error.message).toContain('Overloaded');
  });

  it('an overloaded error event before any text → server, so it is retried', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, [FRAMES[0]!, sseEvent('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })]);
      res.end();
    });
    const { text, error } = await failure(server);
    expect(text).toBe('');
    expect(error.kind).toBe('server');
  });

  it('a connection destroyed mid-stream → stream, and the text is kept', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, FIRST_TWO_DELTAS);
      await tick(20);
      res.socket?.destroy();
    });
    const { text, error } = await failure(server);
    expect(text).toBe('A red square on');
    expect(error.kind).toBe('stream');
  });

  it('aborting before the response → aborted', async () => {
    server.handle(() => {
      /* never answers */
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const { error } = await failure(server, ctl.signal);
    expect(error.kind).toBe('aborted');
  });

  it('aborting mid-stream → aborted, not a silent end', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, FIRST_TWO_DELTAS);
    });
    const ctl = new AbortController();
    let text = '';
    let caught: unknown;
    try {
      for await (const ev of anthropic.stream({ baseUrl: server.url, apiKey: 'k', model: req.model }, req, ctl.signal)) {
        if (ev.type === 'text') text += ev.text;
        if (text === 'A red') ctl.abort();
      }
    } catch (err) {
      caught = err;
    }
    expect(text).toBe('A red');
    expect((caught as ProviderError | undefined)?.kind).toBe('aborted');
  });
});
