import { expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { type FakeProvider } from '../support/fake-provider';
import { menuClick, openPanel, setProfile, type Session } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(64, 64) });
  },
});

it('hostile model output renders as inert text: nothing executes, nothing is requested', async () => {
  await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
  const hostile = [
    'Summary.\n\n<script>window.__pwned = 1</script>\n\n',
    '<img src="x" onerror="window.__pwned = 2">\n\n',
    '[click me](javascript:window.__pwned=3)\n\n',
    `![secret](${fake.origin}/leak.png?data=SECRET)\n\n`,
    `<iframe src="${fake.origin}/frame.html"></iframe>\n\n`,
    '<svg onload="window.__pwned=4"><script>window.__pwned=5</script><image href="' + fake.origin + '/svg.png"/></svg>\n\n',
    `<a href="${fake.origin}/ok">raw link</a> and [a safe link](https://example.com/page) and [mail](mailto:a@example.com)\n\n`,
    '| a | b |\n|---|---|\n| 1 | 2 |\n',
  ];
  fake.plan = { chunks: hostile, delayMs: 5 };
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/img.html`);
  const panel = await openPanel(s);
  await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
  await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
  await panel.waitForTimeout(300);

  const answer = panel.getByTestId('answer-text').first();
  expect(await panel.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(await answer.locator('script, iframe, img, svg, image, object, embed').count()).toBe(0);
  expect(await answer.locator('[onerror], [onload]').count()).toBe(0);
  expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
  // The Markdown image is shown as its alt text and URL, never loaded.
  expect(await answer.textContent()).toContain(`[image: secret] ${fake.origin}/leak.png?data=SECRET`);
  const fetched = fake.requests.map((r) => r.path);
  expect(fetched).not.toContain('/leak.png');
  expect(fetched).not.toContain('/frame.html');
  expect(fetched).not.toContain('/svg.png');
  // Safe links open in a new tab without a referrer; raw HTML stays text.
  const safe = answer.getByRole('link', { name: 'a safe link' });
  expect(await safe.getAttribute('href')).toBe('https://example.com/page');
  expect(await safe.getAttribute('target')).toBe('_blank');
  expect(await safe.getAttribute('rel')).toBe('noopener noreferrer');
  expect(await answer.getByRole('link', { name: 'mail' }).getAttribute('href')).toBe('mailto:a@example.com');
  expect(await answer.getByRole('link', { name: 'raw link' }).count()).toBe(0);
  expect(await answer.locator('table th').count()).toBe(2);
  await page.close();
  await panel.close();
});
