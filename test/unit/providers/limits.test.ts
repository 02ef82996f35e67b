import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { ProviderError } from '../../../utils/providers/errors';
import { MAX_ANSWER_CHARS } from '../../../utils/providers/limits';
import { MAX_NDJSON_LINE } from '../../../utils/providers/ollama.provider';
import { getProvider } from '../../../utils/providers/registry';
import type { ProviderRequest } from '../../../utils/providers/types';
import { collect, sseData, startWireServer, tick, type WireServer } from '../helpers/wire-server';

const req: ProviderRequest = { model: 'm', turns: [{ role: 'user', text: 'Describe.' }], maxTokens: 64 };

/** Writes `chunk()` until the client hangs up (or `limit` writes); resolves how many bytes went out. */
function endless(res: ServerResponse, chunk: (i: number) => string, limit = 100_000): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    let i = 0;
    const more = () => {
      if (res.destroyed || res.writableEnded || i >= limit) return resolve(bytes);
      const c = chunk(i++);
      bytes += Buffer.byteLength(c);
      res.write(c, () => void setTimeout(more, 0));
    };
    res.on('close', () => resolve(bytes));
    more();
  });
}

/** A server that streams without end is cut off: the answer is capped, and so is Ollama's line buffer. */
describe('stream limits', () => {
  let server: WireServer;
  let sent: Promise<number> = Promise.resolve(0);
  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());

  it('an answer past the cap ends with a clear error, the text so far kept, the connection closed (OpenAI wire)', async () => {
    const token = 'blah '.repeat(200); // 1,000 characters a chunk
    server.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      sent = endless(res, () => sseData({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: token }, finish_reason: null }] }));
    });
    const { text, error } = await collect(getProvider('openai-compatible')!.stream({ baseUrl: `${server.url}/v1`, apiKey: '', model: 'm' }, req, new AbortController().signal));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/answer passed 200,000 characters and was stopped there; what arrived is kept/);
    expect(text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(text.length).toBeGreaterThan(MAX_ANSWER_CHARS - 2000);
    // The client hung up: the server stopped well short of its 100,000 chunks.
    expect(await Promise.race([sent, tick(5000).then(() => Infinity)])).toBeLessThan(10_000 * token.length);
  });

  it('the same cap holds on the Ollama wire', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      sent = endless(res, () => `${JSON.stringify({ model: 'm', message: { role: 'assistant', content: 'x'.repeat(1000) }, done: false })}\n`);
    });
    const { error } = await collect(getProvider('ollama')!.stream({ baseUrl: server.url, apiKey: '', model: 'm' }, req, new AbortController().signal));
    expect((error as Error).message).toMatch(/answer passed 200,000 characters/);
  });

  it('an Ollama line that never ends is not buffered past the cap', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ model: 'm', message: { role: 'assistant', content: 'Hi' }, done: false })}\n`);
      sent = endless(res, () => 'y'.repeat(64 * 1024));
    });
    const { text, error } = await collect(getProvider('ollama')!.stream({ baseUrl: server.url, apiKey: '', model: 'm' }, req, new AbortController().signal));
    expect(text).toBe('Hi');
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/sent a line of more than 1024 KB without ending it.*Base URL points at Ollama/);
    expect(await Promise.race([sent, tick(5000).then(() => Infinity)])).toBeLessThan(20 * MAX_NDJSON_LINE);
  });
});
