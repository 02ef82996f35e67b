import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type FakeProvider } from '../support/fake-provider';
import { GOOD_ALT, LABELLED, serveLabelArticle } from '../support/label-page';
import { makePng } from '../support/png';
import { menuClick, openPanel, setProfile, type Session } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

const ALT = 'Boats and nets on a grey morning';
const ANSWER = { chunks: [`{"short": "${ALT}", `, '"long": null, "decorative": false}'], delayMs: 5 };
const LABEL = `${ALT} (Glimpse)`;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const local = () => setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'gpt-4o' });
/** A priced model (OpenAI's wire format at the fake), so cost and budget apply. */
const priced = () => setProfile(s.worker, { provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: 'gpt-4o' });
const labelSettings = (v: Record<string, unknown>) =>
  s.worker.evaluate((v) => chrome.storage.local.set({ labelSettings: { marker: ' (Glimpse)', askAboveUsd: 0.05, dailyBudgetUsd: 0.5, ...v } }), v);
const sent = () => fake.providerRequests().filter((r) => r.status === 200).length;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    serveLabelArticle(fake, '/article.html', 0);
    serveLabelArticle(fake, '/again.html', 0);
    serveLabelArticle(fake, '/priced.html', 1);
    serveLabelArticle(fake, '/budget.html', 2);
    fake.pages.set('/f/in-frame.png', { type: 'image/png', body: makePng(160, 120, (x, y) => [x % 256, 90, y % 256]) });
    fake.pages.set('/frames.html', {
      type: 'text/html',
      body: `<!doctype html><html lang="en"><title>Frames</title><main><h1>Frames</h1><iframe id="f" title="Gallery" width="400" height="300" srcdoc="<p>Inside <img id='inner' src='/f/in-frame.png' width='160' height='120'></p>"></iframe><canvas id="plot" width="200" height="120"></canvas><script>const g = document.getElementById('plot').getContext('2d'); g.fillStyle = 'teal'; g.fillRect(20, 20, 120, 80);</script></main>`,
    });
    fake.pages.set('/live/late.png', { type: 'image/png', body: makePng(160, 120, (x, y) => [200, x % 256, y % 256]) });
    fake.pages.set('/live/first.png', { type: 'image/png', body: makePng(160, 120, (x, y) => [10, y % 256, x % 256]) });
    fake.pages.set('/live.html', {
      type: 'text/html',
      body: `<!doctype html><html lang="en"><title>Live</title><main><h1>Feed</h1><p><img id="first" src="/live/first.png" width="160" height="120"> Post one.</p></main></html>`,
    });
  },
  each: async () => {
    await local();
    await labelSettings({});
    fake.plan = ANSWER;
  },
});

/** The accessible name and description Chromium's accessibility tree gives the element `selector` (in the page or a frame). */
async function ax(page: Page, selector: string, frame?: string): Promise<{ name: string; description: string; role: string; ignored: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let scope = root.nodeId;
    if (frame) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: scope, selector: frame });
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true });
      const { nodeIds } = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [node.contentDocument!.backendNodeId] });
      scope = nodeIds[0]!;
    }
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: scope, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const n = nodes[0]!;
    return { name: String(n.name?.value ?? ''), description: String(n.description?.value ?? ''), role: String(n.role?.value ?? ''), ignored: !!n.ignored };
  } finally {
    await cdp.detach();
  }
}

/** Every image-role node's name in the whole accessibility tree (getFullAXTree), for the count of labels. */
async function imageNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n: any) => !n.ignored && n.role?.value === 'image').map((n: any) => String(n.name?.value ?? ''));
}

/** Every element's attributes, for "restored exactly". */
const attributes = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('*')].map((e) => `${e.localName}#${e.id}: ${[...e.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}`));

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const r = await page.evaluate(() => (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id} ${n.target.join(' ')}`));
}

async function open(path: string): Promise<Page> {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}${path}`);
  await page.waitForLoadState('load');
  return page;
}

describe('Label this page\'s images', () => {
  it('labels the flagged images in place (accessible names), leaves good alt and the spacer alone, and says so once', async () => {
    const page = await open('/article.html');
    expect(await s.worker.evaluate(() => (globalThis as any).__e2e.menuIds())).toContain('label-page');
    const before = await attributes(page);
    const axeBefore = await axeViolations(page);
    await menuClick(s.worker, page.url(), { menuItemId: 'label-page' });

    // One request per flagged image: 4 without alt, 2 file names, the hero, the image link.
    expect(sent()).toBe(8);
    for (const id of ['none1', 'none2', 'none3', 'none4', 'file1', 'file2']) {
      expect(await ax(page, `#${id}`), id).toMatchObject({ name: LABEL, description: 'Alt text written by Glimpse', role: 'image' });
    }
    expect(await ax(page, '#hero')).toMatchObject({ name: LABEL, role: 'image' });
    const link = await ax(page, 'header a');
    expect(link.role).toBe('link');
    expect(link.name).toBe(`${ALT}, link to 127.0.0.1/about-us (Glimpse)`);
    for (const [i, id] of ['good1', 'good2', 'good3'].entries()) expect((await ax(page, `#${id}`)).name).toBe(GOOD_ALT[i]);
    expect(await page.getAttribute('#spacer', 'alt')).toBe('');
    expect((await ax(page, '#spacer')).ignored).toBe(true);
    // The whole tree: 3 human names, 8 Glimpse labels (the link's image among them), nothing unnamed.
    const names = await imageNames(page);
    expect(names.filter((n) => n.endsWith('(Glimpse)'))).toHaveLength(LABELLED.length);
    expect(names.filter((n) => GOOD_ALT.includes(n))).toHaveLength(3);
    expect(names.filter((n) => !n)).toEqual([]);
    // One polite announcement for the whole page.
    await expect.poll(() => page.locator('[role=status][aria-live=polite]').allTextContents()).toEqual(['Glimpse labelled 8 images']);
    // axe-core: nothing new on the labelled page.
    const axeAfter = await axeViolations(page);
    expect(axeAfter.filter((v) => !axeBefore.includes(v))).toEqual([]);

    // Remove Glimpse labels (the panel's button): every attribute as it was, absent ones absent again.
    const panel = await openPanel(s);
    await panel.getByRole('button', { name: 'Remove Glimpse labels' }).click();
    await expect.poll(() => attributes(page)).toEqual(before);
    expect((await ax(page, '#none1')).name).toBe('');
    await expect.poll(() => panel.getByTestId('label-status').textContent()).toContain('Removed 8 Glimpse labels');
    await page.close();
    await panel.close();
  });

  it('a reload and labelling again (the shortcut) sends no request: every label comes from the cache', async () => {
    const page = await open('/again.html');
    await menuClick(s.worker, page.url(), { menuItemId: 'label-page' });
    const first = sent();
    await page.reload();
    expect((await ax(page, '#none1')).name).toBe('');
    // The keyboard shortcut runs the same labelling.
    await s.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      await (globalThis as any).__e2e.command('label-page', tab);
    }, page.url());
    expect(sent()).toBe(first);
    for (const id of LABELLED.filter((id) => id !== 'logo')) expect((await ax(page, `#${id}`)).name, id).toBe(LABEL);
    const panel = await openPanel(s);
    await expect.poll(() => panel.getByTestId('label-status').textContent()).toBe('Labelled 8 of 8 (8 from the cache, no request).');
    await page.close();
    await panel.close();
  });

  it('images in a same-origin frame, and a canvas picture, are labelled too', async () => {
    const page = await open('/frames.html');
    await page.frameLocator('#f').locator('#inner').waitFor();
    await menuClick(s.worker, page.url(), { menuItemId: 'label-page' });
    expect(await page.frameLocator('#f').locator('#inner').getAttribute('alt')).toBe(LABEL);
    expect((await ax(page, '#inner', '#f')).name).toBe(LABEL);
    expect(await ax(page, '#plot')).toMatchObject({ role: 'image', name: LABEL });
    expect(sent()).toBe(2);
    await page.close();
  });
});

describe('cost first', () => {
  it('above the threshold nothing is sent until "Label N images"; then the labels arrive', async () => {
    await priced();
    await labelSettings({ askAboveUsd: 0.001 });
    const page = await open('/priced.html');
    const panel = await openPanel(s);
    await menuClick(s.worker, page.url(), { menuItemId: 'label-page' });
    expect(sent()).toBe(0);
    await expect.poll(() => panel.getByTestId('label-estimate').textContent()).toMatch(/^8 to label with a request, about \$0\.\d+ \(asks first above \$0\.0010\)\.$/);
    await panel.getByRole('button', { name: 'Label 8 images' }).click();
    await expect.poll(() => sent(), { timeout: 15_000 }).toBe(8);
    await expect.poll(async () => (await ax(page, '#none4')).name, { timeout: 15_000 }).toBe(LABEL);
    await page.close();
    await panel.close();
  });
});

describe('Always label on this site', () => {
  it('labels on page load and an image added later by page script within 3 s; off removes the script', async () => {
    const page = await open('/live.html');
    const panel = await openPanel(s);
    // The switch appears for the page last labelled.
    await menuClick(s.worker, page.url(), { menuItemId: 'label-page' });
    await panel.getByRole('checkbox', { name: /^Always label on 127\.0\.0\.1/ }).check();
    await expect.poll(() => s.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((c: any) => c.id))).toEqual(['glimpse-labels-http___127_0_0_1_' + new URL(fake.origin).port]);

    const fresh = await open('/live.html');
    await expect.poll(async () => (await ax(fresh, '#first')).name, { timeout: 10_000 }).toBe(LABEL);
    const before = sent();
    await fresh.evaluate(() => {
      const img = Object.assign(document.createElement('img'), { id: 'late', src: '/live/late.png', width: 160, height: 120 });
      document.querySelector('main')!.append(img);
    });
    const t0 = Date.now();
    await expect.poll(async () => (await ax(fresh, '#late')).name, { timeout: 3000, interval: 100 }).toBe(LABEL);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(sent()).toBe(before + 1);

    await panel.getByRole('checkbox', { name: /^Always label on 127\.0\.0\.1/ }).uncheck();
    await expect.poll(() => s.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)).toBe(0);
    const after = await open('/live.html');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await after.getAttribute('#first', 'alt')).toBeNull();
    await Promise.all([page.close(), fresh.close(), after.close(), panel.close()]);
  });

  it('the daily budget stops labelling when it is reached, and the panel says so', async () => {
    await priced();
    // About $0.0011 a request for these images at gpt-4o: room for two.
    await labelSettings({ dailyBudgetUsd: 0.0025, askAboveUsd: 0.001 });
    await s.worker.evaluate(() => chrome.storage.local.remove('labelSpend'));
    const page = await open('/budget.html');
    const panel = await openPanel(s);
    await menuClick(s.worker, page.url(), { menuItemId: 'label-page' }); // above the threshold: asks first…
    expect(sent()).toBe(0);
    await panel.getByRole('checkbox', { name: /^Always label on 127\.0\.0\.1/ }).check(); // …the site switch does not
    await expect.poll(() => panel.getByTestId('label-status').textContent(), { timeout: 15_000 }).toContain("Today's labelling budget ($0.0025) is spent");
    // The budget is reserved before each request, so "spent" can show while the reserved ones still stream.
    await expect.poll(sent).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1000));
    const n = sent();
    expect(n).toBeLessThan(8);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sent()).toBe(n);
    await panel.getByRole('checkbox', { name: /^Always label on 127\.0\.0\.1/ }).uncheck();
    await page.close();
    await panel.close();
  });
});
