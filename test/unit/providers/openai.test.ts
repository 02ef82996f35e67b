import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import openai from '../../../utils/providers/openai.provider';
import type { ProviderRequest } from '../../../utils/providers/types';
import { collect, RED_PNG_BASE64, startWireServer, wireFixture, type WireServer } from '../helpers/wire-server';

const RECORDED = wireFixture('openai-chat-completions.sse');

const request = (detail?: ProviderRequest['detail']): ProviderRequest => ({
  model: 'gpt-4o',
  turns: [
    { role: 'user', text: 'Describe it.', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] },
    { role: 'assistant', text: 'A red square.' },
    { role: 'user', text: 'What shade of red?' },
  ],
  maxTokens: 256,
  detail,
});

describe('openai provider', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(RECORDED);
    });
  });
  afterAll(() => server.close());

  const send = async (detail?: ProviderRequest['detail']) => {
    const { text, error } = await collect(
      openai.stream({ baseUrl: server.url, apiKey: 'sk-proj-abc', model: 'gpt-4o', detail }, request(detail), new AbortController().signal),
    );
    expect(error).toBeUndefined();
    expect(text).toBe('A red square on a white café table — nothing else.');
    return server.requests.at(-1)!;
  };

  it('sends detail:"low" on the image part when the profile asks for it', async () => {
    const r = await send('low');
    expect(r.path).toBe('/chat/completions');
    expect(r.body.messages[0].content[1]).toEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${RED_PNG_BASE64}`, detail: 'low' },
    });
  });

  it('omits detail when the profile does not set it', async () => {
    const r = await send(undefined);
    expect(r.body.messages[0].content[1].image_url).toEqual({ url: `data:image/png;base64,${RED_PNG_BASE64}` });
  });

  it('sends the image once, with the first user turn, and keeps the conversation order', async () => {
    const r = await send('high');
    const roles = r.body.messages.map((m: { role: string }) => m.role);
    expect(roles).toEqual(['user', 'assistant', 'user']);
    expect(r.body.messages[1]).toEqual({ role: 'assistant', content: 'A red square.' });
    expect(r.body.messages[2].content).toEqual([{ type: 'text', text: 'What shade of red?' }]);
    expect(JSON.stringify(r.body).split('data:image/png').length - 1).toBe(1);
  });
});
