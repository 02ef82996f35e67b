import type { Size } from '../image/resize';

/** WebCodecs' ImageDecoder exists in windows and dedicated workers; Chromium offers it to no service worker. */
export const canDecodeHere = (): boolean => typeof ImageDecoder === 'function';

/** `bytes` decoded at `size`; a JPEG decoder honours it by decoding at that fraction of the stored size. */
export async function decodeScaled(bytes: Uint8Array, mime: string, size: Size): Promise<ImageBitmap> {
  const decoder = new ImageDecoder({ data: bytes, type: mime, desiredWidth: size.width, desiredHeight: size.height });
  try {
    const { image } = await decoder.decode();
    try {
      return await createImageBitmap(image);
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}
