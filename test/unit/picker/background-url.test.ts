import { describe, expect, it } from 'vitest';
import { backgroundUrl } from '../../../utils/picker/find-image';

// Chromium serialises computed image-set() with dppx units and quoted url()s.
const SET = 'image-set(url("https://x.test/a.png") 1dppx, url("https://x.test/b.png") 2dppx, url("https://x.test/c.png") 3dppx)';

describe('backgroundUrl: the candidate the browser shows', () => {
  it('picks the lowest density that covers the device scale', () => {
    expect(backgroundUrl(SET, 1)).toBe('https://x.test/a.png');
    expect(backgroundUrl(SET, 2)).toBe('https://x.test/b.png');
    expect(backgroundUrl(SET, 1.5)).toBe('https://x.test/b.png');
    expect(backgroundUrl(SET, 4)).toBe('https://x.test/c.png'); // none covers it: the sharpest
  });

  it('reads x, dppx, dpi and dpcm, and skips type()', () => {
    expect(backgroundUrl('image-set(url(a.png) 1x, url(b.png) 2x)', 2)).toBe('b.png');
    expect(backgroundUrl('image-set(url(a.png) 96dpi, url(b.png) 192dpi)', 2)).toBe('b.png');
    expect(backgroundUrl('image-set(url(a.png) 37.8dpcm, url(b.png) 75.6dpcm)', 2)).toBe('b.png');
    expect(backgroundUrl('image-set(url("a.avif") type("image/avif") 2x, url(b.png) 1x)', 2)).toBe('a.avif');
  });

  it('a plain url(), several layers, or none', () => {
    expect(backgroundUrl("url('/p.jpg')", 2)).toBe('/p.jpg');
    expect(backgroundUrl('linear-gradient(red, blue), url("/p.jpg")', 1)).toBe('/p.jpg');
    expect(backgroundUrl('linear-gradient(red, blue)', 1)).toBeUndefined();
    expect(backgroundUrl('none', 1)).toBeUndefined();
  });
});
