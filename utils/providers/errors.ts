import { sentences, t } from '../i18n';
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
  const detail = serverMessage && t('errServerSaid', serverMessage.slice(0, 300));
  const say = (message: string) => sentences(message, detail);
  const after = retryAfterMs(headers);
  // Image refusals come as 400, 404 (OpenRouter), 413 or 422; name the cause, not the status.
  const image = status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 403 ? imageVerdict(code, serverMessage) : undefined;
  if (image === 'no-vision') return new ProviderError('no-vision', noVisionMessage(model, serverMessage), status);
  // Anthropic reports an empty credit balance as a 400, OpenRouter as a 402.
  if (status === 402 || ((status === 429 || status === 400) && QUOTA_HINTS.test(`${code ?? ''} ${serverMessage}`)))
    return new ProviderError('quota', say(t('errQuota', status)), status);
  if (status === 401 || status === 403)
    return new ProviderError('auth', say(t('errAuth', status)), status);
  if (status === 413 || image === 'too-large')
    return new ProviderError('too-large', say(t('errTooLarge', status)), status);
  if (image === 'image-format')
    return new ProviderError('image-format', say(t('errImageFormat', status)), status);
  if (status === 404)
    return new ProviderError('not-found', say(model ? t('errModelNotFoundNamed', model) : t('errModelNotFound')), status);
  if (status === 429)
    return new ProviderError('rate-limit', say(t('errRateLimit')), status, after);
  if (status >= 500)
    return new ProviderError('server', say(t('errServer', status)), status, after);
  return new ProviderError('bad-request', say(t('errBadRequest', status)), status);
}

export function networkError(cause: unknown, baseUrl: string): ProviderError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (offline) return new ProviderError('network', t('errOffline'));
  const why = cause instanceof Error && cause.message;
  return new ProviderError('network', why ? t('errUnreachableWhy', baseUrl, why) : t('errUnreachable', baseUrl));
}

/** The response had started (HTTP 200) and then the connection went away. */
export function droppedError(gotText: boolean): ProviderError {
  return new ProviderError(
    'stream',
    gotText ? sentences(t('errDroppedStreaming'), t('errPartialKept')) : sentences(t('errDroppedBefore'), t('errPressRetry')),
  );
}

/** An error event inside a 200 stream (OpenAI `error` chunk, Anthropic `event: error`, Ollama `{"error"}` line). */
export function midStreamError(serverMessage: string, gotText: boolean): ProviderError {
  const kept = gotText ? t('errPartialKept') : t('errPressRetry');
  return new ProviderError('stream', sentences(t('errMidStream', serverMessage.slice(0, 300)), kept));
}

/** The user pressed Stop (or the request was aborted). */
export const stoppedError = (): ProviderError => new ProviderError('aborted', t('errStopped'));
