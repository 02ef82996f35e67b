import { describe, expect, it } from 'vitest';
import { formatAlt } from '../../../utils/alt-text/copy-formats';
import { checkAltStyle } from '../../../utils/alt-text/style';

const rules = (alt: string, ctx = {}) => checkAltStyle(alt, ctx).map((i) => i.rule);

describe('alt-text style checker', () => {
  it.each(['Image of a cat on a sofa', 'A picture of two boats', 'Photo showing a bridge', 'Bild von einem Hund'])('flags “%s”', (alt) =>
    expect(rules(alt)).toContain('image-of'));
  it('accepts plain descriptions', () => expect(rules('Cat asleep on a green sofa')).toEqual([]));
  it('length limit is configurable', () => {
    expect(rules('x'.repeat(130))).toContain('too-long');
    expect(rules('x'.repeat(130), { maxLength: 200 })).toEqual([]);
  });
  it('names only when the page names them', () => {
    expect(rules('Portrait of a smiling woman, Jane Doe, outdoors')).toContain('named-person');
    expect(rules('Jane Doe speaking at the summit', { pageText: 'Keynote by Jane Doe' })).toEqual([]);
  });
  it('charts need their key message', () => {
    expect(rules('A bar chart about sales', { isChart: true })).toEqual(['chart-message']);
    expect(rules('Bar chart: sales rose 40% from 2020 to 2024', { isChart: true })).toEqual([]);
  });
  it('empty', () => expect(rules('  ')).toEqual(['empty']));
});

describe('copy formats escape for their syntax', () => {
  const alt = 'A "quoted" <b>bold</b> & [bracketed] (paren) thing';
  it('plain text is unchanged', () => expect(formatAlt('text', alt)).toBe(alt));
  it('alt attribute escapes quotes, angle brackets and ampersands', () =>
    expect(formatAlt('attr', alt)).toBe('alt="A &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; [bracketed] (paren) thing"'));
  it('img tag escapes src too', () =>
    expect(formatAlt('img', 'x"y', 'https://e.test/a.png?q="1"&b=2')).toBe('<img src="https://e.test/a.png?q=&quot;1&quot;&amp;b=2" alt="x&quot;y">'));
  it('markdown escapes brackets in alt and parentheses/spaces in the URL', () =>
    expect(formatAlt('markdown', 'a [b] c\\d', 'https://e.test/a (1).png')).toBe('![a \\[b\\] c\\\\d](https://e.test/a%20%281%29.png)'));
  it('decorative images copy as alt=""', () => expect(formatAlt('attr', '')).toBe('alt=""'));
});
