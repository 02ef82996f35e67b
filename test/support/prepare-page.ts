// What the quality-floor test runs in a real Chromium page: the extension's own prepare step, the
// provider size rules and the scaled decoder, and the one SSIM (utils/image/quality.ts).
export { prepareForSend } from '../../utils/image/prepare';
export { fitLongEdge } from '../../utils/image/resize';
export { targetSize } from '../../utils/image/vision-rules';
export { imageLimits } from '../../utils/image/tiles';
export { decodeScaled } from '../../utils/decoder/decode';
export { imageQuality } from '../../utils/image/quality';
export { PHOTO_QUALITY, SSIM_FLOOR } from '../../utils/image/encode-policy';
