// Chrome's PDF viewer: Playwright's Chromium opens PDFs as downloads, so this file drives Debian's Chromium
// with puppeteer-core, which shows the viewer even headless (/work/shared/TOOLCHAIN.md "PDFs"). A region over
// a PDF with coloured blocks, dragged with the mouse and chosen with the keyboard, reaches the fake provider
// with the right pixels; Capture the whole page on a PDF of several pages says plainly it cannot be stitched.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { FakeProvider } from '../support/fake-provider';
import { makePdf, type PdfBlock } from '../support/pdf';
import { EXT_DIR } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
declare const chrome: any;
let browser: Browser;
let worker: WebWorker;
let fake: FakeProvider;

// 600×800 pt pages: red over the top half, blue under it (PDF y runs upwards).
const HALVES: PdfBlock[] = [{ rgb: [1, 0, 0], at: [0, 400, 600, 400] }, { rgb: [0, 0, 1], at: [0, 0, 600, 400] }];
const GREEN: PdfBlock[] = [{ rgb: [0, 1, 0], at: [0, 0, 600, 800] }];

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/blocks.pdf', { type: 'application/pdf', body: makePdf([HALVES]) });
  fake.pages.set('/pages.pdf', { type: 'application/pdf', body: makePdf([HALVES, GREEN, HALVES]) });
  fake.pages.set('/blank.html', { type: 'text/html', body: '<!doctype html><title>blank</title>' });
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    defaultViewport: { width: 1000, height: 700 },
    enableExtensions: true,
    args: [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, '--disable-gpu', '--no-first-run', '--no-sandbox'],
  });
  worker = (await (await browser.waitForTarget((t) => t.type() === 'service_worker')).worker())!;
  await worker.evaluate(async (base: string) => {
    const profile = { id: 'p1', name: 'fake', provider: 'openai-compatible', baseUrl: `${base}/v1`, model: 'm', apiKey: '' };
    await chrome.storage.local.set({ profiles: [profile], defaultProfileId: 'p1' });
  }, fake.origin);
});
afterAll(async () => {
  await browser?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

/** Opens the PDF and waits for its viewer to draw. */
async function openPdf(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${fake.origin}${path}`);
  // The top document is the viewer's empty host page; the viewer itself paints a moment after it loads.
  await page.waitForFunction(() => document.contentType === 'application/pdf');
  await new Promise((r) => setTimeout(r, 2500));
  return page;
}

/** Runs a menu item in the PDF's tab as a real right-click would (the newest tab is the one just opened). */
const menuClick = (menuItemId: string) =>
  worker.evaluate(async (menuItemId: string) => {
    const [tab] = (await chrome.tabs.query({})).sort((a: any, b: any) => b.id - a.id);
    return (globalThis as any).__e2e.menuClick({ menuItemId, editable: false, pageUrl: tab.url, frameId: 0 }, tab) as Promise<string | undefined>;
  }, menuItemId);

/** The image of the first provider request, decoded, with pixels sampled at fractions of its size. */
async function sent(samples: [number, number][]) {
  await expect.poll(() => fake.providerRequests().length, { timeout: 20_000 }).toBeGreaterThan(0);
  const content = fake.providerRequests()[0]!.body.messages.at(-1).content as any[];
  const url = content.find((p) => p.type === 'image_url').image_url.url as string;
  const page = await browser.newPage();
  await page.goto(`${fake.origin}/blank.html`);
  const got = await page.evaluate(async (url: string, samples: [number, number][]) => {
    const bmp = await createImageBitmap(await (await fetch(url)).blob());
    const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    return { width: bmp.width, height: bmp.height, px: samples.map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x * bmp.width), Math.floor(y * bmp.height), 1, 1).data.slice(0, 3))) };
  }, url, samples);
  await page.close();
  return got;
}

const near = (px: number[], want: number[]) => px.every((v, i) => Math.abs(v - want[i]!) <= 40);

describe.skipIf(!existsSync(CHROMIUM) || !existsSync(EXT_DIR))("a region over Chrome's PDF viewer", () => {
  it('dragged with the mouse: the picker comes up over the PDF, and the region reaches the provider', async () => {
    const page = await openPdf('/blocks.pdf');
    const done = menuClick('region');
    await page.waitForSelector('glimpse-picker');
    // The page fills the viewer right of its sidebar; red down to about y = 518, blue below (86 % zoom).
    await page.mouse.move(450, 400);
    await page.mouse.down();
    await page.mouse.move(600, 500, { steps: 5 });
    await page.mouse.move(750, 640, { steps: 5 });
    await page.mouse.up();
    await done;
    const img = await sent([[0.5, 0.05], [0.5, 0.95]]);
    expect(img.width / img.height).toBeCloseTo(300 / 240, 1);
    expect(near(img.px[0]!, [255, 0, 0]), `top ${img.px[0]}`).toBe(true);
    expect(near(img.px[1]!, [0, 0, 255]), `bottom ${img.px[1]}`).toBe(true);
    await page.close();
  });

  it('chosen with the keyboard (Shift+arrows to grow it, Enter): the same', async () => {
    const page = await openPdf('/blocks.pdf');
    const done = menuClick('region');
    await page.waitForSelector('glimpse-picker');
    // The first arrow press makes the middle half of the screen (250–750 × 175–525); Shift+↓ grows it 10 px a press.
    await page.keyboard.down('Shift');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Enter');
    await done;
    const img = await sent([[0.6, 0.05], [0.6, 0.97]]);
    expect(img.width / img.height).toBeCloseTo(500 / 440, 1);
    expect(near(img.px[0]!, [255, 0, 0]), `top ${img.px[0]}`).toBe(true);
    expect(near(img.px[1]!, [0, 0, 255]), `bottom ${img.px[1]}`).toBe(true);
    await page.close();
  });

  it('Capture the whole page on a PDF of three pages says plainly that it cannot be stitched, and sends nothing', async () => {
    const page = await openPdf('/pages.pdf');
    const id = await menuClick('full-page');
    const error = await worker.evaluate(async (id: string) => {
      for (let i = 0; i < 100; i++) {
        const row = await new Promise<any>((res) => {
          const open = indexedDB.open('glimpse');
          open.onsuccess = () => {
            const r = open.result.transaction('entries').objectStore('entries').get(id);
            r.onsuccess = () => (open.result.close(), res(r.result));
          };
        });
        if (row?.status === 'failed') return row.error;
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    }, id!);
    expect(error?.message).toMatch(/A PDF cannot be captured whole: it scrolls inside Chrome's PDF viewer/);
    expect(fake.providerRequests()).toHaveLength(0);
    await page.close();
  });
});
