import { describe, expect, it } from 'vitest';
import { makePng, quadrants } from '../support/png';
import { type FakeProvider } from '../support/fake-provider';
import { menuClick, openPanel, poll, type Session, setProfile } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

const png = (seed: number) => makePng(40 + seed, 30, (x, y) => [(x * seed) % 256, (y * 7) % 256, (seed * 37) % 256]);

// A realistic article: figures with captions, a gallery, image links, spacers, a CSS hero.
const gallery = Array.from({ length: 30 }, (_, i) => `<img src="/g/${i}.png" width="120" height="90" alt="${i < 2 ? 'photo' : `Gallery item ${i}: a distinct scene number ${i}`}">`).join('\n');
const ARTICLE = `<!doctype html><html lang="en"><head><title>The Golden Gate Bridge</title>
<style>.hero{width:600px;height:200px;background-image:url(/hero.png)}</style></head><body>
<div class="hero"></div>
<h1>The Golden Gate Bridge</h1>
<h2>Construction</h2>
<p>Work began in 1933 under chief engineer Joseph Strauss and took four years.</p>
<figure><img id="fig1" src="/fig1.png" width="300" height="200"><figcaption>The bridge under construction, 1935.</figcaption></figure>
<p>The towers rise 227 metres above the water.</p>
<figure><img src="/fig2.png" width="300" height="200" alt="IMG_2041.jpg"><figcaption>The south tower.</figcaption></figure>
<p><a href="/tickets"><img src="/buy.png" width="120" height="40" alt=""></a></p>
<p><a href="/home"><img src="/logo.png" width="100" height="40" alt="Golden Gate Bridge home"></a></p>
<img src="/spacer.png" width="1" height="1" alt="">
<div class="gallery">${gallery}</div>
</body></html>`;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/article.html', { type: 'text/html', body: ARTICLE });
    for (const p of ['/hero.png', '/fig1.png', '/fig2.png', '/buy.png', '/logo.png', '/spacer.png']) fake.pages.set(p, { type: 'image/png', body: quadrants(60, 40) });
    for (let i = 0; i < 30; i++) fake.pages.set(`/g/${i}.png`, { type: 'image/png', body: png(i + 1) });
  },
  each: async () => {
    await setProfile(s.worker, { id: 'p', name: 'P', provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'gpt-4o' });
  },
});

describe('alt text for one image', () => {
  it('the request carries the figcaption, heading, surrounding text and language; the answer is editable and copyable', async () => {
    fake.plan = { chunks: ['{"short": "Steel towers of the bridge rising from scaffolding, 1935", ', '"long": null, "decorative": false}'] };
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/article.html`);
    const panel = await openPanel(s);
    await menuClick(s.worker, page.url(), { menuItemId: 'alt-text', srcUrl: `${fake.origin}/fig1.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const prompt = fake.providerRequests()[0]!.body.messages.at(-1).content[0].text as string;
    expect(prompt).toContain('Caption: The bridge under construction, 1935.');
    expect(prompt).toContain('Nearest heading: Construction');
    expect(prompt).toContain('in English');
    expect(prompt).toContain('Page title: The Golden Gate Bridge');

    const short = panel.getByLabel('Short alt text');
    await expect.poll(() => short.inputValue()).toBe('Steel towers of the bridge rising from scaffolding, 1935');
    await short.fill('Image of the bridge towers in scaffolding, 1935');
    await expect.poll(() => panel.getByTestId('alt-issues').textContent()).toContain('“image of”');
    await short.fill('Bridge towers in scaffolding, 1935');
    await panel.getByRole('button', { name: 'Save edit' }).click();
    await panel.getByTestId('alt-edited').waitFor();
    // Regenerating adds a new version and leaves the edit alone.
    fake.plan = { chunks: ['{"short": "A different model answer", "long": null, "decorative": false}'] };
    await panel.getByRole('button', { name: 'Retry' }).first().click();
    await expect.poll(() => panel.getByLabel('Short alt text').count()).toBe(2);
    await expect.poll(() => panel.getByLabel('Short alt text').nth(1).inputValue()).toBe('A different model answer');
    expect(await panel.getByLabel('Short alt text').first().inputValue()).toBe('Bridge towers in scaffolding, 1935');
    await page.close();
    await panel.close();
  });

  it('an image that is a link: the request says where it goes', async () => {
    fake.plan = { chunks: ['{"short": "Buy tickets", "long": null, "decorative": false}'] };
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/article.html`);
    await menuClick(s.worker, page.url(), { menuItemId: 'alt-text', srcUrl: `${fake.origin}/buy.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    expect(fake.providerRequests()[0]!.body.messages.at(-1).content[0].text).toContain(`link to ${fake.origin}/tickets`);
    await page.close();
  });
});

describe('answer language', () => {
  it("follows the page's language by default, and the user's choice when set", async () => {
    fake.plan = { chunks: ['{"short": "x", "long": null, "decorative": false}'] };
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/article.html`);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/fig1.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    expect(fake.providerRequests()[0]!.body.messages.at(-1).content[0].text).toMatch(/Answer in English\.$/);
    await s.worker.evaluate(() => chrome.storage.local.set({ answerSettings: { language: 'de', altMaxLength: 90 } }));
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/fig1.png` });
    await menuClick(s.worker, page.url(), { menuItemId: 'alt-text', srcUrl: `${fake.origin}/fig1.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(3);
    expect(fake.providerRequests()[1]!.body.messages.at(-1).content[0].text).toMatch(/Answer in German\.$/);
    const alt = fake.providerRequests()[2]!.body.messages.at(-1).content[0].text;
    expect(alt).toContain('in German');
    expect(alt).toContain('at most 90 characters');
    await s.worker.evaluate(() => chrome.storage.local.remove('answerSettings'));
    await page.close();
  });
});

describe('whole-page audit', () => {
  it('flags exactly the planted problems; a batch of 30 with a 429 in the middle completes with the retry visible', async () => {
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/article.html`);
    const panel = await openPanel(s);
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
    await panel.getByRole('button', { name: 'Audit this page' }).click();
    await panel.getByTestId('audit-summary').waitFor();
    const items = panel.getByTestId('audit-item');
    const verdicts = async () =>
      Object.fromEntries(await items.evaluateAll((els) => els.map((el) => [el.querySelector('label')!.textContent!.split(' ')[0], [...el.querySelectorAll('[data-verdict]')].map((v) => v.getAttribute('data-verdict'))])));
    const v = await verdicts();
    expect(v['fig1.png']).toEqual(['missing']);
    expect(v['fig2.png']).toEqual(['filename']);
    expect(v['buy.png']).toEqual(['link-no-text']);
    expect(v['logo.png']).toEqual([]);
    expect(v['spacer.png']).toEqual([]);
    expect(v['0.png']).toEqual(['generic', 'duplicate']);
    expect(v['1.png']).toEqual(['generic', 'duplicate']);
    expect(v['5.png']).toEqual([]);
    expect(v['hero.png']).toEqual([]); // CSS background without role=img: decorative by definition
    expect(await panel.getByTestId('audit-summary').textContent()).toContain('36 images, 5 with problems');

    // Select all 30 gallery images, see the count and cost first.
    await items.evaluateAll((els) => els.forEach((el) => {
      const box = el.querySelector('input[type=checkbox]') as HTMLInputElement;
      const isGallery = /^\d+\.png/.test(el.querySelector('label')!.textContent!);
      if (box.checked !== isGallery) box.click();
    }));
    await expect.poll(() => panel.getByTestId('audit-estimate').textContent()).toMatch(/^30 selected · estimated cost about \$/);
    fake.plan = { chunks: ['{"short": "A scene", "long": null, "decorative": false}'], delayMs: 5 };
    // After 12 answers, the next request gets a 429 with retry-after: 1.
    let planted = false;
    const inject = setInterval(() => {
      if (!planted && fake.providerRequests().length >= 12) {
        planted = true;
        fake.faults = [{ kind: 'status', status: 429, body: '{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}', headers: { 'retry-after': '1' } }];
      }
    }, 5);
    await panel.getByRole('button', { name: 'Generate alt text for 30 images' }).click();
    await panel.getByTestId('audit-retrying').waitFor({ timeout: 20_000 });
    await poll(async () => (await panel.getByTestId('audit-suggestion').count()) === 30, '30 suggestions', 40_000);
    clearInterval(inject);
    expect(fake.providerRequests().length).toBe(31);
    // Saved as they arrived: a reload (panel closed and opened) still shows them.
    await panel.reload();
    await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
    await expect.poll(() => panel.getByTestId('audit-suggestion').count()).toBe(30);
    await page.close();
    await panel.close();
  });
});
