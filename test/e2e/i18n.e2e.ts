// The UI in another language: the browser's UI language picks the extension's locale (de here).
import { describe, expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { menuClick, openPanel, setProfile } from './harness';
import { suite, type Suite } from './suite';

declare const chrome: any;

let env!: Suite;
suite({
  launch: { lang: 'de' },
  ready: (e) => (env = e),
  pages: (fake) => {
    fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Bild</title><img src="/q.png">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(64, 64) });
  },
});

describe('German UI', () => {
  it('menus, panel, answer states and the answer language follow the browser’s language', async () => {
    const { s, fake } = env;
    // Menu titles come from the same messages as the worker's other words.
    expect(await s.worker.evaluate(() => chrome.i18n.getMessage('menuRegion'))).toBe('Bereich aufnehmen…');
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const panel = await openPanel(s);
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe('de');
    await expect.poll(() => panel.getByRole('heading', { name: 'Verlauf' }).count()).toBe(1);
    await expect.poll(() => panel.getByLabel('Verlauf durchsuchen').count()).toBe(1);

    fake.plan = { chunks: ['Vier ', 'Farbfelder.'] };
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    const card = panel.getByTestId('answer').first();
    await expect.poll(() => card.getAttribute('data-status')).toBe('done');
    expect(await card.locator('.badge').textContent()).toBe('Fertig');
    expect(await card.getByRole('button', { name: 'Erneut versuchen' }).count()).toBe(1);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Antwort fertig.' }).count()).toBeGreaterThan(0);
    // The page has no lang: the answer is asked for in the browser's language.
    expect(JSON.stringify(fake.providerRequests()[0]!.body)).toContain('Answer in German.');
    await page.close();
    await panel.close();
  });
});
