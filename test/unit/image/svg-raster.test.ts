import { describe, expect, it } from 'vitest';
import { isSvgFile, svgRasterSize } from '../../../utils/image/svg-raster';

describe('svgRasterSize', () => {
  it('draws icons at 512 px on the long side, keeping the ratio', () => {
    expect(svgRasterSize(24, 24)).toEqual({ width: 512, height: 512 });
    expect(svgRasterSize(40, 20)).toEqual({ width: 512, height: 256 });
  });
  it('keeps mid-size art as it is and caps big art at 2048', () => {
    expect(svgRasterSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(svgRasterSize(8000, 2000)).toEqual({ width: 2048, height: 512 });
  });
  it('never yields a zero side', () => {
    expect(svgRasterSize(5000, 1)).toEqual({ width: 2048, height: 1 });
  });
});

describe('isSvgFile', () => {
  it('knows SVG by type or, when the type is missing, by name', () => {
    expect(isSvgFile(new File(['<svg/>'], 'a.bin', { type: 'image/svg+xml' }))).toBe(true);
    expect(isSvgFile(new File(['<svg/>'], 'logo.SVG'))).toBe(true);
    expect(isSvgFile(new File(['x'], 'a.png', { type: 'image/png' }))).toBe(false);
  });
});
