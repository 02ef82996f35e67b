import { describe, expect, it } from 'vitest';
import { areaSize, firstSrcset } from '../../../utils/audit/page-dom';

const img = { width: 400, height: 300 };

describe('areaSize: the box an image-map <area> covers', () => {
  it('rect, in either corner order', () => {
    expect(areaSize('rect', '10,20,110,70', img)).toEqual({ width: 100, height: 50 });
    expect(areaSize('rect', '110, 70, 10, 20', img)).toEqual({ width: 100, height: 50 });
    expect(areaSize('', '0 0 30 60', img)).toEqual({ width: 30, height: 60 }); // rect is the default shape
  });
  it('circle and poly', () => {
    expect(areaSize('circle', '50,50,25', img)).toEqual({ width: 50, height: 50 });
    expect(areaSize('CIRC', '50,50,25', img)).toEqual({ width: 50, height: 50 });
    expect(areaSize('poly', '0,0, 80,10, 40,90', img)).toEqual({ width: 80, height: 90 });
  });
  it('default covers the whole image; broken coords cover nothing', () => {
    expect(areaSize('default', '', img)).toEqual(img);
    expect(areaSize('rect', '1,2', img)).toEqual({ width: 0, height: 0 });
    expect(areaSize('poly', '1,2,3,4', img)).toEqual({ width: 0, height: 0 });
    expect(areaSize('circle', 'a,b,c', img)).toEqual({ width: 0, height: 0 });
  });
});

describe('firstSrcset', () => {
  it('takes the first candidate, with or without descriptors', () => {
    expect(firstSrcset('a.jpg 1x, b.jpg 2x')).toBe('a.jpg');
    expect(firstSrcset('  /img/small.webp 480w,/img/big.webp 1080w')).toBe('/img/small.webp');
    expect(firstSrcset('data:image/png;base64,iVBO,RK 1x, b.png 2x')).toBe('data:image/png;base64,iVBO,RK');
    expect(firstSrcset('')).toBeUndefined();
    expect(firstSrcset(null)).toBeUndefined();
  });
});
