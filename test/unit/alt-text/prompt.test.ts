import { describe, expect, it } from 'vitest';
import { altTextPrompt, parseAltResult } from '../../../utils/alt-text/prompt';

describe('alt-text prompt', () => {
  it('carries the page context, the link target and the language', () => {
    const p = altTextPrompt({ figcaption: 'The bridge in 1937', paragraph: 'x'.repeat(2000), linkHref: 'https://e.test/bridge', pageLang: 'de', heading: 'History' });
    expect(p).toContain('in German');
    expect(p).toContain('Caption: The bridge in 1937');
    expect(p).toContain('Nearest heading: History');
    expect(p).toContain('link to https://e.test/bridge');
    expect(p).toContain('at most 125 characters');
    expect(p.match(/x{10,}/)![0].length).toBe(600); // bounded
  });
  it('user language and length win over the page', () => {
    const p = altTextPrompt({ pageLang: 'de' }, { language: 'fr', maxLength: 80 });
    expect(p).toContain('in French');
    expect(p).toContain('at most 80 characters');
  });
});

describe('alt-text answer parsing', () => {
  it('JSON, fenced or not', () => {
    expect(parseAltResult('{"short":"A red bike","long":null,"decorative":false}')).toEqual({ short: 'A red bike', long: null, decorative: false });
    expect(parseAltResult('```json\n{"short":"","long":null,"decorative":true}\n```')).toEqual({ short: '', long: null, decorative: true });
  });
  it('plain text falls back to the first line', () => {
    expect(parseAltResult('alt="Two dogs playing"\nmore')).toEqual({ short: 'Two dogs playing', long: null, decorative: false });
  });
});
