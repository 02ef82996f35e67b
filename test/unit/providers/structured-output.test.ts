import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import anthropic from '../../../utils/providers/anthropic.provider';
import compatible from '../../../utils/providers/openai-compatible.provider';
import gemini from '../../../utils/providers/gemini.provider';
import ollama from '../../../utils/providers/ollama.provider';
import openai from '../../../utils/providers/openai.provider';
import type { ProviderDefinition, ProviderRequest } from '../../../utils/providers/types';
import { responseSchemaFor } from '../../../utils/answers/structured';
import { collect, RED_PNG_BASE64, sseData, startWireServer, wireFixture, type WireServer } from '../helpers/wire-server';

const TABLE = responseSchemaFor('chart-table');
const RECEIPT = responseSchemaFor('receipt');
const FORMAT: Record<string, [string, string]> = {
  openai: ['openai-chat-completions.sse', 'text/event-stream'],
  anthropic: ['anthropic-messages.sse', 'text/event-stream'],
  ollama: ['ollama-chat.ndjson', 'application/x-ndjson'],
};

const request = (responseSchema?: ProviderRequest['responseSchema']): ProviderRequest => ({
  model: 'm',
  system: 'You describe images.',
  turns: [{ role: 'user', text: 'Extract the data.', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] }],
  maxTokens: 2048,
  responseSchema,
});

describe('each provider asks for structured output its own way', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer((r, res) => {
      const kind = r.path === '/v1/messages' ? 'anthropic' : r.path === '/api/chat' ? 'ollama' : 'openai';
      const [file, type] = FORMAT[kind]!;
      res.writeHead(200, { 'content-type': type });
      res.end(wireFixture(file));
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  /** Streams one request through the provider and returns the body the server received. */
  async function bodyOf(p: ProviderDefinition, req: ProviderRequest, path = '') {
    const { text, error } = await collect(p.stream({ baseUrl: server.url + path, apiKey: 'k', model: 'm' }, req, new AbortController().signal));
    expect(error).toBeUndefined();
    expect(text).toBe('A red square on a white café table — nothing else.');
    expect(server.requests).toHaveLength(1);
    return server.requests[0]!.body;
  }

  it('OpenAI: response_format json_schema, strict, with the schema as given', async () => {
    const body = await bodyOf(openai, request(TABLE), '/v1');
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'chart_table', strict: true, schema: TABLE.schema } });
    expect(body.stream).toBe(true);
  });

  it('Gemini (OpenAI-compatible endpoint): the same response_format', async () => {
    const body = await bodyOf(gemini, request(RECEIPT), '/v1beta/openai');
    expect(server.requests[0]!.path).toBe('/v1beta/openai/chat/completions');
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'receipt', strict: true, schema: RECEIPT.schema } });
  });

  it('Anthropic: output_config.format json_schema (GA), no tools and no beta header', async () => {
    const body = await bodyOf(anthropic, request(TABLE));
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema: expect.objectContaining({ type: 'object', additionalProperties: false }) } });
    const sent = body.output_config.format.schema;
    expect(sent.required).toEqual(TABLE.schema.required);
    expect(sent.properties.rows.items.items.properties.value).toEqual({ anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }] });
    expect(sent.properties.columns.minItems).toBe(1);
    expect(body).not.toHaveProperty('output_format');
    expect(body).not.toHaveProperty('tools');
    expect(server.requests[0]!.headers['anthropic-beta']).toBeUndefined();
  });

  it('Ollama native: format carries the JSON Schema', async () => {
    const body = await bodyOf(ollama, request(RECEIPT));
    expect(body.format).toEqual(RECEIPT.schema);
    expect(body.stream).toBe(true);
  });

  it('OpenAI-compatible servers are asked for the same strict json_schema (the job falls back when one refuses)', async () => {
    const body = await bodyOf(compatible, request(TABLE), '/v1');
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: TABLE.name, strict: true, schema: TABLE.schema } });
    expect(body.messages.at(-1).content[0].text).toBe('Extract the data.');
  });

  it.each([
    ['openai', openai, '/v1', 'response_format'],
    ['gemini', gemini, '/v1beta/openai', 'response_format'],
    ['anthropic', anthropic, '', 'output_config'],
    ['ollama', ollama, '', 'format'],
    ['openai-compatible', compatible, '/v1', 'response_format'],
  ] as const)('%s sends no %s when the request has no schema', async (_n, p, path, field) => {
    expect(await bodyOf(p, request(), path)).not.toHaveProperty(field);
  });

  it('OpenAI: a structured-output refusal is shown as the answer, not swallowed', async () => {
    const chunk = (delta: object) => sseData({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: null }] });
    server.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk({ role: 'assistant', content: null, refusal: '' }) + chunk({ refusal: 'I can’t help with that.' }) + sseData('[DONE]'));
    });
    const { text } = await collect(openai.stream({ baseUrl: server.url, apiKey: 'k', model: 'gpt-4o' }, request(TABLE), new AbortController().signal));
    expect(text).toBe('I can’t help with that.');
  });
});
