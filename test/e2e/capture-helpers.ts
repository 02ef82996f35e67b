// Shared by the capture*.e2e.ts, contract and Firefox files: what reached the provider, and where it came from.
import { expect } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import type { FakeProvider } from '../support/fake-provider';
import { dbRows, inspectImage, menuClick, poll } from './harness';

export type RGB = [number, number, number];
export const RED: RGB = [255, 0, 0];
export const GREEN: RGB = [0, 255, 0];
export const BLUE: RGB = [0, 0, 255];
export const YELLOW: RGB = [255, 255, 0];
export const CYAN: RGB = [0, 255, 255];
export const MAGENTA: RGB = [255, 0, 255];
/** Where the quadrants of test/support/png.ts `quadrants` are, as fractions of the size. */
export const QUAD_POINTS: [number, number][] = [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]];
export const QUAD_COLOURS: RGB[] = [RED, GREEN, BLUE, YELLOW];

/** The image data URL in the n-th provider request (OpenAI Chat Completions shape). */
export async function sentImage(fake: FakeProvider, n = 0): Promise<string> {
  await expect.poll(() => fake.providerRequests().length, { timeout: 20_000 }).toBeGreaterThan(n);
  const content = fake.providerRequests()[n]!.body.messages.at(-1).content as any[];
  return content.find((p) => p.type === 'image_url').image_url.url as string;
}

/** Decoded size and pixels of what the provider received. */
export async function sentPixels(fake: FakeProvider, page: Page, samples: [number, number][] = QUAD_POINTS, n = 0) {
  const url = await sentImage(fake, n);
  return { mime: /^data:([^;,]+)/.exec(url)?.[1], ...(await inspectImage(page, url, samples)) };
}

/** Every sampled colour within `tol` of the expected one (video and JPEG paths are not exact). */
export function expectColours(got: number[][], want: RGB[], tol = 0): void {
  expect(got).toHaveLength(want.length);
  const far = got.map((px, i) => px.map((v, c) => Math.abs(v - want[i]![c]!))).filter((d) => Math.max(...d) > tol);
  expect(far, `colours ${JSON.stringify(got)} vs ${JSON.stringify(want)}`).toEqual([]);
}

/** The image record (with `source.method`) behind the entry a menu click returned. */
export async function imageFor(worker: Worker, entryId: string | undefined): Promise<any> {
  expect(entryId).toBeTruthy();
  return poll(async () => {
    const entry = (await dbRows(worker, 'entries')).find((e) => e.id === entryId);
    const thread = entry && (await dbRows(worker, 'threads')).find((t) => t.id === entry.threadId);
    return thread?.imageId ? (await dbRows(worker, 'images')).find((i) => i.id === thread.imageId) : undefined;
  }, `the image of entry ${entryId}`);
}

/** The failed entry's error, for captures that are refused. */
export async function failureOf(worker: Worker, entryId: string | undefined): Promise<{ kind: string; message: string }> {
  return poll(async () => {
    const e = (await dbRows(worker, 'entries')).find((r) => r.id === entryId);
    return e?.status === 'failed' ? e.error : undefined;
  }, `entry ${entryId} to fail`);
}

/** Right-click → Describe where the menu saw no image: the picker opens; `act` points at something. */
export async function pickWith(worker: Worker, page: Page, act: () => Promise<void>): Promise<string | undefined> {
  await page.bringToFront();
  const done = menuClick(worker, page.url(), { menuItemId: 'describe' });
  await page.waitForSelector('glimpse-picker', { state: 'attached' });
  await act();
  const id = await done;
  expect(await page.locator('glimpse-picker').count()).toBe(0);
  return id;
}

/**
 * A click on the picker where it covers a cross-origin frame. That frame is another renderer process, and the
 * browser routes input to it by the hit-test data of the last frame drawn: for a frame or two after the overlay
 * is attached (before it is on screen), a pointer event there still goes into the frame, under the overlay, so
 * the picker never sees the click and the pick waits forever (seen in about 1 in 10 first moves). A user only
 * clicks on a picker they can see; the test hovers until the picker, not the frame, gets the pointer.
 */
export const clickOverFrame = (page: Page, x: number, y: number) => async (): Promise<void> => {
  await page.evaluate(() => {
    const w = window as unknown as { __overPicker?: boolean };
    w.__overPicker = false;
    addEventListener('pointermove', (e) => void (e.isTrusted && (e.target as Element).localName === 'glimpse-picker' && (w.__overPicker = true)), true);
  });
  let n = 0;
  await expect
    .poll(async () => {
      await page.mouse.move(x + (n++ % 2), y); // a move to where the pointer already is may not be dispatched
      return page.evaluate(() => (window as unknown as { __overPicker?: boolean }).__overPicker);
    })
    .toBe(true);
  await page.mouse.click(x, y);
};

/** A 1000×700 window's nearly three screens (2050 px): a sticky red header (50 px), blue, green, yellow and magenta
 * blocks of 500 px, and a fixed cyan bar (40 px) at the bottom of the screen. */
export const TALL = `<!doctype html><title>Tall</title><style>
  body { margin: 0 } header { position: sticky; top: 0; height: 50px; background: #f00 }
  section { height: 500px } .bar { position: fixed; bottom: 0; left: 0; right: 0; height: 40px; background: #0ff }
</style><header></header><section style="background:#00f"></section><section style="background:#0f0"></section>
<section style="background:#ff0"></section><section style="background:#f0f"></section><div class="bar"></div>`;

/**
 * TALL captured whole, at page y (CSS px): the header at the top only, the fixed bar once (at the first
 * screen's bottom), and each later piece's top shows the page, not the header.
 */
export const TALL_WHOLE: [number, RGB][] = [[25, RED], [300, BLUE], [680, CYAN], [725, GREEN], [800, GREEN], [1300, YELLOW], [1375, YELLOW], [1600, MAGENTA], [2030, MAGENTA]];

/** The samples (page y, colour) whose pixel is more than 40 off in some channel, with what was found. */
export function farFrom(want: [number, RGB][], got: number[][]): [number, number[]][] {
  return want.flatMap(([y, rgb], i) => (got[i]!.some((v, c) => Math.abs(v - rgb[c]!) > 40) ? [[y, got[i]!] as [number, number[]]] : []));
}

/** A page of solid blocks at known CSS positions, for exact region crops (red | blue over green, 100..500 × 100..300). */
export const BLOCKS = `<!doctype html><title>Blocks</title><style>body{margin:0}div{position:absolute}</style>
<div style="left:100px;top:100px;width:200px;height:100px;background:#f00"></div>
<div style="left:300px;top:100px;width:200px;height:100px;background:#00f"></div>
<div style="left:100px;top:200px;width:400px;height:100px;background:#0f0"></div>`;

/** A canvas-drawn quadrant pattern, as page script: red, green / blue, yellow. */
export const DRAW_QUADRANTS = `function drawQuadrants(ctx, w, h) {
  const c = [['#f00', '#0f0'], ['#00f', '#ff0']];
  for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) { ctx.fillStyle = c[y][x]; ctx.fillRect(x * w / 2, y * h / 2, w / 2, h / 2); }
}`;
