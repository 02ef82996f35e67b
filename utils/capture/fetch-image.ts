import { decodeDataUrl } from '../base64';
import type { CaptureMethod } from '../store/db';
import { t } from '../i18n';

export interface RawImage {
  bytes: Uint8Array;
  mime: string;
  method: CaptureMethod;
  /** Said to the user with the image, e.g. that a larger file of it was sent. */
  note?: string;
  /** Cropped from the screen because Glimpse may not download from that site: all-sites access would give the file. */
  lacksAccess?: boolean;
}

export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    readonly kind: 'no-access' | 'http' | 'unsupported' | 'too-large' | 'timeout',
    message: string,
    /** With kind `http`: the status the site answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The largest file downloaded: far past any photo a model can use, far short of what would strain the worker. */
export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;
/** A download (answer and body) that takes longer is given up; the page can still be read or cropped. */
export const DOWNLOAD_TIMEOUT_MS = 60_000;

export interface DownloadLimits {
  maxBytes?: number;
  timeoutMs?: number;
  /** For URLs the page chose (audit thumbnails): no cookies and no referrer go with the request. */
  anonymous?: boolean;
}

/** The body, read as it arrives and given up as soon as it passes `maxBytes` (the server's length is not trusted). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new CaptureError('too-large', t('captureTooLarge', Math.round(maxBytes / 1024 / 1024)));
  if (Number(res.headers.get('content-length')) > maxBytes) {
    void res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(r.value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** Bytes for an image URL: `data:` decoded here, http(s) fetched by the worker within `limits`. Never forwards the URL. */
export async function fetchImage(srcUrl: string, signal?: AbortSignal, cache: RequestCache = 'force-cache', limits: DownloadLimits = {}): Promise<RawImage> {
  if (srcUrl.startsWith('data:')) {
    const { mime, bytes } = decodeDataUrl(srcUrl);
    return { bytes, mime, method: 'data-url' };
  }
  if (!/^https?:/i.test(srcUrl)) {
    throw new CaptureError('unsupported', t('captureNoScheme', srcUrl.split(':')[0]!));
  }
  const { maxBytes = MAX_DOWNLOAD_BYTES, timeoutMs = DOWNLOAD_TIMEOUT_MS, anonymous = false } = limits;
  const timeout = AbortSignal.timeout(timeoutMs);
  const timedOut = () => new CaptureError('timeout', t('captureTimeout', Math.ceil(timeoutMs / 1000)));
  let res: Response;
  try {
    const who: RequestInit = anonymous ? { credentials: 'omit', referrerPolicy: 'no-referrer' } : { credentials: 'include' };
    res = await fetch(srcUrl, { ...who, cache, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch {
    throw timeout.aborted ? timedOut() : new CaptureError('no-access', t('captureNotAllowed'));
  }
  if (!res.ok) {
    void res.body?.cancel().catch(() => undefined);
    throw new CaptureError('http', t('captureHttp', res.status), res.status);
  }
  try {
    const bytes = await readCapped(res, maxBytes);
    return { bytes, mime: res.headers.get('content-type')?.split(';')[0] ?? '', method: 'worker-fetch' };
  } catch (err) {
    throw timeout.aborted && !(err instanceof CaptureError) ? timedOut() : err;
  }
}
