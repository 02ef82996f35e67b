import type { Recorded } from './fake-provider';

/** Every image of the request, in order, as base64 and MIME type, whatever the wire format. */
export function imagesOf(req: Recorded): { mime: string; b64: string }[] {
  const out: { mime: string; b64: string }[] = [];
  for (const m of req.body.messages) {
    for (const b64 of m.images ?? []) out.push({ mime: sniffMime(b64), b64 });
    if (!Array.isArray(m.content)) continue;
    for (const p of m.content) {
      if (p.type === 'image') out.push({ mime: p.source.media_type, b64: p.source.data });
      if (p.type === 'image_url') {
        const [, mime = '', b64 = ''] = /^data:([^;]+);base64,(.*)$/s.exec(p.image_url.url) ?? [];
        out.push({ mime, b64 });
      }
    }
  }
  return out;
}

/** Ollama's wire format carries no type: read it from the bytes. */
export const sniffMime = (b64: string) => (b64.startsWith('/9j/') ? 'image/jpeg' : b64.startsWith('iVBOR') ? 'image/png' : b64.startsWith('UklGR') ? 'image/webp' : '?');
