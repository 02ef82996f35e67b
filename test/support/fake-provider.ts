import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

export type Fault =
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'midstream-error' }
  | { kind: 'drop' }
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
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*' });
      return res.end();
    }
    let body: any = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep raw */
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body, size: Buffer.byteLength(raw), at });
    const page = this.pages.get(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': page.type });
      return res.end(page.body);
    }
    if (req.method === 'GET' && url.pathname.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-vision', object: 'model', created: 0, owned_by: 'test' }] }));
    }
    const fault = this.faults.shift();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return res.end(fault.body);
    }
    if (fault?.kind === 'hang') return; // never answers; the client must time out or stop
    if (url.pathname.endsWith('/chat/completions')) return this.openai(res, body, fault);
    if (url.pathname.endsWith('/v1/messages')) return this.anthropic(res, body, fault);
    if (url.pathname === '/api/chat') return this.ollama(res, body, fault);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  /** Writes `lines`; `lastContent` is the index of the last line that carries answer text. */
  private async play(res: ServerResponse, lines: string[], lastContent: number, fault?: Fault, errorLine?: string) {
    const { delayMs = 15, holdBeforeLast } = this.plan;
    for (let i = 0; i < lines.length; i++) {
      if (holdBeforeLast && i === lastContent) await new Promise<void>((r) => (this.releaseHold = r));
      if (res.destroyed) return;
      res.write(lines[i]);
      await wait(delayMs);
      if (i === 1 && fault?.kind === 'drop') return res.destroy();
      if (i === 1 && fault?.kind === 'midstream-error' && errorLine) {
        res.write(errorLine);
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
