import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { quadrants } from '../support/png';
import { type FakeProvider } from '../support/fake-provider';
import { menuClick, openPanel, setProfile, type Session } from './harness';
import { suite } from './suite';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page: Page): Promise<string[]> {
  // Runtime.evaluate is not subject to the extension page's CSP.
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }),
  );
  return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`);
}

let s: Session;
declare const chrome: any;
let fake: FakeProvider;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(200, 100) });
  },
});

describe('axe-core finds no violations', () => {
  it('panel: empty, streaming, done, error; options', async () => {
    const panel = await openPanel(s);
    await panel.getByRole('heading', { name: 'No captures yet' }).waitFor();
    expect(await violations(panel), 'empty').toEqual([]);

    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    fake.plan = { chunks: ['# Heading\n\n', 'Some **text** and a table:\n\n', '| a | b |\n|---|---|\n| 1 | 2 |\n'], holdBeforeLast: true };
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('streaming');
    expect(await violations(panel), 'streaming').toEqual([]);
    fake.release();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    expect(await violations(panel), 'done + history').toEqual([]);

    fake.faults = [{ kind: 'status', status: 401, body: '{"error":{"message":"bad key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}' }];
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await panel.getByTestId('error').first().waitFor();
    expect(await violations(panel), 'error').toEqual([]);

    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    await opts.getByLabel('Provider', { exact: true }).waitFor();
    expect(await violations(opts), 'options').toEqual([]);
  });

  it('compare, chart table, alt-text and audit views', async () => {
    await s.worker.evaluate((base) => chrome.storage.local.set({
      profiles: [
        { id: 'a', name: 'A', provider: 'openai-compatible', baseUrl: `${base}/v1`, apiKey: '', model: 'gpt-4o' },
        { id: 'b', name: 'B', provider: 'openai-compatible', baseUrl: `${base}/v1`, apiKey: '', model: 'm2' },
      ],
      defaultProfileId: 'a',
    }), fake.origin);
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    const panel = await openPanel(s);
    fake.plan = { chunks: ['Plain answer.'] };
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    await panel.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => panel.getByTestId('compare').getByTestId('answer').count()).toBe(2);
    await expect.poll(() => panel.locator('[data-testid=compare] [data-status=streaming]').count()).toBe(0);
    expect(await violations(panel), 'compare').toEqual([]);

    const table = { title: 'T', chartType: 'bar', xAxis: null, yAxis: { label: 'v', unit: null, min: 0, max: 10 }, notes: [], columns: [{ name: 'k', unit: null }, { name: 'v', unit: null }], rows: [[{ value: 'A', source: 'label' }, { value: 12, source: 'estimated' }]] };
    fake.plan = { chunks: [JSON.stringify(table)] };
    await menuClick(s.worker, page.url(), { menuItemId: 'table', srcUrl: `${fake.origin}/q.png` });
    await panel.getByTestId('chart-table').waitFor();
    expect(await violations(panel), 'chart table').toEqual([]);

    fake.plan = { chunks: ['{"short": "Four coloured squares", "long": null, "decorative": false}'] };
    await menuClick(s.worker, page.url(), { menuItemId: 'alt-text', srcUrl: `${fake.origin}/q.png` });
    await panel.getByTestId('alt-view').waitFor();
    expect(await violations(panel), 'alt text').toEqual([]);

    await page.bringToFront();
    await panel.getByRole('button', { name: 'Alt-text audit of this page' }).click();
    await panel.getByRole('button', { name: 'Audit this page' }).click();
    await panel.getByTestId('audit-summary').waitFor();
    expect(await violations(panel), 'audit').toEqual([]);
    await page.close();
    await panel.close();
  });

  it('the panel is usable by keyboard alone: Tab reaches every control with visible focus', async () => {
    const panel = await openPanel(s);
    await panel.getByTestId('history').waitFor();
    const seen = new Set<string>();
    // Enough presses to wrap around the whole panel, wherever focus starts.
    for (let i = 0; i < 150; i++) {
      await panel.keyboard.press('Tab');
      const info = await panel.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.id, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (!info) continue;
      expect(info.outline, `focus ring on ${info.name}`).toBe(true);
      seen.add(info.name);
    }
    for (const name of ['Options', 'Retry', 'Copy text', 'image-url', 'history-search']) {
      expect([...seen].some((n) => n.includes(name)), name).toBe(true);
    }
  });
});
