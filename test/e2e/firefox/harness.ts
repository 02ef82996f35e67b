import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { poll, type ProfileInput } from '../harness';

export { poll };

// Code passed to page.evaluate runs in an extension page, where `browser` is the WebExtension API.
declare const browser: any;

export const FF_EXT_DIR = resolve(process.env.GLIMPSE_OUT_DIR ?? '.output', 'firefox-mv2-e2e');
const EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'glimpse@glimpse.dev';
/** Fixed by the `extensions.webextensions.uuids` pref, so the moz-extension:// origin (and its IndexedDB) is stable. */
export const EXT_UUID = '6c1d9a52-4e7b-4f0a-9d3c-2b8e5f7a1c40';
export const EXT_ORIGIN = `moz-extension://${EXT_UUID}`;

export interface FfSession {
  browser: Browser;
  /** An extension tab (sidepanel.html) that reaches storage, IndexedDB and the background page's __e2e hooks. */
  control: Page;
  profileDir: string;
  close(): Promise<void>;
}

/** Firefox with the e2e build installed as a temporary add-on. */
export async function startFirefox(profileDir: string): Promise<Browser> {
  const b = await puppeteer.launch({
    browser: 'firefox',
    executablePath: EXECUTABLE,
    headless: true,
    userDataDir: profileDir,
    defaultViewport: { width: 1000, height: 700 },
    // BiDi may not navigate to moz-extension:// URLs; the chrome scope (system access) opens extension tabs.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXT_UUID }),
      // A temporary add-on is uninstalled at shutdown; a restart reinstalls it and must find its data again.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      // Downloads (CSV) land in the profile without a dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': join(profileDir, 'downloads'),
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  await b.installExtension(FF_EXT_DIR);
  return b;
}

/** A browser of this file's own, closed (and its temporary profile removed) at the end. */
export async function launchFirefox(opts: { profileDir?: string } = {}): Promise<FfSession> {
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'glimpse-ff-'));
  const b = await startFirefox(profileDir);
  return attach(b, profileDir, async () => {
    await b.close();
    if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });
}

/**
 * The lane's shared browser (test/e2e/firefox/global-setup.ts): launching Firefox is the slow part, so files
 * connect to one. A new BiDi session each; at the end the file's tabs close and the session ends.
 */
export async function connectFirefox(endpoint: string, profileDir: string): Promise<FfSession> {
  const b = await puppeteer.connect({ browserWSEndpoint: endpoint, protocol: 'webDriverBiDi', defaultViewport: { width: 1000, height: 700 } });
  return attach(b, profileDir, async () => {
    for (const p of await b.pages()) await p.close().catch(() => undefined);
    await b.disconnect();
  });
}

async function attach(b: Browser, profileDir: string, close: () => Promise<void>): Promise<FfSession> {
  const s: FfSession = { browser: b, control: undefined as unknown as Page, profileDir, close };
  s.control = await openExtPage(s, 'sidepanel.html');
  await poll(() => s.control.evaluate(async () => !!(await browser.runtime.getBackgroundPage())?.__e2e), 'the background page hooks');
  return s;
}

async function chromeEval(s: FfSession, expression: string): Promise<void> {
  // Raw BiDi: puppeteer does not type its connection, and has no call for the chrome scope.
  const conn = (s.browser as unknown as { connection: { send(m: string, p: object): Promise<{ result: any }> } }).connection;
  const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const top = tree.result.contexts.find((c: any) => c.url === 'chrome://browser/content/browser.xhtml');
  const r = await conn.send('script.evaluate', { expression, target: { context: top.context }, awaitPromise: true });
  if (r.result.type !== 'success') throw new Error(`chrome scope: ${JSON.stringify(r.result)}`);
}

/** Opens an extension page in a new, selected tab (as `browser.tabs.create` from the extension would). */
export async function openExtPage(s: FfSession, path: string): Promise<Page> {
  const before = new Set(await s.browser.pages());
  const url = `${EXT_ORIGIN}/${path}`;
  await chromeEval(s, `gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); 1`);
  const page = await poll(async () => (await s.browser.pages()).find((p) => !before.has(p)), `a tab for ${path}`);
  await untilLoaded(page, url);
  return page;
}

async function untilLoaded(page: Page, url: string): Promise<void> {
  await poll(() => page.evaluate((u) => location.href === u && document.readyState === 'complete' && !(window as any).__e2eOld, url).catch(() => false), `${url} to load`);
}

/** Reloads an extension page (BiDi reports no load events for moz-extension:// documents, so page.reload() hangs). */
export async function reloadExt(page: Page): Promise<void> {
  const url = await page.evaluate(() => {
    (window as any).__e2eOld = true;
    location.reload();
    return location.href;
  });
  await untilLoaded(page, url);
}

/** A web page from the fake provider, selected (captureVisibleTab shoots the selected tab). */
export async function openWebPage(s: FfSession, url: string): Promise<Page> {
  const page = await s.browser.newPage();
  await page.goto(url);
  await page.bringToFront();
  return page;
}

/** Saves a profile straight into storage, as the options page would. */
export async function setProfile(s: FfSession, p: ProfileInput): Promise<void> {
  await s.control.evaluate(async (p) => {
    const profile = { id: p.id ?? 'p1', name: p.name ?? p.provider, apiKey: '', ...p };
    await browser.storage.local.set({ profiles: [profile], defaultProfileId: profile.id });
  }, p);
}

/** Runs the background page's context-menu handler for an item, as a real click on `pageUrl`'s tab would. */
export function menuClick(s: FfSession, pageUrl: string, info: Record<string, unknown>): Promise<string | undefined> {
  return s.control.evaluate(
    async ({ pageUrl, info }) => {
      const [tab] = (await browser.tabs.query({})).filter((t: any) => t.url === pageUrl).sort((a: any, b: any) => b.id - a.id);
      if (!tab) throw new Error(`no tab for ${pageUrl}`);
      const bg = await browser.runtime.getBackgroundPage();
      // Objects made in the background page's own realm, as the real listener would receive them.
      const own = (v: unknown) => bg.JSON.parse(JSON.stringify(v));
      return bg.__e2e.menuClick(own({ editable: false, pageUrl, frameId: 0, ...info }), own(tab));
    },
    { pageUrl, info },
  ) as Promise<string | undefined>;
}

export function menuIds(s: FfSession): Promise<string[]> {
  return s.control.evaluate(async () => [...(await (await browser.runtime.getBackgroundPage()).__e2e.menuIds())]);
}

/** Rows of the extension's `glimpse` IndexedDB (the control tab shares the extension's origin). */
export function dbRows<T = any>(s: FfSession, table: 'entries' | 'threads' | 'images'): Promise<T[]> {
  return s.control.evaluate(
    (table) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('glimpse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(table, 'readonly').objectStore(table).getAll();
          req.onsuccess = () => {
            const rows = req.result.map((r: any) => ({ ...r, bytes: r.bytes ? (r.bytes as Uint8Array).length : undefined }));
            open.result.close();
            resolve(JSON.parse(JSON.stringify(rows)));
          };
          req.onerror = () => reject(req.error);
        };
      }),
    table,
  ) as Promise<T[]>;
}

/** The image record (with `original` and `source`) behind the entry a menu click returned. */
export function imageOf(s: FfSession, entryId: string | undefined): Promise<any> {
  return poll(async () => {
    const entry = (await dbRows(s, 'entries')).find((e) => e.id === entryId);
    const thread = entry && (await dbRows(s, 'threads')).find((t) => t.id === entry.threadId);
    return thread?.imageId ? (await dbRows(s, 'images')).find((i) => i.id === thread.imageId) : undefined;
  }, `the image of entry ${entryId}`);
}

/** Decodes a data: URL image (in Firefox) and samples pixels at fractions of its size. */
export function inspectImage(page: Page, dataUrl: string, samples: [number, number][] = []) {
  return page.evaluate(
    async (dataUrl, samples) => {
      const bmp = await createImageBitmap(await (await fetch(dataUrl)).blob());
      const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const px = samples.map(([fx, fy]) => Array.from(ctx.getImageData(Math.floor(fx * bmp.width), Math.floor(fy * bmp.height), 1, 1).data.slice(0, 3)));
      return { width: bmp.width, height: bmp.height, px };
    },
    dataUrl,
    samples,
  );
}

/**
 * The form control whose accessible name is `name`. Firefox's accessibility locator also matches the <label>
 * that gives the name; that label's control is the one meant.
 */
export async function byLabel(page: Page, name: string): Promise<ElementHandle<HTMLElement>> {
  const hit = await page.waitForSelector(`::-p-aria(${name})`);
  return (await hit!.evaluateHandle((el) => (el instanceof HTMLLabelElement ? el.control! : el))) as ElementHandle<HTMLElement>;
}

/** Text of every element matching `selector` in a page (puppeteer has no Playwright-style locators' textContent poll). */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent ?? ''), selector).catch(() => []);
}
