import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import compatible from '../../../utils/providers/openai-compatible.provider';
import { collect, RED_PNG_BASE64, startWireServer, wireFixture, type WireServer } from '../helpers/wire-server';

const RECORDED = wireFixture('openai-chat-completions.sse');

describe('openai-compatible provider (LM Studio, vLLM, OpenRouter…)', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer((_r, res) => {
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
});
