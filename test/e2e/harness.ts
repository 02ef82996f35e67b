import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

// Code passed to worker.evaluate runs in the extension, where chrome exists.
declare const chrome: any;

export const EXT_DIR = resolve(process.env.GLIMPSE_OUT_DIR ?? '.output', 'chrome-mv3-e2e');
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export interface Session {
  ctx: BrowserContext;
  worker: Worker;
  extId: string;
  profileDir: string;
  close(): Promise<void>;
}

export async function launch(opts: { profileDir?: string; scale?: number; lang?: string; args?: string[] } = {}): Promise<Session> {
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'glimpse-e2e-'));
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: EXECUTABLE,
    headless: true,
    viewport: { width: 1000, height: 700 },
    // Pages see the same scale as the screenshots (Playwright would otherwise emulate DPR 1).
    ...(opts.scale ? { deviceScaleFactor: opts.scale } : {}),
    // The browser's UI language, which picks the extension's locale (and pages' navigator.language).
    ...(opts.lang ? { locale: opts.lang, env: { ...process.env, LANGUAGE: opts.lang, LANG: `${opts.lang}.UTF-8` } } : {}),
    args: [
      ...(opts.lang ? [`--lang=${opts.lang}`, `--accept-lang=${opts.lang}`] : []),
      // A real device scale (not Playwright's emulation), so screenshots come at device pixels.
      ...(opts.scale ? [`--force-device-scale-factor=${opts.scale}`] : []),
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      ...(opts.args ?? []),
    ],
  });
  const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const extId = new URL(worker.url()).host;
  return {
    ctx,
    worker,
    extId,
    profileDir,
    async close() {
      await ctx.close();
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ends the extension's worker the way Chrome ends an idle one: at once, in-flight requests and all.
 * (Closing its DevTools target can leave a busy worker running until its fetches finish.)
 */
export async function killWorker(s: Session): Promise<void> {
  const page = await s.ctx.newPage();
  try {
    await page.goto(`chrome-extension://${s.extId}/sidepanel.html`);
    const cdp = await s.ctx.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await page.close();
  }
}

/** A live service worker: after a kill, waits for the restarted one. */
export async function liveWorker(ctx: BrowserContext): Promise<Worker> {
  return poll(async () => {
    for (const w of ctx.serviceWorkers()) {
      const alive = await Promise.race([w.evaluate(() => true).catch(() => false), new Promise<false>((r) => setTimeout(() => r(false), 500))]);
      if (alive) return w;
    }
    return undefined;
  }, 'a live service worker');
}

export async function poll<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ProfileInput {
  provider: string;
  baseUrl: string;
  apiKey?: string;
  model: string;
  name?: string;
  id?: string;
  /** Gateways' Extra headers, one `Name: value` a line. */
  extraHeaders?: string;
}

/** Saves a profile straight into storage, as the options page would. */
export async function setProfile(worker: Worker, p: ProfileInput): Promise<void> {
  await worker.evaluate(async (p) => {
    const profile = { id: p.id ?? 'p1', name: p.name ?? p.provider, apiKey: '', ...p };
    await chrome.storage.local.set({ profiles: [profile], defaultProfileId: profile.id });
  }, p);
}

/** Runs the context-menu handler for an item, as a real click on `pageUrl`'s tab would. */
export function menuClick(worker: Worker, pageUrl: string, info: Record<string, unknown>): Promise<string | undefined> {
  return worker.evaluate(
    async ({ pageUrl, info }) => {
      // The newest tab showing the page: earlier tests may have left one open.
      const [tab] = (await chrome.tabs.query({ url: pageUrl })).sort((a: any, b: any) => b.id - a.id);
      if (!tab) throw new Error(`no tab for ${pageUrl}`);
      const hooks = (globalThis as any).__e2e;
      return hooks.menuClick({ editable: false, pageUrl, frameId: 0, ...info }, tab);
    },
    { pageUrl, info },
  );
}

export async function openPanel(s: Session): Promise<Page> {
  const page = await s.ctx.newPage();
  await page.goto(`chrome-extension://${s.extId}/sidepanel.html`);
  return page;
}

/** Reads rows of the extension's `glimpse` IndexedDB through the worker. */
export function dbRows<T = any>(worker: Worker, table: 'entries' | 'threads' | 'images'): Promise<T[]> {
  return worker.evaluate(
    (table) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('glimpse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(table, 'readonly');
          const req = tx.objectStore(table).getAll();
          req.onsuccess = () => {
            const rows = req.result.map((r: any) => ({ ...r, bytes: r.bytes ? Array.from(r.bytes as Uint8Array).length : undefined }));
            open.result.close();
            resolve(rows);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    table,
  ) as Promise<T[]>;
}

/** Decodes a data: URL image in a page and samples pixels (x, y as fractions of the size). */
export async function inspectImage(page: Page, dataUrl: string, samples: [number, number][] = []) {
  return page.evaluate(
    async ({ dataUrl, samples }) => {
      const bmp = await createImageBitmap(await (await fetch(dataUrl)).blob());
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const px = samples.map(([fx, fy]) => Array.from(ctx.getImageData(Math.floor(fx * bmp.width), Math.floor(fy * bmp.height), 1, 1).data.slice(0, 3)));
      return { width: bmp.width, height: bmp.height, px };
    },
    { dataUrl, samples },
  );
}
