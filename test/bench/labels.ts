import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { FakeProvider } from '../support/fake-provider';
import { makePng } from '../support/png';
import { launch, menuClick, setProfile } from '../e2e/harness';

const png = (i: number) => makePng(160, 120, (x, y) => [(x * (i + 3)) % 256, (y * 7 + i * 13) % 256, (i * 29) % 256]);

/** A page of 100 images without alt, in paragraphs of text; `ids` picks each image's bytes (same id, same bytes). */
function servePage(fake: FakeProvider, path: string, ids: number[]): string {
  const parts = ids.map((id, i) => {
    const src = `${path}-img/${i}.png`;
    fake.pages.set(src, { type: 'image/png', body: png(id) });
    return `<h2>Item ${i}</h2><p><img src="${src}" width="160" height="120"> Paragraph ${i} about the harbour.</p>`;
  });
  fake.pages.set(path, { type: 'text/html', body: `<!doctype html><html lang="en"><title>Harbour ${path}</title><main>${parts.join('\n')}</main></html>` });
  return `${fake.origin}${path}`;
}

/** Every moment an alt was written, in the page's own world (it sees the extension's writes). */
const watchLabels = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __labelTimes: number[] };
    w.__labelTimes = [];
    new MutationObserver((rs) => rs.forEach((r) => r.attributeName === 'alt' && w.__labelTimes.push(Date.now()))).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['alt'] });
  });

/** L1: 100 images labelled in place under the fake's rate limit; L2: a second page sharing half its images (the cache). */
export async function labels(): Promise<void> {
  execSync('npm run build:e2e', { stdio: 'ignore' });
  const fake = await new FakeProvider().start();
  const s = await launch();
  try {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'gpt-4o' });
    // ~0.35 s per answer, as in P6.
    fake.plan = { chunks: ['{"short": ', '"A boat ', 'in the ', 'harbour", ', '"long": null, ', '"decorative": false}'], delayMs: 55 };
    const limit = { perSecond: 10, maxInFlight: 4 };
    fake.limit = limit;
    const first = Array.from({ length: 100 }, (_, i) => i);
    // Seeds 100–149 differ from 0–99 modulo 256, so the new half really is new.
    const second = [...first.slice(0, 50), ...Array.from({ length: 50 }, (_, i) => 100 + i)];
    const url1 = servePage(fake, '/label-a.html', first);
    const url2 = servePage(fake, '/label-b.html', second);

    console.log('\n## L1 labelling a page of 100 images in place, fake provider limited to 10 requests/s and 4 at once');
    const page = await s.ctx.newPage();
    await page.goto(url1);
    await watchLabels(page);
    const t0 = Date.now();
    await menuClick(s.worker, url1, { menuItemId: 'label-page' });
    const done = Date.now() - t0;
    const times = (await page.evaluate(() => (window as unknown as { __labelTimes: number[] }).__labelTimes)).map((t) => t - t0);
    const ok = fake.providerRequests().filter((r) => r.status === 200).length;
    const refused = fake.providerRequests().filter((r) => r.status === 429).length;
    const service = 0.35;
    const ideal = 100 / Math.min(limit.perSecond, limit.maxInFlight / service);
    console.log(`labels written: ${times.length}; first after ${times[0]} ms, last after ${times.at(-1)} ms (run finished ${done} ms); ${ok} answers, ${refused} refused with 429`);
    console.log(`at the fake's nominal 0.35 s an answer the limit allows ~${ideal.toFixed(1)} s for 100 (slower under load): the last label came at ${((ideal * 1000) / (times.at(-1) ?? Infinity) * 100).toFixed(0)} % of that rate`);

    console.log('\n## L2 a second page sharing half its images (same bytes, other URLs)');
    fake.reset();
    fake.plan = { chunks: ['{"short": "A boat in the harbour", "long": null, "decorative": false}'], delayMs: 5 };
    const page2 = await s.ctx.newPage();
    await page2.goto(url2);
    await menuClick(s.worker, url2, { menuItemId: 'label-page' });
    const sent2 = fake.providerRequests().filter((r) => r.status === 200).length;
    const labelled2 = await page2.locator('img[alt$="(Glimpse)"]').count();
    console.log(`labelled ${labelled2}/100 with ${sent2} requests: the cache saved ${100 - sent2} of 100 requests (${100 - sent2} %)`);
  } finally {
    await s.close().catch(() => undefined);
    await fake.stop();
  }
}
