import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimiter, type RateLimit } from './rate-limit';

export type { RateLimit };

/** One recorded request, as the provider would have received it. */
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** Bytes of the request body as sent. */
  size: number;
  /** When the request line arrived (ms since epoch). */
  at: number;
  /** The client's port: requests that came over the same connection share it. */
  port?: number;
  /** Provider endpoints: the status answered and when the response ended. */
  status?: number;
  doneAt?: number;
}


export type Fault =
  /** Answers with this status; `body` is sent as is (JSON unless `contentType` says otherwise). */
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string>; contentType?: string }
  /** After line `afterLine` (default 1) of the stream, the format's own error event, or `line`. */
  | { kind: 'midstream-error'; afterLine?: number; line?: string }
  /** After line `afterLine` (default 1), the socket is destroyed. */
  | { kind: 'drop'; afterLine?: number }
  | { kind: 'hang' };

export interface StreamPlan {
  chunks: string[];
  /** Milliseconds between chunks. */
  delayMs?: number;
  /** Pause before the last content chunk until release() is called. */
  holdBeforeLast?: boolean;
}

const sse = (res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A local server that speaks the providers' real wire formats: OpenAI Chat Completions SSE,
 * Anthropic Messages SSE (named events and ping) and Ollama NDJSON. It records every request
 * and serves test pages and images.
 */
export class FakeProvider {
  requests: Recorded[] = [];
  plan: StreamPlan = { chunks: ['Hello', ' from', ' the fake', ' model.'] };
  faults: Fault[] = [];
  /** Model ids listed by GET /v1/models (OpenAI or Anthropic shape) and GET /api/tags (Ollama). */
  models: string[] = ['fake-vision'];
  /** Like Ollama without OLLAMA_ORIGINS: 403 with an empty body for browser-extension origins. */
  rejectExtensionOrigin = false;
  /** Like a server or model without structured output: a 400 (OpenAI's error body) to chat requests that carry response_format. */
  refuseResponseFormat = false;
  /** Like LM Studio with "Enable CORS": provider endpoints answer any origin (pages and images do not). */
  cors = false;
  /** When set, provider endpoints admit requests like a rate-limited API (test/support/rate-limit.ts). */
  get limit(): RateLimit | undefined {
    return this.limiter?.limit;
  }
  set limit(l: RateLimit | undefined) {
    this.limiter = l && new RateLimiter(l, ERROR_BODIES.busy.openai.body);
  }
  private limiter: RateLimiter | undefined;
  pages = new Map<string, { type: string; body: Buffer | string }>();
  private server: Server;
  private releaseHold: (() => void) | undefined;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop() {
    this.releaseHold?.();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  reset() {
    this.requests = [];
    this.faults = [];
    this.plan = { chunks: ['Hello', ' from', ' the fake', ' model.'] };
    this.models = ['fake-vision'];
    this.rejectExtensionOrigin = false;
    this.refuseResponseFormat = false;
    this.cors = false;
    this.limit = undefined;
  }

  release() {
    this.releaseHold?.();
  }

  /** Requests to a provider endpoint (not pages or images). */
  providerRequests(): Recorded[] {
    return this.requests.filter((r) => r.method === 'POST');
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const at = Date.now();
    const raw = await new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (d) => (s += d));
      req.on('end', () => resolve(s));
    });
    if (req.method === 'OPTIONS') {
      // `*` does not cover Authorization: a server that allows CORS names the headers asked for.
      const asked = this.cors ? String(req.headers['access-control-request-headers'] ?? '*') : '*';
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': asked, 'access-control-allow-methods': '*' });
      return res.end();
    }
    let body: any = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep raw */
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body, size: Buffer.byteLength(raw), at, port: req.socket.remotePort });
    const page = this.pages.get(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': page.type });
      return res.end(page.body);
    }
    if (this.cors) res.setHeader('access-control-allow-origin', '*');
    if (this.rejectExtensionOrigin && /^(chrome|moz)-extension:\/\//.test(String(req.headers.origin ?? ''))) {
      res.writeHead(403);
      return res.end();
    }
    if (req.method === 'GET' && url.pathname.endsWith('/models')) return this.modelList(res, 'anthropic-version' in req.headers);
    if (req.method === 'GET' && url.pathname === '/api/tags') return this.ollamaTags(res);
    // Faults hit provider endpoints only, never a favicon or page request that happens to come first.
    const endpoint = url.pathname.endsWith('/chat/completions') || url.pathname.endsWith('/v1/messages') || url.pathname === '/api/chat';
    if (endpoint) {
      const rec = this.requests.at(-1)!;
      res.on('close', () => Object.assign(rec, { status: res.statusCode, doneAt: Date.now() }));
      if (this.limiter && !this.limiter.admit(res)) return;
    }
    const refused = this.refuseResponseFormat && url.pathname.endsWith('/chat/completions') && body?.response_format;
    const fault: Fault | undefined = refused ? { kind: 'status', status: 400, body: ERROR_BODIES.responseFormat400.openai } : endpoint ? this.faults.shift() : undefined;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...fault.headers });
      return res.end(fault.body);
    }
    if (fault?.kind === 'hang') return; // never answers; the client must time out or stop
    if (url.pathname.endsWith('/chat/completions')) return this.openai(res, body, fault);
    if (url.pathname.endsWith('/v1/messages')) return this.anthropic(res, body, fault);
    if (url.pathname === '/api/chat') return this.ollama(res, body, fault);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  private modelList(res: ServerResponse, anthropic: boolean) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const body = anthropic
      ? {
          data: this.models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' })),
          has_more: false,
          first_id: this.models[0] ?? null,
          last_id: this.models.at(-1) ?? null,
        }
      : { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) };
    res.end(JSON.stringify(body));
  }

  private ollamaTags(res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    const models = this.models.map((name) => ({
      name, model: name, modified_at: '2026-11-01T00:00:00Z', size: 4_700_000_000, digest: 'sha256:fake',
      details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama', 'clip'], parameter_size: '7B', quantization_level: 'Q4_0' },
    }));
    res.end(JSON.stringify({ models }));
  }

  /** Writes `lines`; `lastContent` is the index of the last line that carries answer text. */
  private async play(res: ServerResponse, lines: string[], lastContent: number, fault?: Fault, errorLine?: string) {
    const { delayMs = 15, holdBeforeLast } = this.plan;
    const after = fault && (fault.kind === 'drop' || fault.kind === 'midstream-error') ? (fault.afterLine ?? 1) : -1;
    for (let i = 0; i < lines.length; i++) {
      if (holdBeforeLast && i === lastContent) await new Promise<void>((r) => (this.releaseHold = r));
      if (res.destroyed) return;
      res.write(lines[i]);
      // The response ends right after its last line, as a real server's does.
      if (i < lines.length - 1) await wait(delayMs);
      if (i === after && fault?.kind === 'drop') return res.destroy();
      if (i === after && fault?.kind === 'midstream-error' && (fault.line ?? errorLine)) {
        res.write(fault.line ?? errorLine);
        return res.end();
      }
    }
    res.end();
  }

  private openai(res: ServerResponse, body: any, fault?: Fault) {
    sse(res);
    const base = { id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: 1763700000, model: body?.model ?? 'x', system_fingerprint: 'fp_fake' };
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
    const lines = [
      chunk({ role: 'assistant', content: '', refusal: null }, null),
      ...this.plan.chunks.map((c) => chunk({ content: c }, null)),
      chunk({}, 'stop'),
      `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 812, completion_tokens: this.plan.chunks.length, total_tokens: 812 + this.plan.chunks.length } })}\n\n`,
      'data: [DONE]\n\n',
    ];
    return this.play(res, lines, this.plan.chunks.length, fault, `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } })}\n\n`);
  }

  private anthropic(res: ServerResponse, body: any, fault?: Fault) {
    sse(res);
    const ev = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    const lines = [
      ev('message_start', {
        type: 'message_start',
        message: { id: 'msg_fake1', type: 'message', role: 'assistant', model: body?.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1234, output_tokens: 1 } },
      }),
      ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev('ping', { type: 'ping' }),
      ...this.plan.chunks.map((c) => ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: c } })),
      ev('content_block_stop', { type: 'content_block_stop', index: 0 }),
      ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 42 } }),
      ev('message_stop', { type: 'message_stop' }),
    ];
    return this.play(res, lines, 2 + this.plan.chunks.length, fault, ev('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
  }

  private ollama(res: ServerResponse, body: any, fault?: Fault) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const at = '2026-11-21T00:00:00Z';
    const lines = [
      ...this.plan.chunks.map((c) => `${JSON.stringify({ model: body?.model, created_at: at, message: { role: 'assistant', content: c }, done: false })}\n`),
      `${JSON.stringify({ model: body?.model, created_at: at, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, total_duration: 1, prompt_eval_count: 600, eval_count: 9 })}\n`,
    ];
    return this.play(res, lines, this.plan.chunks.length - 1, fault, `${JSON.stringify({ error: 'an error was encountered while running the model' })}\n`);
  }
}

export type WireFormat = 'openai' | 'anthropic' | 'ollama';

const oai = (message: string, type: string, code: string | null, param: string | null = null) =>
  JSON.stringify({ error: { message, type, param, code } });
const ant = (type: string, message: string, extra: object = {}) =>
  JSON.stringify({ type: 'error', error: { type, message, ...extra }, request_id: 'req_011CVfakeFAKEfake1234' });
const oll = (error: string) => JSON.stringify({ error });

/**
 * Error bodies as each provider really sends them (OpenAI error-codes guide and observed
 * responses, Anthropic's errors page, Ollama's api/errors), for the fault matrix.
 */
export const ERROR_BODIES = {
  auth401: {
    openai: oai('Incorrect API key provided: sk-bad. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key'),
    anthropic: ant('authentication_error', 'invalid x-api-key'),
    ollama: oll('unauthorized'),
  },
  auth403: {
    openai: oai('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory'),
    anthropic: ant('permission_error', 'Your API key does not have permission to use the specified resource.'),
    ollama: oll('forbidden'),
  },
  model404: {
    openai: oai('The model `gpt-9-vision` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'),
    anthropic: ant('not_found_error', 'model: claude-9-vision'),
    ollama: oll('model "llava9" not found, try pulling it first'),
  },
  /** The image refused: the model reads text only (OpenAI, Ollama, LM Studio) or, on Anthropic, a media-type mismatch. */
  imageRejected400: {
    openai: oai('Invalid content type. image_url is only supported by certain models.', 'invalid_request_error', null, 'messages.[1].content.[1].type'),
    anthropic: ant('invalid_request_error', 'messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/png'),
    ollama: oll('this model is missing data required for image input'),
    lmstudio: oll('Model does not support images. Please use a model that does.'),
  },
  tooLarge413: {
    openai: '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    anthropic: ant('request_too_large', 'Request exceeds the maximum allowed number of bytes.'),
    ollama: oll('http: request body too large'),
  },
  /** Retryable: a 429 with retry-after, Anthropic's 529, Ollama's queue-full 503. */
  busy: {
    openai: { status: 429, body: oai('Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.', 'requests', 'rate_limit_exceeded') },
    anthropic: { status: 529, body: ant('overloaded_error', 'Overloaded') },
    ollama: { status: 503, body: oll('server busy, please try again.  maximum pending requests exceeded') },
  },
  quota429: {
    openai: oai('You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota'),
    anthropic: ant('rate_limit_error', 'You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.', { details: { error_code: 'enforced_spend_limit_reached' } }),
  },
  /** OpenAI's answer to json_schema on a model without Structured Outputs; gateways copy its shape. */
  responseFormat400: { openai: oai("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model. Learn more about supported models at the Structured Outputs guide: https://platform.openai.com/docs/guides/structured-outputs", 'invalid_request_error', null, 'response_format') },
  server500: {
    openai: oai('The server had an error while processing your request. Sorry about that!', 'server_error', null),
    anthropic: ant('api_error', 'Internal server error'),
    ollama: oll('llama runner process has terminated: signal: killed'),
  },
} as const;
