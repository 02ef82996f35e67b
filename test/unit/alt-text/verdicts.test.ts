import { describe, expect, it } from 'vitest';
import { auditPage, verdictsFor, type AuditImage } from '../../../utils/alt-text/verdicts';

const img = (over: Partial<AuditImage>): AuditImage => ({ key: Math.random().toString(36), kind: 'img', src: `https://x.test/${Math.random()}.jpg`, alt: 'A dog', width: 300, height: 200, ...over });
const ids = (i: AuditImage, all: AuditImage[] = [i]) => verdictsFor(i, all).map((v) => v.id);

describe('alt-text verdicts', () => {
  it('missing alt', () => {
    const v = verdictsFor(img({ alt: null }), []);
    expect(v.map((x) => x.id)).toEqual(['missing']);
    expect(v[0]!.wcag).toContain('1.1.1');
  });
  it('presentational images without alt are fine', () => expect(ids(img({ alt: null, presentational: true }))).toEqual([]));
  it('empty alt on a large image is questioned; on a spacer it is fine', () => {
    expect(ids(img({ alt: '' }))).toEqual(['empty-meaningful']);
    expect(ids(img({ alt: '', width: 1, height: 1 }))).toEqual([]);
    expect(ids(img({ alt: '   ', width: 40, height: 40 }))).toEqual([]);
  });
  it.each(['IMG_1234.jpg', 'DSC04567', 'photo.png', 'hero-banner-2024.webp', 'PXL_20240101_123456', 'banner_20191231'])('filename-like: %s', (alt) =>
    expect(ids(img({ alt }))).toContain('filename'));
  it.each(['image', 'Photo', 'logo', ' picture ', 'Bild'])('generic: %s', (alt) => expect(ids(img({ alt }))).toEqual(['generic']));
  it('real descriptions pass', () => expect(ids(img({ alt: 'Two cyclists on a mountain road at sunset' }))).toEqual([]));
  it('too long', () => {
    const v = verdictsFor(img({ alt: 'word '.repeat(30) }), []);
    expect(v.map((x) => x.id)).toEqual(['too-long']);
  });
  it('duplicated across different images, not for the same src twice', () => {
    const a = img({ alt: 'Product photo of shoes' });
    const b = img({ alt: 'product photo of shoes!' });
    const c = img({ alt: 'Product photo of shoes', src: a.src });
    const v = auditPage([a, b, c]);
    expect(v.get(a.key)!.map((x) => x.id)).toEqual(['duplicate']);
    expect(v.get(b.key)!.map((x) => x.id)).toEqual(['duplicate']);
    expect(ids(a, [a, c])).toEqual([]);
  });
  it('redundant with the adjacent text', () => {
    expect(ids(img({ alt: 'Mount Everest at dawn', adjacentText: 'Mount Everest at dawn.' }))).toEqual(['redundant']);
    expect(ids(img({ alt: 'Mount Everest at dawn', adjacentText: 'The summit seen from base camp' }))).toEqual([]);
  });
  it('an image that is a link without text', () => {
    const v = verdictsFor(img({ alt: '', linkText: '' }), []);
    expect(v.map((x) => x.id)).toEqual(['link-no-text']);
    expect(v[0]!.wcag).toContain('2.4.4');
    expect(ids(img({ alt: null, linkText: ' ' }))).toEqual(['link-no-text', 'missing']);
    expect(ids(img({ alt: '', linkText: 'Read the report' }))).toEqual([]);
  });
});
