/** A JPEG's quantisation tables as libjpeg writes them at IJG quality `q`, for header tests. */
const IJG_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** libjpeg's jpeg_quality_scaling and jpeg_add_quant_table (baseline: entries within 1–255). */
export function ijgLumaTable(q: number): number[] {
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - 2 * q;
  return IJG_LUMA.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

/** A DQT segment holding table 0 (luminance) at quality `q`, 8-bit entries. */
export function dqtSegment(q: number): number[] {
  return [0xff, 0xdb, 0, 67, 0x00, ...ijgLumaTable(q)];
}

/** A JPEG header: SOI, a DQT at `q` (none when undefined), a 3-component SOF with luma sampling `ySampling`, EOI. */
export function jpegHeader(w: number, h: number, q: number | undefined, ySampling = 0x22): Uint8Array {
  const sof = [0xff, 0xc0, 0, 17, 8, h >> 8, h & 255, w >> 8, w & 255, 3, 1, ySampling, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...(q === undefined ? [] : dqtSegment(q)), ...sof, 0xff, 0xd9]);
}
