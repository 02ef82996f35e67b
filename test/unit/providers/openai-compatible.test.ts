import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import compatible from '../../../utils/providers/openai-compatible.provider';
import { collect, RED_PNG_BASE64, sendJson, startWireServer, wireFixture, type WireServer } from '../helpers/wire-server';

const RECORDED = wireFixture('openai-chat-completions.sse');

describe('openai-compatible provider (LM Studio, vLLM, OpenRouter…)', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer((r, res) => {
      if (r.path.endsWith('/models')) return sendJson(res, 200, { object: 'list', data: [{ id: 'b-model', object: 'model', created: 0, owned_by: 'gw' }, { id: 'a-model', object: 'model', created: 0, owned_by: 'gw' }] });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(RECORDED);
    });
  });
  afterAll(() => server.close());

  it('never sends detail, even when the profile has one (many servers reject unknown fields)', async () => {
    const { text, error } = await collect(
      compatible.stream(
        { baseUrl: `${server.url}/v1`, apiKey: 'or-key', model: 'qwen2.5-vl', detail: 'low' },
        {
          model: 'qwen2.5-vl',
          turns: [{ role: 'user', text: 'Describe.', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] }],
          maxTokens: 100,
          detail: 'low',
        },
        new AbortController().signal,
      ),
    );
    expect(error).toBeUndefined();
    expect(text).toContain('red square');
    const r = server.requests.at(-1)!;
    expect(r.path).toBe('/v1/chat/completions');
    expect(r.headers.authorization).toBe('Bearer or-key');
    const image = r.body.messages[0].content[1];
    expect(image).toEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${RED_PNG_BASE64}` } });
    expect(JSON.stringify(r.body)).not.toContain('"detail"');
  });

  it('works without a key (local servers) and still streams', async () => {
    const { text, error } = await collect(
      compatible.stream(
        { baseUrl: `${server.url}/v1/`, apiKey: '', model: 'llava' },
        { model: 'llava', turns: [{ role: 'user', text: 'Hi' }], maxTokens: 10 },
        new AbortController().signal,
      ),
    );
    expect(error).toBeUndefined();
    expect(text.length).toBeGreaterThan(0);
    expect(server.requests.at(-1)!.path).toBe('/v1/chat/completions');
    expect(server.requests.at(-1)!.body.model).toBe('llava');
  });

  it('sends the profile\'s extra headers on the chat request and on the model list, next to the key', async () => {
    const cfg = { baseUrl: `${server.url}/v1`, apiKey: 'sk-gw', model: 'a-model', headers: { 'HTTP-Referer': 'https://example.org/app', 'X-Title': 'Glimpse' } };
    const { error } = await collect(compatible.stream(cfg, { model: 'a-model', turns: [{ role: 'user', text: 'Hi' }], maxTokens: 10 }, new AbortController().signal));
    expect(error).toBeUndefined();
    expect(await compatible.listModels!(cfg, new AbortController().signal)).toEqual(['a-model', 'b-model']);
    const [chat, list] = server.requests.slice(-2);
    expect([chat!.path, list!.path]).toEqual(['/v1/chat/completions', '/v1/models']);
    for (const r of [chat!, list!]) {
      expect(r.headers['http-referer']).toBe('https://example.org/app');
      expect(r.headers['x-title']).toBe('Glimpse');
      expect(r.headers.authorization).toBe('Bearer sk-gw');
    }
  });
});
