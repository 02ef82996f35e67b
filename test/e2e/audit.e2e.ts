import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makePng } from '../support/png';
import { type FakeProvider } from '../support/fake-provider';
import { killWorker, liveWorker, openPanel, poll, type Session, setProfile } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

const png = (seed: number, w = 160, h = 120) => makePng(w, h, (x, y) => [(x * seed) % 256, (y * 3) % 256, (seed * 53) % 256]);
const gallery = Array.from({ length: 10 }, (_, i) => `<img src="/e/g${i}.png" width="120" height="90" alt="photo">`).join('\n');
// Every kind, a broken image, and one image far below the fold.
const PAGE = `<!doctype html><html lang="en"><head><title>Audit page</title></head><body>
<h1>Harbour</h1>
<p><img src="/e/a.png" alt="IMG_0001.jpg" width="160" height="120"> The harbour at dawn.</p>
<p><img src="/e/b.png" width="160" height="120"></p>
${gallery}
<div role="img" aria-label="Banner" style="width:200px;height:100px;background:url(/e/bg.png) center/cover"></div>
<svg role="img" aria-label="Chart" width="80" height="80"><circle cx="40" cy="40" r="30" fill="teal"/></svg>
<form><input type="image" src="/e/go.png" alt="Go" width="80" height="40"></form>
<img src="/e/gone.png" alt="Gone" width="120" height="90">
<div style="height:4000px"></div>
<img id="far" src="/e/far.png" width="160" height="120">
</body></html>`;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/audit-e2e.html', { type: 'text/html', body: PAGE });
    for (const [i, p] of ['a', 'b', 'bg', 'go', 'far'].entries()) fake.pages.set(`/e/${p}.png`, { type: 'image/png', body: png(i + 2, p === 'bg' ? 400 : 160, p === 'bg' ? 200 : 120) });
    for (let i = 0; i < 10; i++) fake.pages.set(`/e/g${i}.png`, { type: 'image/png', body: png(i + 10) });
  },
  each: async () => {
    await setProfile(s.worker, { id: 'p', name: 'P', provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'gpt-4o' });
  },
});

const auditIds = (): Promise<string[]> =>
  s.worker.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('glimpse');
        open.onsuccess = () => {
          const req = open.result.transaction('audits').objectStore('audits').getAllKeys();
          req.onsuccess = () => (open.result.close(), resolve(req.result as string[]));
        };
      }),
  );

/** The page, the panel, and a fresh audit of the page listed in it. */
async function audited(): Promise<{ page: Page; panel: Page }> {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/audit-e2e.html`);
  const panel = await openPanel(s);
  await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
  await page.bringToFront(); // the audit reads the active tab
  // Earlier tests audited the same page: wait for this audit, not the last one shown at first.
  const earlier = await auditIds();
  await panel.getByRole('button', { name: 'Audit this page' }).click();
  await expect.poll(async () => {
    const id = await panel.getByTestId('audit').getAttribute('data-audit-id');
    return !!id && !earlier.includes(id);
  }).toBe(true);
  await expect.poll(() => panel.getByTestId('audit-summary').textContent()).toContain('17 images');
  // In front again: in a background tab animation frames are throttled, and every click waits for one.
  await panel.bringToFront();
  return { page, panel };
}

const row = (panel: Page, name: string) => panel.getByTestId('audit-item').filter({ has: panel.locator('label', { hasText: new RegExp(`^${name.replace(/[.()]/g, '\\$&')} `) }) });

/** Ticks exactly the rows whose file names match. */
async function select(panel: Page, names: RegExp) {
  await panel.getByTestId('audit-item').evaluateAll((els, src) => {
    const re = new RegExp(src);
    for (const el of els) {
      const box = el.querySelector('input[type=checkbox]') as HTMLInputElement;
      if (box.checked !== re.test(el.querySelector('label')!.textContent!.split(' ')[0]!)) box.click();
    }
  }, names.source);
}

const statuses = (panel: Page) => panel.getByTestId('audit-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));

describe('audit list', () => {
  it('thumbnails arrive for every kind the worker can read; a broken image keeps a placeholder', async () => {
    const { page, panel } = await audited();
    await expect.poll(() => panel.getByTestId('audit-thumb').count(), { timeout: 15_000 }).toBe(16);
    const thumbs = await panel.getByTestId('audit-thumb').evaluateAll((els) =>
      (els as HTMLImageElement[]).map((img) => ({ alt: img.alt, src: img.src.slice(0, 26), w: img.naturalWidth, h: img.naturalHeight, done: img.complete })),
    );
    // Decoded under the panel's CSP (data: only), at most 96 px.
    expect(thumbs.every((t) => t.done && t.w > 0 && t.w <= 96 && t.h <= 96)).toBe(true);
    expect(thumbs.filter((t) => t.src.startsWith('data:image/jpeg')).length).toBe(15);
    expect(thumbs.filter((t) => t.src.startsWith('data:image/svg+xml')).length).toBe(1);
    expect(await row(panel, 'a.png').getByRole('img').getAttribute('alt')).toBe('Preview of a.png');
    expect(await row(panel, 'bg.png').getByTestId('audit-thumb').count()).toBe(1);
    expect(await row(panel, 'go.png').getByTestId('audit-thumb').count()).toBe(1);
    expect(await row(panel, '(inline SVG)').getByRole('img').getAttribute('alt')).toBe('Preview of (inline SVG)');
    await expect.poll(() => row(panel, 'gone.png').getByRole('img', { name: 'No preview' }).count()).toBe(1);
    await page.close();
    await panel.close();
  });

  it('with the options page in front, "Audit this page" closes no tab and says which page to open', async () => {
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/audit-e2e.html`);
    const panel = await openPanel(s);
    const options = await s.ctx.newPage();
    await options.goto(`chrome-extension://${s.extId}/options.html`);
    await options.bringToFront();
    const tabs = () => s.worker.evaluate(async () => (await chrome.tabs.query({})).map((t: any) => t.id as number).sort());
    const before = await tabs();
    const earlier = await auditIds();
    await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
    await panel.getByRole('button', { name: 'Audit this page' }).click();
    await expect.poll(() => panel.getByRole('alert').filter({ hasText: 'Open the page you want to audit' }).count()).toBe(1);
    expect(await tabs()).toEqual(before);
    expect(options.isClosed()).toBe(false);
    expect(await auditIds()).toEqual(earlier);
    await options.close();
    await page.close();
    await panel.close();
  });

  it('"Show on page" scrolls the image into view and outlines it', async () => {
    const { page, panel } = await audited();
    expect(await page.evaluate(() => document.getElementById('far')!.getBoundingClientRect().top > innerHeight)).toBe(true);
    await row(panel, 'far.png').getByRole('button', { name: 'Show on page' }).click();
    await poll(
      () =>
        page.evaluate(() => {
          const el = document.getElementById('far')!;
          const r = el.getBoundingClientRect();
          return /solid/.test(el.style.outline) && r.top >= 0 && r.bottom <= innerHeight;
        }),
      'the image outlined and in view',
      5000,
    );
    await page.close();
    await panel.close();
  });
});

describe('batch generation', () => {
  it('exports CSV, JSON and HTML with the current and suggested alt text', async () => {
    const { page, panel } = await audited();
    fake.plan = { chunks: ['{"short": "Fishing boats, \\"Anna\\" in front", ', '"long": "Three boats moored at the quay.", "decorative": false}'], delayMs: 5 };
    await select(panel, /^b\.png$/);
    await panel.getByRole('button', { name: 'Generate alt text for 1 image' }).click();
    await row(panel, 'b.png').getByTestId('audit-suggestion').waitFor();
    fake.plan = { chunks: ['{"short": "", "long": null, "decorative": true}'], delayMs: 5 };
    await select(panel, /^a\.png$/);
    await panel.getByRole('button', { name: 'Generate alt text for 1 image' }).click();
    await row(panel, 'a.png').getByTestId('audit-suggestion').waitFor();

    const download = async (name: string) => {
      const [dl] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name }).click()]);
      return { file: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
    };
    const src = (p: string) => `${fake.origin}${p}`;
    const csv = await download('Export CSV');
    expect(csv.file).toBe('alt-text-audit.csv');
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true }).data;
    expect(Object.keys(rows[0]!)).toEqual(['page_url', 'image_src', 'current_alt', 'verdict', 'suggested_alt', 'long_description']);
    expect(rows).toHaveLength(17);
    expect(rows.every((r) => r.page_url === `${fake.origin}/audit-e2e.html`)).toBe(true);
    expect(rows.find((r) => r.image_src === src('/e/b.png'))).toEqual({
      page_url: `${fake.origin}/audit-e2e.html`, image_src: src('/e/b.png'), current_alt: '', verdict: 'missing (WCAG 1.1.1 Non-text Content (A))',
      suggested_alt: 'Fishing boats, "Anna" in front', long_description: 'Three boats moored at the quay.',
    });
    expect(rows.find((r) => r.image_src === src('/e/a.png'))).toMatchObject({ current_alt: 'IMG_0001.jpg', verdict: 'filename (WCAG 1.1.1 Non-text Content (A))', suggested_alt: '', long_description: '' });
    expect(rows.find((r) => r.image_src === src('/e/go.png'))).toMatchObject({ current_alt: 'Go', verdict: 'ok', suggested_alt: '' });

    const json = await download('Export JSON');
    expect(json.file).toBe('alt-text-audit.json');
    expect(JSON.parse(json.text)).toEqual(rows);

    const html = await download('Export HTML snippets');
    expect(html.file).toBe('alt-text-snippets.html');
    expect(html.text).toBe(
      `<img src="${src('/e/a.png')}" alt="">\n<figure>\n  <img src="${src('/e/b.png')}" alt="Fishing boats, &quot;Anna&quot; in front">\n  <figcaption>Three boats moored at the quay.</figcaption>\n</figure>`,
    );
    await page.close();
    await panel.close();
  });

  it('Cancel stops a running batch: no more requests, and the unfinished images are idle again', async () => {
    const { page, panel } = await audited();
    fake.plan = { chunks: ['{"short": "A boat", ', '"long": null, ', '"decorative": false}'], delayMs: 400 };
    await select(panel, /^g\d\.png$/);
    await panel.getByRole('button', { name: 'Generate alt text for 10 images' }).click();
    await expect.poll(() => fake.providerRequests().length).toBeGreaterThanOrEqual(3);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => statuses(panel)).not.toContain('running');
    const sent = fake.providerRequests().length;
    await new Promise((r) => setTimeout(r, 2000));
    expect(fake.providerRequests().length).toBe(sent);
    const st = await statuses(panel);
    expect(st.filter((x) => x === 'queued' || x === 'running')).toEqual([]);
    expect(st.filter((x) => x === 'idle').length).toBe(17);
    expect(await panel.getByTestId('audit-suggestion').count()).toBe(0);
    await expect.poll(() => panel.getByRole('button', { name: 'Generate alt text for 10 images' }).isEnabled()).toBe(true);
    await page.close();
    await panel.close();
  });

  it('a half-done batch survives closing the panel: what was written is there, and the rest completes', async () => {
    const { page, panel } = await audited();
    // Two at a time, ~0.5 s each: 12 images take a few seconds.
    fake.limit = { maxInFlight: 2 };
    fake.plan = { chunks: ['{"short": "A boat", ', '"long": null, ', '"decorative": false}'], delayMs: 100 };
    await select(panel, /^(g\d|b|far)\.png$/);
    await panel.getByRole('button', { name: 'Generate alt text for 12 images' }).click();
    await expect.poll(() => panel.getByTestId('audit-suggestion').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await panel.close();
    const atClose = fake.providerRequests().filter((r) => r.status === 200).length;
    await new Promise((r) => setTimeout(r, 1000));
    const again = await openPanel(s);
    await again.getByRole('button', { name: 'Alt-text audit of this page' }).click();
    const seen = await poll(async () => (await again.getByTestId('audit-suggestion').count()) || undefined, 'results so far');
    expect(seen).toBeGreaterThanOrEqual(Math.min(atClose, 12));
    expect(seen).toBeLessThan(12);
    await expect.poll(() => again.getByTestId('audit-suggestion').count(), { timeout: 30_000 }).toBe(12);
    expect(fake.providerRequests().filter((r) => r.status === 200)).toHaveLength(12);
    await page.close();
    await again.close();
  });

  // Last in this file: it replaces the session's worker.
  it('a killed worker mid-batch: results so far are kept, the rest say why, and can be sent again', async () => {
    const { page, panel } = await audited();
    fake.limit = { maxInFlight: 1 };
    fake.plan = { chunks: ['{"short": "A boat", ', '"long": null, ', '"decorative": false}'], delayMs: 150 };
    await select(panel, /^g\d\.png$/);
    await panel.getByRole('button', { name: 'Generate alt text for 10 images' }).click();
    await expect.poll(() => panel.getByTestId('audit-suggestion').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await killWorker(s);
    await panel.reload(); // a panel open wakes the worker, as after a real kill
    s.worker = await liveWorker(s.ctx);
    await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
    await expect.poll(() => panel.getByTestId('audit-summary').textContent()).toContain('17 images');
    await expect.poll(() => statuses(panel)).not.toContain('running');
    const st = await statuses(panel);
    expect(st).not.toContain('queued');
    const done = st.filter((x) => x === 'done').length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(st.filter((x) => x === 'failed').length).toBe(10 - done);
    await expect.poll(() => panel.getByTestId('audit-item').filter({ hasText: 'Interrupted: the browser stopped' }).count()).toBe(10 - done);
    fake.limit = undefined;
    fake.plan = { chunks: ['{"short": "A boat", "long": null, "decorative": false}'] };
    await select(panel, /^g\d\.png$/);
    await panel.getByRole('button', { name: 'Generate alt text for 10 images' }).click();
    await expect.poll(() => panel.getByTestId('audit-suggestion').count(), { timeout: 15_000 }).toBe(10);
    await page.close();
    await panel.close();
  });
});
