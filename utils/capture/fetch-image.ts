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
    readonly kind: 'no-access' | 'http' | 'unsupported',
    message: string,
    /** With kind `http`: the status the site answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Bytes for an image URL: `data:` decoded here, http(s) fetched by the worker. Never forwards the URL. */
export async function fetchImage(srcUrl: string, signal?: AbortSignal, cache: RequestCache = 'force-cache'): Promise<RawImage> {
  if (srcUrl.startsWith('data:')) {
    const { mime, bytes } = decodeDataUrl(srcUrl);
    return { bytes, mime, method: 'data-url' };
  }
  if (!/^https?:/i.test(srcUrl)) {
    throw new CaptureError('unsupported', t('captureNoScheme', srcUrl.split(':')[0]!));
  }
  let res: Response;
  try {
    res = await fetch(srcUrl, { credentials: 'include', cache, signal });
  } catch {
    throw new CaptureError('no-access', t('captureNotAllowed'));
  }
  if (!res.ok) {
    throw new CaptureError('http', t('captureHttp', res.status), res.status);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, mime: res.headers.get('content-type')?.split(';')[0] ?? '', method: 'worker-fetch' };
}
