import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
// ajv 8 (draft 2020-12) for OpenAPI 3.1 schemas. Needs `ajv` as a devDependency.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import openai from '../../../utils/providers/openai.provider';
import { chatBody } from '../../../utils/providers/openai-chat';
import type { ProviderRequest } from '../../../utils/providers/types';
import { responseSchemaFor } from '../../../utils/answers/structured';
import { collect, RED_PNG_BASE64, startWireServer, wireFixture } from '../helpers/wire-server';

// OpenAI's published OpenAPI spec (see /work/shared/specs/README.md); nothing of it is copied here.
const SPEC_PATH = '/work/shared/specs/openai-openapi.json';
const HAVE_SPEC = existsSync(SPEC_PATH);
const SPEC_ID = 'https://openai.invalid/openapi.json';

/**
 * The spec still carries OpenAPI 3.0 `nullable: true`, sometimes next to `$ref`/`anyOf` with no `type`,
 * which ajv refuses. Rewrite it as JSON Schema: `type: [t, 'null']`, or `anyOf: [schema, {type:'null'}]`.
 */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = nullableToJsonSchema(v);
  if (!('nullable' in out)) return out;
  const { nullable, ...rest } = out;
  if (nullable !== true) return rest;
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  return { anyOf: [rest, { type: 'null' }] };
}

const image = { mime: 'image/png', base64: RED_PNG_BASE64 };
const oneTurn = (detail?: ProviderRequest['detail']): ProviderRequest => ({
  model: 'gpt-4o',
  system: 'You describe images.',
  turns: [{ role: 'user', text: 'Describe this image.', images: [image] }],
  maxTokens: 2048,
  detail,
});
const conversation: ProviderRequest = {
  model: 'gpt-4.1-mini',
  system: 'You describe images.',
  turns: [
    { role: 'user', text: 'Describe this image.', images: [image] },
    { role: 'assistant', text: 'A red square.' },
    { role: 'user', text: 'Is there any text?' },
  ],
  maxTokens: 2048,
};

describe.skipIf(!HAVE_SPEC)('chatBody() against OpenAI’s CreateChatCompletionRequest schema', () => {
  let validate: ValidateFunction;
  const errorsOf = (body: unknown) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

  beforeAll(() => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    // The image part's url is `format: uri`; a data: URL must be an absolute, parseable URI.
    ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
    ajv.addSchema({ ...(nullableToJsonSchema(spec) as object), $id: SPEC_ID });
    const fn = ajv.getSchema(`${SPEC_ID}#/components/schemas/CreateChatCompletionRequest`);
    if (!fn) throw new Error('CreateChatCompletionRequest is missing from the spec');
    validate = fn;
  }, 60_000);

  it.each([
    ['no detail', oneTurn(), {}],
    ['detail low', oneTurn('low'), { detail: true }],
    ['detail high', oneTurn('high'), { detail: true }],
    ['detail auto', oneTurn('auto'), { detail: true }],
  ] as const)('a one-image request (%s) is valid', (_name, req, opts) => {
    expect(errorsOf(chatBody(req, opts))).toEqual([]);
  });

  // After a 413 or an unreadable image, the job sends the same request with the image re-encoded as JPEG.
  it.each(['low', 'high', 'auto', undefined] as const)('the 413 retry body (JPEG data URL, detail %s) is valid', (detail) => {
    const jpeg = { mime: 'image/jpeg', base64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64') };
    const req: ProviderRequest = { ...oneTurn(detail), turns: [{ role: 'user', text: 'Describe this image.', images: [jpeg] }] };
    const body = chatBody(req, { detail: true });
    expect((body.messages[1]!.content as any)[1].image_url.url).toMatch(/^data:image\/jpeg;base64,/);
    expect(errorsOf(body)).toEqual([]);
  });

  it('a follow-up conversation (image only in the first turn) is valid', () => {
    const body = chatBody(conversation, { detail: true });
    expect(body.messages).toHaveLength(4);
    expect(errorsOf(body)).toEqual([]);
  });

  it('the body the openai provider actually puts on the wire is valid', async () => {
    const server = await startWireServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(wireFixture('openai-chat-completions.sse'));
    });
    try {
      const cfg = { baseUrl: server.url, apiKey: 'sk-x', model: 'gpt-4o', detail: 'low' as const };
      await collect(openai.stream(cfg, oneTurn('low'), new AbortController().signal));
      expect(server.requests).toHaveLength(1);
      expect(errorsOf(server.requests[0]!.body)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('carries the output limit as max_completion_tokens, and the max_tokens fallback body is valid too', async () => {
    expect(chatBody(oneTurn()).max_completion_tokens).toBe(2048);
    const server = await startWireServer((r, res) => {
      if ('max_completion_tokens' in r.body) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { message: "Unsupported parameter: 'max_completion_tokens'", type: 'invalid_request_error', param: 'max_completion_tokens', code: 'unsupported_parameter' } }));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(wireFixture('openai-chat-completions.sse'));
    });
    try {
      await collect(openai.stream({ baseUrl: server.url, apiKey: 'sk-x', model: 'gpt-4o' }, oneTurn(), new AbortController().signal));
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1]!.body.max_tokens).toBe(2048);
      for (const r of server.requests) expect(errorsOf(r.body)).toEqual([]);
      expect(errorsOf({ ...server.requests[0]!.body, max_completion_tokens: 'many' })).not.toEqual([]);
    } finally {
      await server.close();
    }
  });

  // Structured output for the table and receipt presets: the body OpenAI and Gemini get.
  it.each(['chart-table', 'receipt'] as const)('a request with response_format json_schema (%s, strict) is valid', async (name) => {
    const req: ProviderRequest = { ...oneTurn('high'), responseSchema: responseSchemaFor(name) };
    const body = chatBody(req, { detail: true, schema: true });
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(errorsOf(body)).toEqual([]);
    const server = await startWireServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(wireFixture('openai-chat-completions.sse'));
    });
    try {
      await collect(openai.stream({ baseUrl: server.url, apiKey: 'sk-x', model: 'gpt-4o', detail: 'high' }, req, new AbortController().signal));
      expect(server.requests[0]!.body.response_format.json_schema.name).toBe(req.responseSchema!.name);
      expect(errorsOf(server.requests[0]!.body)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('rejects a malformed response_format', () => {
    const body = chatBody({ ...oneTurn(), responseSchema: responseSchemaFor('receipt') }, { schema: true }) as any;
    expect(errorsOf({ ...body, response_format: { type: 'json_schema' } })).not.toEqual([]);
    expect(errorsOf({ ...body, response_format: { ...body.response_format, type: 'schema' } })).not.toEqual([]);
    expect(errorsOf({ ...body, response_format: { ...body.response_format, json_schema: { ...body.response_format.json_schema, strict: 'yes' } } })).not.toEqual([]);
  });

  // The validator must be able to say no, or the tests above prove nothing.
  it('rejects bodies that break the schema', () => {
    const body = chatBody(oneTurn('low'), { detail: true });
    expect(errorsOf({ ...body, messages: [] })).not.toEqual([]);
    const badDetail = structuredClone(body) as any;
    badDetail.messages[1].content[1].image_url.detail = 'ultra';
    expect(errorsOf(badDetail)).not.toEqual([]);
    const badUrl = structuredClone(body) as any;
    badUrl.messages[1].content[1].image_url.url = 'image/png;base64 not a uri';
    expect(errorsOf(badUrl)).not.toEqual([]);
    const badRole = structuredClone(body) as any;
    badRole.messages[1].role = 'human';
    expect(errorsOf(badRole)).not.toEqual([]);
  });
});
