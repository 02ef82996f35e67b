import { describe, expect, it } from 'vitest';
import { auditPage } from '../../../utils/alt-text/verdicts';
import type { LabelTarget } from '../../../utils/labels/page';
import { destination, labelText, pickTargets } from '../../../utils/labels/text';

const ctx = { alt: null, title: null, figcaption: '', heading: '', paragraph: '', linkHref: null, pageLang: 'en', pageTitle: 'T' };
const img = (key: string, o: Partial<LabelTarget> = {}): LabelTarget => ({ key, kind: 'img', src: `https://x.test/${key}.png`, alt: null, width: 200, height: 150, visible: true, context: ctx, ...o });

describe('pickTargets: what the audit flags, never what a person wrote well or marked decorative', () => {
  const page = [
    img('good', { alt: 'Three fishing boats at the quay at dawn' }),
    img('none'),
    img('file', { alt: 'IMG_2041.jpg' }),
    img('generic', { alt: 'photo' }),
    img('spacer', { alt: '', width: 1, height: 1 }),
    img('empty-big', { alt: '' }),
    img('pres', { presentational: true }),
    img('tiny', { width: 10, height: 10 }),
    img('link', { alt: null, linkText: '', width: 32, height: 32 }),
    img('linked-named', { alt: null, linkText: 'Home' }),
    img('hero', { kind: 'css-background', presentational: true, bareBackground: true, width: 800, height: 300 }),
    img('small-bg', { kind: 'css-background', presentational: true, bareBackground: true, width: 60, height: 60 }),
    img('text-bg', { kind: 'css-background', presentational: true, width: 800, height: 300 }),
    img('area', { kind: 'area', alt: null, linkText: '' }),
    img('far', { visible: false }),
    img('long', { alt: 'x'.repeat(140) }),
  ];
  const keys = pickTargets(page, auditPage(page)).map((i) => i.key);

  it('labels missing, file-name, generic, empty-on-meaningful, a bare hero background and a textless image link', () =>
    expect(keys).toEqual(['none', 'file', 'generic', 'empty-big', 'link', 'linked-named', 'hero', 'far']));
  it('leaves good alt, a spacer, presentational, tiny, small or texted backgrounds, areas and long human alt alone', () => {
    for (const k of ['good', 'spacer', 'pres', 'tiny', 'small-bg', 'text-bg', 'area', 'long']) expect(keys).not.toContain(k);
  });
  it('visible images first, then page order', () => {
    const order = pickTargets([img('a', { visible: false }), img('b'), img('c', { visible: false }), img('d')], new Map([['a', [{ id: 'missing', message: '', wcag: '' }]], ['b', [{ id: 'missing', message: '', wcag: '' }]], ['c', [{ id: 'missing', message: '', wcag: '' }]], ['d', [{ id: 'missing', message: '', wcag: '' }]]]));
    expect(order.map((i) => i.key)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('labelText: the style checks mend the model text; links name their destination; the marker goes last', () => {
  const o = { maxLength: 60, marker: ' (Glimpse)', linkTo: (d: string) => `link to ${d}` };
  it('adds the marker', () => expect(labelText('A red kite over the hills.', o)).toBe('A red kite over the hills (Glimpse)'));
  it('drops "image of"', () => expect(labelText('Image of a red kite', o)).toBe('A red kite (Glimpse)'));
  it('cuts at a word within the limit', () => {
    const text = labelText('A very long description of a harbour with many boats and gulls and nets drying', o);
    expect(text).toBe('A very long description of a harbour with many boats and… (Glimpse)');
    expect(text.length - ' (Glimpse)'.length).toBeLessThanOrEqual(60);
  });
  it('an image link names its destination unless the text already does', () => {
    expect(labelText('Company logo', { ...o, linkHref: 'https://www.acme.test/about/' })).toBe('Company logo, link to acme.test/about (Glimpse)');
    expect(labelText('About ACME', { ...o, linkHref: 'https://acme.test/about' })).toBe('About ACME (Glimpse)');
  });
  it('an image link with no text from the model is still named by its destination', () =>
    expect(labelText('', { ...o, linkHref: 'https://acme.test/shop' })).toBe('Link to acme.test/shop (Glimpse)'));
  it('destination: host and path, without www or a trailing slash', () => {
    expect(destination('https://www.news.test/sport/?x=1')).toBe('news.test/sport');
    expect(destination('not a url')).toBe('not a url');
  });
});
