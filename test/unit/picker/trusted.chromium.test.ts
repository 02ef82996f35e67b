import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForPage } from '../helpers/bundle';

/*
 * The picker, the region selector and the right-click recorder run in pages that may be hostile. A page can
 * dispatch pointer and key events of its own, but it cannot make them trusted: only real input (here
 * Playwright's mouse and keyboard, which go through the browser's input pipeline) may choose what is sent.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const TEXT = { region: 'Drag', element: 'Click', noImages: 'None', imageOf: '{1}/{2} {3}', selection: '{1}×{2} at {3},{4}', videoFrame: '{1}', background: '{1}' };

describe.skipIf(!existsSync(CHROMIUM))('picker and recorder ignore synthetic events (real Chromium)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const [picker, pointer] = await Promise.all([bundleForPage('utils/picker/overlay.ts', 'glimpsePicker'), bundleForPage('entrypoints/pointer.ts', 'glimpsePointer')]);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent('<!doctype html><html><body style="margin:0"><img id="i" width="200" height="150" style="display:block;margin:100px" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>');
    // The worst case for the test: the overlay's shadow root made reachable, as if the page could find the layer.
    await page.evaluate(() => {
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        return attach.call(this, { ...init, mode: 'open' });
      };
    });
    await page.addScriptTag({ content: picker });
    await page.addScriptTag({ content: pointer });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const startPick = (mode: 'region' | 'element') =>
    page.evaluate(({ mode, text }) => {
      const w = window as any;
      w.__result = 'pending';
      void w.glimpsePicker.pick(mode, text).then((r: unknown) => (w.__result = r));
    }, { mode, text: TEXT });
  const result = () => page.evaluate(() => (window as any).__result);
  const layer = () => 'document.querySelector("glimpse-picker").shadowRoot.querySelector(".layer")';

  it('region: dispatched keys and a dispatched drag neither confirm, cancel nor select; a real drag does', async () => {
    await startPick('region');
    await page.evaluate((layerExpr) => {
      const key = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      key('ArrowRight');
      key('Enter');
      key('Escape');
      const el = eval(layerExpr) as HTMLElement;
      const ptr = (type: string, x: number, y: number) => el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true, pointerId: 1 }));
      ptr('pointerdown', 0, 0);
      ptr('pointermove', 700, 500);
      ptr('pointerup', 700, 500);
    }, layer());
    await new Promise((r) => setTimeout(r, 100));
    expect(await result()).toBe('pending');
    expect(await page.evaluate(() => !!document.querySelector('glimpse-picker'))).toBe(true);

    await page.mouse.move(50, 60);
    await page.mouse.down();
    await page.mouse.move(250, 160, { steps: 4 });
    await page.mouse.up();
    await expect.poll(result).toMatchObject({ kind: 'region', rect: { x: 50, y: 60, width: 200, height: 100 } });
  });

  it('element: a dispatched click on the image picks nothing, a dispatched Escape does not cancel; a real Escape does', async () => {
    await startPick('element');
    await page.evaluate((layerExpr) => {
      const el = eval(layerExpr) as HTMLElement;
      for (const type of ['pointermove', 'pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(type, { clientX: 150, clientY: 150, button: 0, bubbles: true, pointerId: 1 }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    }, layer());
    await new Promise((r) => setTimeout(r, 100));
    expect(await result()).toBe('pending');
    await page.keyboard.press('Escape');
    await expect.poll(result).toBe(null);
  });

  it('the right-click recorder keeps a real right-click, not a dispatched one', async () => {
    await page.evaluate(() => (window as any).glimpsePointer.main());
    const mark = () => page.evaluate(() => (window as any).__glimpsePointer as { x: number; y: number } | undefined);
    await page.evaluate(() => document.getElementById('i')!.dispatchEvent(new MouseEvent('contextmenu', { clientX: 150, clientY: 150, bubbles: true, button: 2 })));
    expect(await mark()).toBeUndefined();
    await page.mouse.click(120, 130, { button: 'right' });
    await expect.poll(mark).toMatchObject({ x: 120, y: 130 });
    await page.evaluate(() => window.dispatchEvent(new MouseEvent('contextmenu', { clientX: 5, clientY: 5, bubbles: true, button: 2 })));
    expect(await mark()).toMatchObject({ x: 120, y: 130 });
  });
});
