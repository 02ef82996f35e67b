// @vitest-environment happy-dom
/*
 * The Markdown half of the defence: raw HTML in model output is escaped and Markdown images become
 * text before any sanitiser runs, so these hold in any DOM. The DOMPurify half (javascript: links,
 * target/rel, mailto, tables) is tested in markdown.chromium.test.ts: DOMPurify does not support
 * happy-dom, and under happy-dom 21 it keeps javascript: hrefs and drops <table>.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../utils/answers/markdown';

/** Renders and parses the result, so assertions are about the DOM a user would get. */
function render(md: string) {
  const html = renderMarkdown(md);
  const root = document.createElement('div');
  root.innerHTML = html;
  const all = [...root.querySelectorAll('*')];
  return {
    html,
    root,
    text: root.textContent ?? '',
    tags: all.map((e) => e.tagName.toLowerCase()),
    attrs: all.flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)),
  };
}

const noActiveContent = (r: ReturnType<typeof render>) => {
  for (const t of ['script', 'img', 'iframe', 'svg', 'object', 'embed', 'style', 'form', 'video', 'audio', 'source', 'link', 'meta']) {
    expect(r.tags).not.toContain(t);
  }
  expect(r.attrs.filter((a) => /^on/i.test(a) || /^(src|srcset|style)=/i.test(a))).toEqual([]);
  expect(r.attrs.filter((a) => /^href=/.test(a) && !/^href=(https?:|mailto:)/i.test(a))).toEqual([]);
};

describe('renderMarkdown sanitiser (model output is untrusted)', () => {
  it('shows a <script> block as text and never as a script', () => {
    const r = render('Hi <script>alert(1)</script> there');
    noActiveContent(r);
    expect(r.text).toContain('<script>alert(1)</script>');
  });

  it('neutralises <img src=x onerror=…>', () => {
    const r = render('<img src=x onerror=alert(1)>');
    noActiveContent(r);
    expect(r.html).not.toContain('<img');
    expect(r.text).toContain('onerror=alert(1)');
  });

  it('turns a Markdown image into text with its alt and URL, so nothing is fetched', () => {
    const r = render('![secret alt](http://127.0.0.1:9/leak.png?d=SGVsbG8)');
    noActiveContent(r);
    expect(r.html).not.toContain('<img');
    expect(r.text).toContain('secret alt');
    expect(r.text).toContain('http://127.0.0.1:9/leak.png?d=SGVsbG8');
  });

  it('escapes the alt text of an image (no markup smuggled through it)', () => {
    const r = render('![<img src=y onerror=alert(1)>](http://a.test/i.png)');
    noActiveContent(r);
    expect(r.text).toContain('http://a.test/i.png');
  });

  it('never renders <iframe>, <svg><script> or <svg onload>', () => {
    for (const md of [
      '<iframe src="https://evil.test/"></iframe>',
      '<svg><script>alert(1)</script></svg>',
      '<svg onload=alert(1)>',
      'text <svg/onload=alert(1)> more',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ]) {
      const r = render(md);
      noActiveContent(r);
      expect(r.tags).not.toContain('math');
    }
  });

  it('keeps ordinary Markdown: emphasis, lists, code', () => {
    const r = render('**Bold** and *it*\n\n1. one\n2. two\n\n```\n<b>code</b>\n```');
    expect(r.tags).toEqual(expect.arrayContaining(['strong', 'em', 'ol', 'li', 'pre', 'code']));
    expect(r.root.querySelector('pre code')?.textContent).toContain('<b>code</b>');
    expect(r.tags).not.toContain('b');
  });
});

describe('splitBlocks (streaming render)', () => {
  it('splits at blank lines but keeps fenced code whole', async () => {
    const { splitBlocks } = await import('../../../utils/answers/markdown');
    const src = '# T\n\npara one\nline two\n\n```js\na\n\nb\n```\n\n| a |\n|---|\n| 1 |\n';
    expect(splitBlocks(src)).toEqual(['# T', 'para one\nline two', '```js\na\n\nb\n```', '| a |\n|---|\n| 1 |']);
    expect(splitBlocks('unfinished ```py\nx\n\ny')).toEqual(['unfinished ```py\nx', 'y']);
    expect(splitBlocks('```\nopen fence\n\nstill code')).toEqual(['```\nopen fence\n\nstill code']);
  });

  it('never splits where the pieces would render differently from the whole', async () => {
    const { splitBlocks, hasReferenceDefinitions } = await import('../../../utils/answers/markdown');
    // A loose list stays one list; an item's indented second paragraph stays in its item.
    expect(splitBlocks('1. one\n\n2. two\n\n   more of two\n\nAfter')).toEqual(['1. one\n\n2. two\n\n   more of two', 'After']);
    expect(splitBlocks('- a\n\n\n- b\n\npara\n\n- c')).toEqual(['- a\n\n\n- b', 'para', '- c']);
    expect(splitBlocks('para\n\n    indented code\n\n    more')).toEqual(['para\n\n    indented code\n\n    more']);
    expect(hasReferenceDefinitions('See [the docs][d].\n\n[d]: https://a.test')).toBe(true);
    expect(hasReferenceDefinitions('[not a def] here')).toBe(false);
  });
});
