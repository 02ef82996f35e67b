import { readImageHeader } from './header';
import { ascii, gifFrames, icoSize, ispeSize, jxlSize, pngAnimated, pngProblem, readJpeg } from './sniff-formats';

/** Refuse before decoding: a 100 MP image is far beyond what any provider uses. */
export const MAX_DECODE_PIXELS = 100_000_000;

/**
 * What to do with some bytes, decided from their first bytes only (nothing is decoded):
 * - decode: a raster format the browser decodes, of a size that is safe to decode;
 * - too-large: the header claims more than MAX_DECODE_PIXELS (a decompression bomb, or just huge);
 * - vector: SVG, which has no pixels until a page lays it out;
 * - unsupported: a real image format browsers cannot decode (HEIC, TIFF);
 * - damaged: the format is recognisable but its header is broken;
 * - unknown: not an image.
 */
export type Verdict = 'decode' | 'too-large' | 'vector' | 'unsupported' | 'damaged' | 'unknown';

export interface Sniffed {
  verdict: Verdict;
  mime?: string;
  /** Stored size (before EXIF orientation). */
  width?: number;
  height?: number;
  /** EXIF orientation of a JPEG (1 = as stored). */
  orientation?: number;
  /** Four colour components (CMYK/YCCK JPEG): many model servers cannot read these. */
  cmyk?: boolean;
  animated?: boolean;
  /** The file stops before its end marker (a cut-off download). */
  truncated?: boolean;
  /** JPEG: the IJG quality its luminance table matches, and whether colour is stored at lower resolution. */
  quality?: number;
  chromaSubsampled?: boolean;
  /** Why it is damaged or unsupported, for the user. */
  reason?: string;
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const endsWith = (b: Uint8Array, tail: number[], slack = 0) => {
  for (let s = 0; s <= slack; s++) if (tail.every((v, i) => b[b.length - s - tail.length + i] === v)) return true;
  return false;
};

function sized(mime: string, width: number | undefined, height: number | undefined, extra: Partial<Sniffed> = {}): Sniffed {
  if (!width || !height) return { verdict: 'damaged', mime, reason: 'its header does not give a size', ...extra };
  return { verdict: width * height > MAX_DECODE_PIXELS ? 'too-large' : 'decode', mime, width, height, ...extra };
}

export function sniffImage(b: Uint8Array): Sniffed {
  if (ascii(b, 1, 3) === 'PNG' && ((b[0] ?? 0) & 0x7f) === 0x09) {
    if (!PNG_SIG.every((v, i) => b[i] === v)) return { verdict: 'damaged', mime: 'image/png', reason: 'its signature is mangled (was it transferred as text?)' };
    const h = readImageHeader(b);
    // A claimed size past the limit is refused as such even if the rest of the header is odd too.
    if (h?.width && h.height && h.width * h.height > MAX_DECODE_PIXELS) return sized('image/png', h.width, h.height);
    const problem = pngProblem(b);
    if (problem) return { verdict: 'damaged', mime: 'image/png', reason: problem };
    return sized('image/png', h?.width, h?.height, { animated: pngAnimated(b) || undefined, truncated: ascii(b, b.length - 8, 4) !== 'IEND' || undefined });
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const j = readJpeg(b);
    // Trailing bytes after the end marker are common (padding, appended data); a missing marker is not.
    const truncated = !endsWith(b, [0xff, 0xd9], 32) || undefined;
    if (!j.width || !j.height) return { verdict: 'damaged', mime: 'image/jpeg', truncated, reason: j.cut ? 'the file ends inside its header' : 'it has no frame header' };
    return sized('image/jpeg', j.width, j.height, {
      orientation: j.orientation && j.orientation >= 1 && j.orientation <= 8 ? j.orientation : undefined,
      cmyk: j.components === 4 || undefined,
      truncated,
      quality: j.quality,
      chromaSubsampled: j.chromaSubsampled,
    });
  }
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    const h = readImageHeader(b);
    return sized('image/gif', h?.width, h?.height, { animated: gifFrames(b) > 1 || undefined });
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const h = readImageHeader(b);
    const animated = (ascii(b, 12, 4) === 'VP8X' && ((b[20] ?? 0) & 0x02) !== 0) || undefined;
    return sized('image/webp', h?.width, h?.height, { animated });
  }
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) {
    const h = readImageHeader(b);
    return sized('image/bmp', h?.width, h?.height);
  }
  const brand = ascii(b, 4, 8);
  if (brand === 'ftypavif' || brand === 'ftypavis') {
    const { width, height } = ispeSize(b);
    return sized('image/avif', width, height);
  }
  if (/^ftyp(heic|heix|heim|heis|hevc|mif1|msf1)/.test(brand)) {
    return { verdict: 'unsupported', mime: 'image/heic', reason: 'HEIC photos (from iPhones) cannot be decoded by this browser' };
  }
  if ((b[0] === 0xff && b[1] === 0x0a) || ascii(b, 4, 8) === 'JXL \r\n\x87\n') {
    const { width, height } = jxlSize(b);
    return sized('image/jxl', width, height);
  }
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') {
    return { verdict: 'unsupported', mime: 'image/tiff', reason: 'TIFF images cannot be decoded by this browser' };
  }
  if (b[0] === 0 && b[1] === 0 && (b[2] === 1 || b[2] === 2) && b[3] === 0 && b.length >= 22) {
    const { width, height } = icoSize(b);
    return sized(b[2] === 1 ? 'image/x-icon' : 'image/x-cursor', width, height);
  }
  if (readImageHeader(b)?.mime === 'image/svg+xml') return { verdict: 'vector', mime: 'image/svg+xml' };
  return { verdict: 'unknown' };
}
