import { decodeDataUrl } from '../base64';
import type { CaptureMethod } from '../db';

export interface RawImage {
  bytes: Uint8Array;
  mime: string;
  method: CaptureMethod;
}

export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    readonly kind: 'no-access' | 'http' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

/** Bytes for an image URL: `data:` decoded here, http(s) fetched by the worker. Never forwards the URL. */
export async function fetchImage(srcUrl: string, signal?: AbortSignal): Promise<RawImage> {
  if (srcUrl.startsWith('data:')) {
    const { mime, bytes } = decodeDataUrl(srcUrl);
    return { bytes, mime, method: 'data-url' };
  }
  if (!/^https?:/i.test(srcUrl)) {
    throw new CaptureError('unsupported', `Glimpse cannot download images from “${srcUrl.split(':')[0]}:” addresses. Use “Capture a region…” to send what is on screen.`);
  }
  let res: Response;
  try {
    res = await fetch(srcUrl, { credentials: 'include', cache: 'force-cache', signal });
  } catch {
    throw new CaptureError(
      'no-access',
      'Glimpse could not download this image: its site does not allow it without permission. Allow Glimpse to download original images from all sites, or use “Capture a region…”.',
    );
  }
  if (!res.ok) {
    throw new CaptureError('http', `The image could not be downloaded: the site answered ${res.status}. Try “Capture a region…” instead.`);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, mime: res.headers.get('content-type')?.split(';')[0] ?? '', method: 'worker-fetch' };
}
