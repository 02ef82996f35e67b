import { describe, expect, it } from 'vitest';
import { largerCandidate } from '../../../utils/capture/srcset';

const base = 'https://news.example/story/';
const at = (f: string) => new URL(f, base).href;

describe('largerCandidate: a larger file of the same image from the srcset that offered it', () => {
  const sets = { sets: ['a-400.jpg 400w, a-800.jpg 800w, a-1600.jpg 1600w, a-3000.jpg 3000w'], base };

  it('the smallest candidate that reaches 1568 px on the long edge', () => {
    expect(largerCandidate(at('a-400.jpg'), { width: 400, height: 300 }, sets)).toBe(at('a-1600.jpg'));
  });

  it('the largest when none reaches it', () => {
    const small = { sets: ['s-200.jpg 200w, s-600.jpg 600w, s-900.jpg 900w'], base };
    expect(largerCandidate(at('s-200.jpg'), { width: 200, height: 150 }, small)).toBe(at('s-900.jpg'));
  });

  it('a portrait image counts its height: 1200 wide × 1600 tall already reaches it', () => {
    const tall = { sets: ['p-600.jpg 600w, p-1200.jpg 1200w, p-2400.jpg 2400w'], base };
    expect(largerCandidate(at('p-600.jpg'), { width: 600, height: 800 }, tall)).toBe(at('p-1200.jpg'));
  });

  it('density descriptors scale the shown file’s width', () => {
    const x = { sets: ['/img/b.jpg, /img/b@2x.jpg 2x, /img/b@4x.jpg 4x'], base };
    expect(largerCandidate('https://news.example/img/b.jpg', { width: 500, height: 400 }, x)).toBe('https://news.example/img/b@4x.jpg');
    expect(largerCandidate('https://news.example/img/b@2x.jpg', { width: 1000, height: 800 }, x)).toBe('https://news.example/img/b@4x.jpg');
  });

  it('nothing when the file shown is already large enough, or is the largest', () => {
    expect(largerCandidate(at('a-1600.jpg'), { width: 1600, height: 1200 }, sets)).toBeUndefined();
    expect(largerCandidate(at('a-3000.jpg'), { width: 1500, height: 1000 }, { sets: ['a-1500.jpg 1000w, a-3000.jpg 1500w'], base })).toBeUndefined();
  });

  it('only the set that offered the file shown: another <source> may be an art-directed crop', () => {
    const picture = { sets: ['crop-1600.jpg 1600w, crop-3200.jpg 3200w', 'a-400.jpg 400w, a-800.jpg 800w'], base };
    expect(largerCandidate(at('a-400.jpg'), { width: 400, height: 300 }, picture)).toBe(at('a-800.jpg'));
    expect(largerCandidate(at('elsewhere.jpg'), { width: 400, height: 300 }, picture)).toBeUndefined();
  });

  it('survives srcsets that are not well formed', () => {
    expect(largerCandidate(at('a.jpg'), { width: 400, height: 300 }, { sets: [',,, 3q', 'a.jpg 400w, http://[bad 900w'], base })).toBeUndefined();
  });
});
