import { imageVerdict, noVisionMessage } from './vision';

/** Every failure a provider can cause, in the user's terms. */
export type ErrorKind =
  | 'auth'
  | 'not-found'
  | 'bad-request'
  | 'too-large'
  | 'rate-limit'
  | 'quota'
  | 'server'
  | 'network'
  | 'stream'
  | 'aborted'
  | 'ollama-origin'
  /** The model reads text only. */
  | 'no-vision'
  /** The provider could not read the image bytes (format, corruption). */
  | 'image-format'
  /** The on-device model is missing in this browser. */
  | 'unavailable';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
    /** Server-requested wait before retrying, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'server';
  }
}

const QUOTA_HINTS = /insufficient_quota|exceeded your current quota|spend.?limit|billing|credit balance|insufficient.?credits/i;

export function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (ms > 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps an HTTP failure to a kind and a message that says what to do next. */
export function fromHttp(
  status: number,
  serverMessage: string,
  headers?: Headers,
  code?: string,
  /** The requested model, named in the messages that are about it. */
  model?: string,
): ProviderError {
  const detail = serverMessage ? ` The server said: “${serverMessage.slice(0, 300)}”` : '';
  const after = retryAfterMs(headers);
  // Image refusals come as 400, 404 (OpenRouter), 413 or 422; name the cause, not the status.
  const image = status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 403 ? imageVerdict(code, serverMessage) : undefined;
  if (image === 'no-vision') return new ProviderError('no-vision', noVisionMessage(model, serverMessage), status);
  // Anthropic reports an empty credit balance as a 400, OpenRouter as a 402.
  if (status === 402 || ((status === 429 || status === 400) && QUOTA_HINTS.test(`${code ?? ''} ${serverMessage}`)))
    return new ProviderError('quota', `Your quota or spend limit for this provider is used up (${status}). Add credit or raise the limit, then retry.${detail}`, status);
  if (status === 401 || status === 403)
    return new ProviderError('auth', `The API key was rejected (${status}). Check the key in Options.${detail}`, status);
  if (status === 413 || image === 'too-large')
    return new ProviderError('too-large', `The image was too large for this provider (${status}).${detail}`, status);
  if (image === 'image-format')
    return new ProviderError('image-format', `The provider could not read the image (${status}): its format or encoding was refused.${detail}`, status);
  if (status === 404)
    return new ProviderError('not-found', `Model${model ? ` “${model}”` : ''} not found (404). Check the model name and Base URL in Options.${detail}`, status);
  if (status === 429)
    return new ProviderError('rate-limit', `The provider is rate-limiting requests (429).${detail}`, status, after);
  if (status >= 500)
    return new ProviderError('server', `The provider had a server error (${status}).${detail}`, status, after);
  return new ProviderError('bad-request', `The provider refused the request (${status}).${detail}`, status);
}

export function networkError(cause: unknown, baseUrl: string): ProviderError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (offline) return new ProviderError('network', 'You appear to be offline. Nothing was sent; retry when you are back online.');
  const why = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new ProviderError(
    'network',
    `Could not reach ${baseUrl}${why}. Check the Base URL, that the server is running, and that Glimpse may access it.`,
  );
}

/** The response had started (HTTP 200) and then the connection went away. */
export function droppedError(gotText: boolean): ProviderError {
  return new ProviderError(
    'stream',
    gotText
      ? 'The connection dropped while the answer was streaming. The partial answer is kept; retry to get a full one.'
      : 'The connection dropped before the answer started. Press Retry to ask again.',
  );
}

/** An error event inside a 200 stream (OpenAI `error` chunk, Anthropic `event: error`, Ollama `{"error"}` line). */
export function midStreamError(serverMessage: string, gotText: boolean): ProviderError {
  const kept = gotText ? ' The partial answer is kept; retry to get a full one.' : ' Press Retry to ask again.';
  return new ProviderError('stream', `The provider reported an error during the answer: “${serverMessage.slice(0, 300)}”.${kept}`);
}
