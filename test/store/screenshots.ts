/**
 * Store screenshots from the real UI (`npm run screenshots`): the e2e build in Debian's Chromium, a local
 * fake provider with canned answers (test/support/fake-provider.ts speaks the real wire format), demo pages
 * with the photos of test/fixtures/store/. Each shot is 1280×800, the size both the Chrome Web Store and
 * addons.mozilla.org ask for; a page and the side panel are shown side by side, as the browser shows them.
 * Written to .output/screenshots/ (ignored by git).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { FakeProvider } from '../support/fake-provider';
import { groupedBarAnswer } from '../support/chart-answer';
import { launch, menuClick, openPanel, poll, setProfile, type Session } from '../e2e/harness';

export const SHOT = { width: 1280, height: 800 };
const PANEL_WIDTH = 420;
const OUT = resolve(process.env.GLIMPSE_OUT_DIR ?? '.output', 'screenshots');
const fixture = (p: string) => readFileSync(resolve('test/fixtures', p));
// Shown in the panel's provenance and receipt: names a reader expects rather than 127.0.0.1 and a port.
const SITE = 'http://weekend-journal.example';
const GATEWAY = 'http://ai-gateway.example';

const STYLE = `<style>body{font:17px/1.6 Georgia,serif;color:#222;background:#fbfaf7;margin:0}
header{background:#234;color:#fff;padding:14px 40px;font:600 20px system-ui}main{max-width:720px;margin:24px auto;padding:0 24px}
h1{font:700 34px/1.2 system-ui;margin:8px 0 12px}figure{margin:18px 0}img{max-width:100%;display:block}
figcaption{font:14px system-ui;color:#555;margin-top:6px}.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}.grid img{width:100%;height:250px;object-fit:cover;background:#fff}.grid img[src$=".png"]{object-fit:contain}</style>`;
const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${STYLE}</head><body><header>Weekend Journal</header><main>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  '/coast.html': page('Riding the coast at low tide', `<h1>Riding the coast at low tide</h1>
<p>The best hour on the north beach is the one after the tide turns, when the sand is firm and the breakers are far out.</p>
<figure><img src="/img/beach-riders.jpg" alt="" width="640" height="424"></figure>
<p>Two local stables run guided rides every weekend from April to October.</p>`),
  '/pizzeria.html': page('Inside a neighbourhood pizzeria', `<h1>Inside a neighbourhood pizzeria</h1>
<h2>Before the doors open</h2>
<p>By four in the afternoon the dough has rested for a day, and the first pies go into the oven before the evening rush.</p>
<figure><img src="/img/kitchen.jpg" width="640" height="427"><figcaption>Every pie is rolled by hand.</figcaption></figure>`),
  '/results.html': page('Quarterly results', `<h1>Quarterly results</h1><p>Sales by region and product line, as reported to the board.</p>
<figure><img src="/img/chart.png" alt="" width="400"><figcaption>Values by category and group.</figcaption></figure>`),
  '/weekend.html': page('Ten things to do this weekend', `<h1>Ten things to do this weekend</h1>
<div class="grid"><img src="/img/beach-riders.jpg" alt="IMG_2041.jpg"><img src="/img/fog.jpg">
<img src="/img/kitchen.jpg" alt="Kitchen"><img src="/img/chart.png" alt="Chart"></div>`),
};

/** Two cards of real answers: the photo, the alt text, the chart table and each audit row. */
const ANSWERS = {
  describe: [
    'Two riders on horseback walk along a wide, sandy beach at the edge of the surf. ',
    'The horse in front is dark brown, the one behind a lighter bay; both riders wear helmets and dark jackets.\n\n',
    '- **Setting:** a rocky shoreline with low waves breaking on the left, hills in the haze behind.\n',
    '- **Light:** soft and overcast, early morning or late afternoon.\n',
    '- **Mood:** calm and unhurried; the riders are walking, not galloping.',
  ],
  alt: ['{"short": "A cook in a white apron rolls out pizza dough at a floured table, pans hanging on the wall behind", ', '"long": null, "decorative": false}'],
};

/** The page on the left and the side panel on the right, at the stores' size. */
async function sideBySide(s: Session, left: Page, panel: Page, file: string) {
  await left.setViewportSize({ width: SHOT.width - PANEL_WIDTH, height: SHOT.height });
  await panel.setViewportSize({ width: PANEL_WIDTH, height: SHOT.height });
  await panel.bringToFront();
  // The panel moves focus to a new answer's heading; its focus ring is not part of the picture.
  await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const [a, b] = [await left.screenshot(), await panel.screenshot()];
  const sheet = await s.ctx.newPage();
  await sheet.setViewportSize(SHOT);
  const img = (png: Buffer, w: number) => `<img src="data:image/png;base64,${png.toString('base64')}" width="${w}" height="${SHOT.height}">`;
  await sheet.setContent(`<body style="margin:0;display:flex;background:#ccc;gap:1px">${img(a, SHOT.width - PANEL_WIDTH - 1)}${img(b, PANEL_WIDTH)}</body>`);
  await sheet.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  await save(sheet, file);
  await sheet.close();
}

async function save(p: Page, file: string) {
  writeFileSync(resolve(OUT, file), await p.screenshot({ clip: { x: 0, y: 0, ...SHOT } }));
  console.log(`  ${file}`);
}

/** Runs one capture from a page through the panel and waits until its answer is complete. */
async function capture(s: Session, fake: FakeProvider, path: string, item: string, img: string, chunks: string[], done: (panel: Page) => Promise<unknown>) {
  fake.plan = { chunks, delayMs: 5 };
  const tab = await s.ctx.newPage();
  await tab.goto(`${SITE}${path}`);
  const panel = await openPanel(s);
  await menuClick(s.worker, tab.url(), { menuItemId: item, srcUrl: `${SITE}${img}` });
  await done(panel);
  return { tab, panel };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const fake = await new FakeProvider().start();
  for (const [path, html] of Object.entries(PAGES)) fake.pages.set(path, { type: 'text/html', body: html });
  fake.pages.set('/img/beach-riders.jpg', { type: 'image/jpeg', body: fixture('store/coco-214753-beach-riders.jpg') });
  fake.pages.set('/img/kitchen.jpg', { type: 'image/jpeg', body: fixture('store/coco-397133-kitchen.jpg') });
  fake.pages.set('/img/fog.jpg', { type: 'image/jpeg', body: fixture('store/coco-165518-fog-motorcycle.jpg') });
  fake.pages.set('/img/chart.png', { type: 'image/png', body: fixture('charts/bar_grouped.png') });
  const port = fake.port;
  const s = await launch({ args: [`--host-resolver-rules=MAP weekend-journal.example:80 127.0.0.1:${port}, MAP ai-gateway.example:80 127.0.0.1:${port}`] });
  try {
    // Options as a user sees them after adding the OpenAI template: nothing here is sent anywhere.
    await setProfile(s.worker, { id: 'demo', name: 'GPT-4o (OpenAI)', provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-demo-not-a-real-key', model: 'gpt-4o' });
    const options = await s.ctx.newPage();
    await options.setViewportSize(SHOT);
    await options.goto(`chrome-extension://${s.extId}/options.html`);
    await options.getByLabel('Model', { exact: true }).waitFor();
    await save(options, '1-options.png');
    await options.close();

    // The rest answer from the fake provider, named as the user's own profile would be.
    await setProfile(s.worker, { id: 'demo', name: 'GPT-4o', provider: 'openai-compatible', baseUrl: `${GATEWAY}/v1`, model: 'gpt-4o' });
    const described = await capture(s, fake, '/coast.html', 'describe', '/img/beach-riders.jpg', ANSWERS.describe, (p) => p.getByText('unhurried').waitFor());
    await sideBySide(s, described.tab, described.panel, '2-describe.png');

    const alt = await capture(s, fake, '/pizzeria.html', 'alt-text', '/img/kitchen.jpg', ANSWERS.alt, (p) =>
      poll(async () => (await p.getByLabel('Short alt text').inputValue().catch(() => '')).startsWith('A cook'), 'the alt text'));
    await sideBySide(s, alt.tab, alt.panel, '3-alt-text.png');

    const json = groupedBarAnswer();
    const chart = await capture(s, fake, '/results.html', 'table', '/img/chart.png', ['```json\n', json.slice(0, 300), json.slice(300), '\n```'], (p) => p.getByTestId('chart-table').waitFor());
    await sideBySide(s, chart.tab, chart.panel, '4-chart-table.png');

    await sideBySide(s, ...(await audit(s, fake)), '5-audit.png');
  } finally {
    await s.close();
    await fake.stop();
  }
}

/** An audit of a page with four images, alt text written for three of them. */
async function audit(s: Session, fake: FakeProvider): Promise<[Page, Page]> {
  const tab = await s.ctx.newPage();
  await tab.goto(`${SITE}/weekend.html`);
  const panel = await openPanel(s);
  await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
  await tab.bringToFront(); // the audit reads the active tab
  await panel.getByRole('button', { name: 'Audit this page' }).click();
  await poll(async () => (await panel.getByTestId('audit-summary').textContent())?.includes('4 images'), 'the audit list');
  await panel.bringToFront();
  await poll(async () => (await panel.getByTestId('audit-thumb').count()) === 4, 'the thumbnails');
  const suggestions: [string, string][] = [
    ['beach-riders.jpg', 'Two riders on horseback walking along a sandy beach beside the surf'],
    ['fog.jpg', 'A motorcyclist with headlight on rides toward the camera on a fog-bound road'],
  ];
  for (const [file, short] of suggestions) {
    fake.plan = { chunks: [JSON.stringify({ short, long: null, decorative: false })], delayMs: 5 };
    await panel.getByTestId('audit-item').evaluateAll((els, file) => {
      for (const el of els) {
        const box = el.querySelector('input[type=checkbox]') as HTMLInputElement;
        if (box.checked !== el.querySelector('label')!.textContent!.startsWith(file)) box.click();
      }
    }, file);
    await panel.getByRole('button', { name: 'Generate alt text for 1 image' }).click();
    await poll(async () => (await panel.getByTestId('audit-suggestion').allTextContents()).some((t) => t.includes(short.slice(0, 20))), `the alt text for ${file}`);
  }
  return [tab, panel];
}

if (process.argv[1]?.endsWith('screenshots.ts')) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
