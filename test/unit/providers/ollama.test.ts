import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ollama, { ollamaOriginsHelp } from '../../../utils/providers/ollama.provider';
import { ProviderError } from '../../../utils/providers/errors';
import type { ProviderRequest } from '../../../utils/providers/types';
import { byteSlices, collect, RED_PNG_BASE64, sendJson, startWireServer, tick, wireFixture, writeSlowly, type WireServer } from '../helpers/wire-server';

const RECORDED = wireFixture('ollama-chat.ndjson');
const LINES = RECORDED.split(/(?<=\n)/);
const NDJSON = { 'content-type': 'application/x-ndjson' };

const req: ProviderRequest = {
  model: 'llava',
  system: 'You describe images.',
  turns: [{ role: 'user', text: 'What is this?', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] }],
  maxTokens: 2048,
};

describe('ollama provider over native /api/chat NDJSON', () => {
  let server: WireServer;
  const cfg = (suffix = '') => ({ baseUrl: server.url + suffix, apiKey: '', model: 'llava' });
  const run = (signal = new AbortController().signal, suffix = '') => collect(ollama.stream(cfg(suffix), req, signal));
  async function failure(signal?: AbortSignal) {
    const { text, error } = await run(signal);
    expect(error).toBeInstanceOf(ProviderError);
    return { text, error: error as ProviderError };
  }

  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('streams the recorded answer (byte-split) and reports prompt_eval_count / eval_count', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, NDJSON);
      await writeSlowly(res, byteSlices(RECORDED, 41), 1);
      res.end();
    });
    const { text, events, error } = await run();
    expect(error).toBeUndefined();
    expect(text).toBe('A red square on a white café table — nothing else.');
    expect(events.at(-1)).toEqual({ type: 'usage', inputTokens: 591, outputTokens: 14 });
  });

  it('posts to {base}/api/chat with raw base64 images (no data: prefix), even from a …/v1 Base URL', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, NDJSON);
      res.end(RECORDED);
    });
    await run(undefined, '/v1/');
    const r = server.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/api/chat');
    expect(r.body).toEqual({
      model: 'llava',
      stream: true,
      messages: [
        { role: 'system', content: 'You describe images.' },
        { role: 'user', content: 'What is this?', images: [RED_PNG_BASE64] },
      ],
    });
  });

  it('403 with an empty body → ollama-origin, with the OLLAMA_ORIGINS command', async () => {
    server.handle((_r, res) => {
      res.writeHead(403);
      res.end();
    });
    const { error } = await failure();
    expect(error.kind).toBe('ollama-origin');
    expect(error.message).toContain('OLLAMA_ORIGINS');
    expect(error.message).toContain('chrome-extension://*');
  });

  it('tells each OS how to set OLLAMA_ORIGINS', () => {
    expect(ollamaOriginsHelp('Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toMatch(/^Run in PowerShell: setx OLLAMA_ORIGINS/);
    expect(ollamaOriginsHelp('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)')).toMatch(/launchctl setenv OLLAMA_ORIGINS/);
    expect(ollamaOriginsHelp('Mozilla/5.0 (X11; Linux x86_64)')).toMatch(/systemctl edit ollama\.service/);
  });

  it('404 {"error":"model … not found"} → not-found, suggesting ollama pull', async () => {
    server.handle((_r, res) => sendJson(res, 404, { error: 'model "llava" not found, try pulling it first' }));
    const { error } = await failure();
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('ollama pull llava');
  });

  it('500 → server', async () => {
    server.handle((_r, res) => sendJson(res, 500, { error: 'llama runner process has terminated: signal: killed' }));
    const { error } = await failure();
    expect(error.kind).toBe('server');
    expect(error.message).toContain('llama runner process has terminated');
  });

  it('an {"error":…} line after some text → stream, and the text is kept', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, NDJSON);
      await writeSlowly(res, [...LINES.slice(0, 2), '{"error":"an error was encountered while running the model: unexpected EOF"}\n']);
      res.end();
    });
    const { text, error } = await failure();
    expect(text).toBe('A red square on');
    expect(error.kind).toBe('stream');
    expect(error.message).toContain('unexpected EOF');
  });

  it('an {"error":…} line before any text saying the model lacks image input → no-vision', async () => {
    server.handle((_r, res) => {
      res.writeHead(200, NDJSON);
      res.end('{"error":"this model is missing data required for image input"}\n');
    });
    const { text, error } = await failure();
    expect(text).toBe('');
    expect(error.kind).toBe('no-vision');
    expect(error.message).toContain("This model can't take images");
    expect(error.message).toContain('missing data required for image input');
  });

  it('a connection destroyed mid-stream → stream, and the text is kept', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, NDJSON);
      await writeSlowly(res, LINES.slice(0, 2));
      await tick(20);
      res.socket?.destroy();
    });
    const { text, error } = await failure();
    expect(text).toBe('A red square on');
    expect(error.kind).toBe('stream');
  });

  it('aborting mid-stream → aborted', async () => {
    server.handle(async (_r, res) => {
      res.writeHead(200, NDJSON);
      await writeSlowly(res, LINES.slice(0, 1));
    });
    const ctl = new AbortController();
    let caught: unknown;
    try {
      for await (const ev of ollama.stream(cfg(), req, ctl.signal)) if (ev.type === 'text') ctl.abort();
    } catch (err) {
      caught = err;
    }
    expect((caught as ProviderError | undefined)?.kind).toBe('aborted');
  });

  it('aborting before the response → aborted', async () => {
    server.handle(() => {
      /* never answers */
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const { error } = await failure(ctl.signal);
    expect(error.kind).toBe('aborted');
  });

  it('Ollama not running → network, naming the Base URL', async () => {
    const gone = await startWireServer();
    await gone.close();
    const { error } = await collect(ollama.stream({ baseUrl: gone.url, apiKey: '', model: 'llava' }, req, new AbortController().signal));
    expect((error as ProviderError).kind).toBe('network');
    expect((error as ProviderError).message).toContain(gone.url);
  });

  it('sends the profile\'s extra headers, and a key as Bearer, on /api/chat and on /api/tags', async () => {
    server.handle((r, res) => {
      if (r.path === '/api/tags') return sendJson(res, 200, { models: [{ name: 'llava:latest' }] });
      res.writeHead(200, NDJSON);
      res.end(RECORDED);
    });
    const gw = { ...cfg(), apiKey: 'ol-key', headers: { 'X-Team': 'vision', 'CF-Access-Client-Id': 'abc.access' } };
    const { error } = await collect(ollama.stream(gw, req, new AbortController().signal));
    expect(error).toBeUndefined();
    expect(await ollama.listModels!(gw, new AbortController().signal)).toEqual(['llava:latest']);
    expect(server.requests.map((r) => r.path)).toEqual(['/api/chat', '/api/tags']);
    for (const r of server.requests) {
      expect(r.headers['x-team']).toBe('vision');
      expect(r.headers['cf-access-client-id']).toBe('abc.access');
      expect(r.headers.authorization).toBe('Bearer ol-key');
    }
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });
});
