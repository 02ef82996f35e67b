import type { Size } from '../image/resize';

/** WebCodecs' ImageDecoder exists in windows and dedicated workers; Chromium offers it to no service worker. */
export const canDecodeHere = (): boolean => typeof ImageDecoder === 'function';

/** How Chromium's ImageDecoder marks a frame for each EXIF orientation (seen on the corpus's Landscape_1…8). */
const FRAME_TURN: Record<number, { rotation: number; flip: boolean }> = {
  1: { rotation: 0, flip: false },
  2: { rotation: 0, flip: true },
  3: { rotation: 180, flip: false },
  4: { rotation: 180, flip: true },
  5: { rotation: 90, flip: true },
  6: { rotation: 90, flip: false },
  7: { rotation: 270, flip: true },
  8: { rotation: 270, flip: false },
};

/**
 * `bytes` decoded at `size` (upright), which a JPEG decoder honours by decoding at that fraction of the
 * stored size. A turned image is used only when the frame says it carries that turn, which
 * createImageBitmap then applies; a decoder that ignores EXIF throws, and the caller decodes in full.
 */
export async function decodeScaled(bytes: Uint8Array, mime: string, size: Size, orientation = 1): Promise<ImageBitmap> {
  const decoder = new ImageDecoder({ data: bytes, type: mime, desiredWidth: size.width, desiredHeight: size.height });
  try {
    const { image } = await decoder.decode();
    try {
      const turn = image as VideoFrame & { rotation?: number; flip?: boolean };
      const want = FRAME_TURN[orientation] ?? FRAME_TURN[1]!;
      if (orientation !== 1 && ((turn.rotation ?? 0) !== want.rotation || !!turn.flip !== want.flip)) throw new Error('orientation not applied');
      return await createImageBitmap(image);
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}
