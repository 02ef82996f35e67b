import { bytesToBase64 } from '../base64';
import { db } from '../store/db';
import { ProviderError } from '../providers/errors';
import type { ChatTurn, ImagePart } from '../providers/types';
import type { Size } from '../image/resize';
import type { SendableImage } from '../image/prepare';
import { t } from '../i18n';
import type { AnswerRequest } from './answer';

/** What goes to the model for an image: its tiles when it was tiled, else the one image; and their sizes (for the estimate). */
function partsOf(image: Pick<SendableImage, 'mime' | 'bytes' | 'width' | 'height' | 'tiles'>): { images: ImagePart[]; sizes: Size[] } {
  const parts = image.tiles?.length ? image.tiles : [image];
  return { images: parts.map((p) => ({ mime: p.mime, base64: bytesToBase64(p.bytes) })), sizes: parts.map(({ width, height }) => ({ width, height })) };
}

/** The conversation so far with the image (or its tiles) on its first turn, and the sizes sent (for the estimate). */
export async function buildTurns(req: AnswerRequest, createdAt: number): Promise<{ turns: ChatTurn[]; sizes: Size[] }> {
  if (req.image) {
    // A brand-new thread: no earlier turns, and the image needs no round trip through the database.
    const { images, sizes } = partsOf(await req.image);
    return { turns: [{ role: 'user', text: req.prompt, images }], sizes };
  }
  const thread = await db.threads.get(req.threadId);
  const [image, all] = await Promise.all([
    thread?.imageId ? db.images.get(thread.imageId) : undefined,
    db.entries.where('threadId').equals(req.threadId).sortBy('createdAt'),
  ]);
  if (!image) throw new ProviderError('bad-request', t('answerImageMissing'));
  if (!image.bytes.byteLength) throw new ProviderError('bad-request', t('answerImageDropped'));
  // Follow-ups send the same tiles as the first question.
  const { images, sizes } = partsOf(image);
  const earlier = all.filter(
    (e) => e.createdAt < (req.before ?? createdAt) && (e.status === 'done' || e.status === 'stopped') && e.text,
  );
  const turns: ChatTurn[] = [];
  for (const e of earlier) {
    turns.push({ role: 'user', text: e.prompt, images: turns.length === 0 ? images : undefined });
    turns.push({ role: 'assistant', text: e.text });
  }
  turns.push({ role: 'user', text: req.prompt, images: turns.length === 0 ? images : undefined });
  return { turns, sizes };
}

