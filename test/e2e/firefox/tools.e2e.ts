import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { makePng, quadrants } from '../../support/png';
import type { FakeProvider } from '../../support/fake-provider';
import { GROUPED_BAR_TRUTH as truth, groupedBarAnswer as answer } from '../../support/chart-answer';
import { byLabel, menuClick, openExtPage, openWebPage, poll, setProfile, texts, type FfSession } from './harness';
import { ffSuite } from './suite';

// Alt text, a chart's table and its CSV, and the page audit, in Firefox.
let s: FfSession;
let fake: FakeProvider;

const ARTICLE = `<!doctype html><html lang="en"><head><title>The Golden Gate Bridge</title></head><body>
<h1>The Golden Gate Bridge</h1><h2>Construction</h2>
<p>Work began in 1933 under chief engineer Joseph Strauss and took four years.</p>
<figure><img id="fig1" src="/fig1.png" width="300" height="200"><figcaption>The bridge under construction, 1935.</figcaption></figure>
<p><img src="/b.png" alt="IMG_0001.jpg" width="160" height="120"> The harbour at dawn.</p>
<svg role="img" aria-label="Chart" width="80" height="80"><circle cx="40" cy="40" r="30" fill="teal"/></svg>
</body></html>`;

ffSuite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/article.html', { type: 'text/html', body: ARTICLE });
    fake.pages.set('/fig1.png', { type: 'image/png', body: quadrants(60, 40) });
    fake.pages.set('/b.png', { type: 'image/png', body: makePng(160, 120, (x, y) => [x % 256, (y * 3) % 256, 90]) });
    fake.pages.set('/chart.html', { type: 'text/html', body: '<!doctype html><title>Quarterly, "grouped" results</title><img src="/bar_grouped.png" alt="">' });
    fake.pages.set('/bar_grouped.png', { type: 'image/png', body: readFileSync('test/fixtures/charts/bar_grouped.png') });
  },
});

const profile = () => setProfile(s, { id: 'p', name: 'P', provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'gpt-4o' });
/** A click in a tab that is not in front (the audit needs the page in front): the DOM's own click. */
const clickText = (page: Page, selector: string, text: string) =>
  page.$$eval(selector, (els, text) => {
    const el = els.find((e) => e.textContent?.trim() === text) as HTMLElement | undefined;
    el?.click();
    return !!el;
  }, text);

async function panelFor(url: string) {
  const page = await openWebPage(s, url);
  const panel = await openExtPage(s, 'sidepanel.html');
  await panel.waitForSelector('[data-testid="history"]');
  return { page, panel };
}

describe('Firefox: alt text, chart table, audit', () => {
  it('alt text: the request carries caption, heading and language; the answer is an editable field', async () => {
    await profile();
    fake.plan = { chunks: ['{"short": "Steel towers of the bridge rising from scaffolding, 1935", ', '"long": null, "decorative": false}'] };
    const { page, panel } = await panelFor(`${fake.origin}/article.html`);
    await menuClick(s, page.url(), { menuItemId: 'alt-text', srcUrl: `${fake.origin}/fig1.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const prompt = fake.providerRequests()[0]!.body.messages.at(-1).content[0].text as string;
    expect(prompt).toContain('Caption: The bridge under construction, 1935.');
    expect(prompt).toContain('Nearest heading: Construction');
    expect(prompt).toContain('in English');
    const short = await byLabel(panel, 'Short alt text');
    await expect.poll(() => short.evaluate((el) => (el as HTMLTextAreaElement).value)).toBe('Steel towers of the bridge rising from scaffolding, 1935');
  });

  it('chart → accessible table with the planted error flagged; Download CSV writes the rows', async () => {
    await profile();
    const json = answer((rows) => (rows[4]![2]!.value = 1.7)); // planted: above the axis maximum
    fake.plan = { chunks: ['```json\n', json.slice(0, 200), json.slice(200), '\n```'] };
    const { page, panel } = await panelFor(`${fake.origin}/chart.html`);
    await menuClick(s, page.url(), { menuItemId: 'table', srcUrl: `${fake.origin}/bar_grouped.png` });
    await panel.waitForSelector('[data-testid="chart-table"]', { timeout: 15_000 });
    const table = await panel.$eval('[data-testid="chart-table"]', (t) => ({
      caption: t.querySelector('caption')?.textContent,
      cols: [...t.querySelectorAll('thead th[scope=col]')].map((th) => th.textContent),
      rows: t.querySelectorAll('tbody th[scope=row]').length,
      flagged: [...t.querySelectorAll('[data-flag=check]')].map((c) => c.textContent),
    }));
    expect(table).toMatchObject({ cols: ['category', 'group', 'value'], rows: 9 });
    expect(table.caption).toContain('Values by category and group');
    expect(table.flagged).toHaveLength(1);
    expect(table.flagged[0]).toContain('1.7');

    await panel.bringToFront();
    const dir = join(s.profileDir, 'downloads');
    const name = 'quarterly-grouped-results--values-by-category-and-group.csv';
    expect(await clickText(panel, 'button', 'Download CSV')).toBe(true);
    const lines = await poll(async () => {
      const file = existsSync(dir) && readdirSync(dir).find((f) => f === name);
      const text = file ? readFileSync(join(dir, file), 'utf8') : '';
      return text.endsWith('\r\n') || text.split('\r\n').length >= 10 ? text.trimEnd().split('\r\n') : undefined;
    }, `${name} in ${dir}`);
    expect(lines[0]).toBe('category,group,value');
    expect(lines).toHaveLength(10);
    expect(lines[1]).toBe(`A,x,${truth[0]![1]}`);
    expect(lines[5]).toBe('B,y,1.7');
  });

  it('the page audit lists the page’s images with previews, and writes alt text for a selected one', async () => {
    await profile();
    const { page, panel } = await panelFor(`${fake.origin}/article.html`);
    expect(await clickText(panel, 'button', 'Alt-text audit of this page')).toBe(true);
    await page.bringToFront(); // the audit reads the active tab
    // A real click (input.performActions): Firefox asks for host access only inside a user gesture.
    await (await panel.waitForSelector('::-p-text(Audit this page)'))!.click();
    await expect.poll(() => texts(panel, '[data-testid="audit-summary"]').then((t) => t.join())).toContain('3 images');
    await expect.poll(() => panel.$$eval('[data-testid="audit-thumb"]', (els) => els.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), { timeout: 15_000 }).toBe(3);
    const labels = await texts(panel, '[data-testid="audit-item"] label');
    expect(labels.map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining(['fig1.png', 'b.png']));

    // Only b.png ticked, then written: its row shows the model's alt text.
    fake.plan = { chunks: ['{"short": "Harbour at dawn with moored boats", "long": null, "decorative": false}'] };
    await panel.$$eval('[data-testid="audit-item"]', (els) => {
      for (const el of els) {
        const box = el.querySelector('input[type=checkbox]') as HTMLInputElement;
        if (box.checked !== el.querySelector('label')!.textContent!.startsWith('b.png ')) box.click();
      }
    });
    const go = await panel.$$eval('[data-testid="audit"] button', (bs) => bs.map((b) => b.textContent ?? ''));
    const write = go.find((t) => /^(Write|Suggest|Generate)/.test(t));
    expect(write, `buttons: ${go.join(' | ')}`).toBeTruthy();
    await clickText(panel, '[data-testid="audit"] button', write!);
    await expect.poll(() => fake.providerRequests().length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => texts(panel, '[data-testid="audit-suggestion"]').then((t) => t.join())).toContain('Harbour at dawn with moored boats');
  });
});
