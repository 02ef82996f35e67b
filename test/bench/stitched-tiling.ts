// Capture the whole page of a long article (test/support/article-page.ts: 16 px text on 24 px lines) in the
// built e2e extension, per provider profile: the line height as the model sees it (the CSS line height × the
// scale of what was sent, after the provider's own resize), the tiles and their sizes, and the image tokens,
// against one image of the whole page fitted to the same rule. Everything is the product's own path.
import { execSync } from 'node:child_process';
import type { Worker } from 'playwright-core';
import type { Size } from '../../utils/image/resize';
import { targetSize } from '../../utils/image/vision-rules';
import { ARTICLE_LINE_PX, articlePage } from '../support/article-page';
import { FakeProvider } from '../support/fake-provider';
import { imagesOf } from '../support/sent-images';
import { dbRows, inspectImage, launch, menuClick, poll, setProfile } from '../e2e/harness';
import type { BenchProfile } from './profiles';

/** About 6 and 13 screens of a 1000×700 window; both under the 12,000 px stitch cap. */
const HEIGHTS = [4200, 9000];

/** The stored image record behind an entry: its original size and tile rectangles. */
async function recordOf(worker: Worker, entryId: string | undefined) {
  return poll(async () => {
    const entry = (await dbRows(worker, 'entries')).find((e) => e.id === entryId);
    const thread = entry && (await dbRows(worker, 'threads')).find((t) => t.id === entry.threadId);
    return thread?.imageId ? (await dbRows(worker, 'images')).find((i) => i.id === thread.imageId) : undefined;
  }, 'the stored image', 60_000);
}

export async function stitchedTiling(profiles: BenchProfile[], tokensFor: (model: string, s: Size) => number): Promise<void> {
  execSync('npm run build:e2e', { stdio: 'ignore' });
  const fake = await new FakeProvider().start();
  fake.plan = { chunks: ['ok'], delayMs: 0 };
  for (const h of HEIGHTS) fake.pages.set(`/article-${h}.html`, { type: 'text/html', body: articlePage(h) });
  const s = await launch();
  console.log(`\n## Capture the whole page of a long article (16 px text, ${ARTICLE_LINE_PX} px CSS lines, 1000×700 window, DPR 1), per profile`);
  console.log(`line = the ${ARTICLE_LINE_PX} px line as the model sees it; "one image" = the whole page fitted to the profile's rule`);
  try {
    const page = await s.ctx.newPage();
    for (const h of HEIGHTS) {
      await page.goto(`${fake.origin}/article-${h}.html`);
      console.log(`### article ${h} CSS px tall`);
      for (const p of profiles) {
        await setProfile(s.worker, { provider: p.provider, baseUrl: `${fake.origin}${p.path}`, model: p.model, apiKey: 'k' });
        fake.requests = [];
        const t0 = Date.now();
        const id = await menuClick(s.worker, page.url(), { menuItemId: 'full-page' });
        const sent = imagesOf(await poll(async () => fake.providerRequests()[0], 'the request', 60_000));
        const ms = Date.now() - t0;
        const record = await recordOf(s.worker, id);
        const size: Size = { width: record.original.width, height: record.original.height };
        const rects: { height: number }[] = record.tiles?.map((t: { rect: unknown }) => t.rect) ?? [record.crop ?? size];
        const sizes: Size[] = await Promise.all(sent.map((i) => inspectImage(page, `data:${i.mime};base64,${i.b64}`)));
        // Image pixels per CSS px (the device scale of the screenshots).
        const dpr = size.height / h;
        const seen = (s: Size, rect: { height: number }) => (ARTICLE_LINE_PX * dpr * p.seen(s).height) / rect.height;
        const one = targetSize(p.provider, p.model, size);
        const before = seen(one, size);
        const after = Math.min(...sizes.map((z, i) => seen(z, rects[i]!)));
        const tok = (ss: Size[]) => ss.reduce((n, z) => n + tokensFor(p.model, z), 0);
        const dims = [...new Set(sizes.map((z) => `${z.width}×${z.height}`))].join(' / ');
        console.log(
          `  ${p.label.padEnd(22)} one image ${`${one.width}×${one.height}`.padEnd(9)} ${before.toFixed(1).padStart(5)} px ${String(tok([one])).padStart(6)} tok → ${String(sent.length).padStart(2)} tile${sent.length > 1 ? 's' : ' '} ${dims.padEnd(22)} ${after.toFixed(1).padStart(5)} px ${String(tok(sizes)).padStart(6)} tok (${(tok(sizes) / tok([one])).toFixed(2)}×)  ${(ms / 1000).toFixed(1)} s`,
        );
      }
    }
  } finally {
    await s.close();
    await fake.stop();
  }
}
