// The production-permissions lane: puppeteer-core drives Debian's Chromium with .output/chrome-mv3-e2e-prod
// (no <all_urls>), over a pipe, so a browser-level CDP session can send a real toolbar click.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page, type WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeProvider } from '../../support/fake-provider';

// Code passed to worker.evaluate runs in the extension, where chrome exists.
declare const chrome: any;

export const PROD_DIR = resolve(process.env.GLIMPSE_OUT_DIR ?? '.output', 'chrome-mv3-e2e-prod');
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export interface ProdSession {
  browser: Browser;
  /** The browser-level CDP session: only there does Extensions.triggerAction work. */
  cdp: CDPSession;
  extId: string;
  fake: FakeProvider;
  /** The live service worker (found again after Chrome ends an idle one). */
  worker(): Promise<WebWorker>;
  /** A new tab showing `path` on the fake server, under `host` (localhost is another site than 127.0.0.1). */
  open(path: string, host?: string): Promise<Page>;
  /** An extension page (options.html, sidepanel.html) in a new tab. */
  extPage(file: string): Promise<Page>;
  /** A real click on the toolbar button for the tab showing `page`: grants activeTab, as a user's click does. */
  toolbarClick(page: Page): Promise<void>;
}

async function launch(fake: FakeProvider): Promise<ProdSession & { close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'glimpse-prod-'));
  const browser = await puppeteer.launch({
    executablePath: EXECUTABLE,
    headless: true,
    pipe: true,
    enableExtensions: [PROD_DIR],
    userDataDir,
    // The real window, not an emulated viewport: captureVisibleTab shoots the window as it is.
    defaultViewport: null,
    args: ['--window-size=1000,700', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const isWorker = (t: { type(): string; url(): string }) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://');
  const extId = new URL((await browser.waitForTarget(isWorker)).url()).host;
  const cdp = await browser.target().createCDPSession();
  const worker = async () => {
    const target = browser.targets().find(isWorker) ?? (await browser.waitForTarget(isWorker));
    return (await target.worker())!;
  };
  return {
    browser,
    cdp,
    extId,
    fake,
    worker,
    async open(path, host = '127.0.0.1') {
      const page = await browser.newPage();
      await page.goto(`http://${host}:${fake.port}${path}`);
      return page;
    },
    async extPage(file) {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extId}/${file}`);
      return page;
    },
    async toolbarClick(page) {
      await page.bringToFront();
      const url = page.url();
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tab = targetInfos.find((t) => t.url === url);
      if (!tab) throw new Error(`no tab target for ${url}`);
      await cdp.send('Extensions.triggerAction', { id: extId, targetId: tab.targetId });
    },
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** One browser and one fake provider per test file; the fake is reset before each test. */
export function prodSuite(setup: { pages?: (fake: FakeProvider) => void; ready: (s: ProdSession) => void | Promise<void> }): void {
  let session: Awaited<ReturnType<typeof launch>> | undefined;
  beforeAll(async () => {
    const fake = await new FakeProvider().start();
    setup.pages?.(fake);
    session = await launch(fake);
    await setup.ready(session);
  });
  afterAll(async () => {
    await session?.close();
    await session?.fake.stop();
  });
  beforeEach(() => {
    session?.fake.reset();
  });
}

/** Saves one profile straight into storage, as the options page would. */
export async function setProfile(s: ProdSession, p: { provider: string; baseUrl: string; model: string; apiKey?: string }): Promise<void> {
  await (await s.worker()).evaluate(async (p) => {
    const profile = { id: 'p1', name: p.provider, apiKey: '', ...p };
    await chrome.storage.local.set({ profiles: [profile], defaultProfileId: profile.id });
  }, p);
}

/** The host permissions Glimpse holds now. */
export async function grantedOrigins(s: ProdSession): Promise<string[]> {
  return (await s.worker()).evaluate(async () => (await chrome.permissions.getAll()).origins as string[]);
}

/** Rows of the extension's `glimpse` IndexedDB, read through the worker (image bytes left out). */
export async function dbRows(s: ProdSession, table: 'entries' | 'images'): Promise<any[]> {
  return (await s.worker()).evaluate(
    (table) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('glimpse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(table).objectStore(table).getAll();
          req.onsuccess = () => (open.result.close(), resolve(req.result.map(({ bytes: _, ...row }: any) => row)));
          req.onerror = () => reject(req.error);
        };
      }),
    table,
  );
}
