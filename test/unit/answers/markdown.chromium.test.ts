import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForPage } from '../helpers/bundle';

/*
 * The sanitiser half of utils/answers/markdown.ts (DOMPurify) needs a real DOM engine: DOMPurify does not
 * support happy-dom (cure53/DOMPurify#1457) and under happy-dom 21 it keeps javascript: links and
 * drops <table>. So utils/answers/markdown.ts is bundled as-is and run in headless Chromium, the engine the
 * side panel uses. Skipped when no Chromium is installed.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

interface Rendered {
  html: string;
  text: string;
  tags: string[];
  attrs: string[];
  links: { href: string | null; target: string | null; rel: string | null; text: string }[];
}

describe.skipIf(!existsSync(CHROMIUM))('renderMarkdown in Chromium (DOMPurify in a real engine)', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    const code = await bundleForPage('utils/answers/markdown.ts', 'glimpseMarkdown');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: code });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Renders into the live document (so handlers would really run) and describes the result. */
  const render = (md: string): Promise<Rendered> =>
    page.evaluate((src) => {
      const out = document.getElementById('out')!;
      const html = (window as any).glimpseMarkdown.renderMarkdown(src) as string;
      out.innerHTML = html;
      const all = [...out.querySelectorAll('*')];
      return {
        html,
        text: out.textContent ?? '',
        tags: all.map((e) => e.tagName.toLowerCase()),
        attrs: all.flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)),
        links: [...out.querySelectorAll('a')].map((a) => ({
          href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'), text: a.textContent ?? '',
        })),
      };
    }, md);

  const PAYLOADS = [
    '<script>window.__xss = 1</script>',
    '<img src=x onerror="window.__xss = 1">',
    '[x](javascript:window.__xss=1)',
    '[x](JaVaScRiPt:window.__xss=1)',
    '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
    '<a href="javascript:window.__xss=1">raw link</a>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<svg><script>window.__xss = 1</script></svg>',
    '<svg onload="window.__xss = 1">',
    '<details open ontoggle="window.__xss = 1">x</details>',
    '![a](x" onerror="window.__xss=1)',
    '[t](https://ok.test "a\\" onmouseover=\\"window.__xss=1")',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  ];

  it.each(PAYLOADS)('nothing runs or loads: %s', async (md) => {
    const r = await render(md);
    await page.waitForTimeout(50);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    for (const t of ['script', 'img', 'iframe', 'svg', 'math', 'style', 'details', 'object', 'embed']) expect(r.tags).not.toContain(t);
    expect(r.attrs.filter((a) => /^on/i.test(a) || /^(src|srcset|style)=/i.test(a))).toEqual([]);
    expect(r.links.filter((l) => l.href !== null && !/^(https?:|mailto:)/i.test(l.href))).toEqual([]);
  });

  it('a javascript: link keeps its text but loses its href', async () => {
    const r = await render('[click me](javascript:alert(1))');
    expect(r.links).toEqual([{ href: null, target: null, rel: null, text: 'click me' }]);
  });

  it('a Markdown image becomes text with its alt and URL, and is never requested', async () => {
    const before = requests.length;
    const r = await render('![secret alt](http://127.0.0.1:9/leak.png?d=SGVsbG8)');
    await page.waitForTimeout(50);
    expect(r.tags).not.toContain('img');
    expect(r.text).toContain('secret alt');
    expect(r.text).toContain('http://127.0.0.1:9/leak.png?d=SGVsbG8');
    expect(requests.slice(before).filter((u) => u.includes('127.0.0.1:9'))).toEqual([]);
  });

  it('links open in a new tab with rel="noopener noreferrer"; mailto is allowed; other schemes are not', async () => {
    const r = await render('[docs](https://example.com/a "Docs") https://example.org/b [mail](mailto:x@example.com) [f](ftp://x.test/f) [v](vbscript:x)');
    expect(r.links.map((l) => l.href)).toEqual(['https://example.com/a', 'https://example.org/b', 'mailto:x@example.com', null, null]);
    for (const l of r.links.filter((x) => x.href)) {
      expect(l.target).toBe('_blank');
      expect(l.rel).toBe('noopener noreferrer');
    }
    expect(r.attrs).toContain('title=Docs');
  });

  it('a link shows where it really goes beside its text, unless its text already names that host', async () => {
    const r = await render('[Your bank](https://evil.example/login) and [https://paypal.com](https://xn--pypal-4ve.com/) and https://example.org/b and [write](mailto:x@example.com) and [Docs at example.com](https://example.com/docs) and [bad](javascript:alert(1))');
    expect(r.text.trim()).toBe('Your bank (evil.example) and https://paypal.com (xn--pypal-4ve.com) and https://example.org/b and write (x@example.com) and Docs at example.com and bad');
    // The host is outside the link, in its own element, so it cannot be styled away or made part of the link text.
    const hosts = await page.evaluate(() => [...document.querySelectorAll('#out .md-link-host')].map((e) => [e.previousElementSibling?.tagName, e.textContent]));
    expect(hosts).toEqual([['A', ' (evil.example)'], ['A', ' (xn--pypal-4ve.com)'], ['A', ' (x@example.com)']]);
  });

  it('renders a GFM table and keeps column alignment', async () => {
    const r = await render('| Year | Sales (M$) |\n|:--|--:|\n| 2023 | 1.5 |\n| 2024 | 2.25~ |\n');
    expect(r.tags).toEqual(expect.arrayContaining(['table', 'thead', 'tbody', 'tr', 'th', 'td']));
    expect(r.html).toMatch(/<th align="right">Sales \(M\$\)<\/th>/);
    expect(r.html).toMatch(/<td align="right">2\.25~<\/td>/);
  });

  it('the blocks the panel renders apart give the same HTML as the whole answer', async () => {
    const src = '# T\n\n1. one\n\n2. two\n   - sub\n\n       code\n\n> quote\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```\nx\n\ny\n```\n\n3. three\n\nend *it*';
    const [apart, whole] = await page.evaluate((s) => {
      const md = (window as any).glimpseMarkdown;
      return [(md.splitBlocks(s) as string[]).map((b) => md.renderMarkdown(b)).join(''), md.renderMarkdown(s)];
    }, src);
    expect(apart.replace(/\s+/g, '')).toBe(whole.replace(/\s+/g, ''));
  });

  it('keeps the start number of an ordered list', async () => {
    const r = await render('3. third\n4. fourth');
    expect(r.html).toMatch(/<ol start="3">/);
  });
});
