import { readFileSync } from 'node:fs';
import { GROUPED_BAR_TRUTH, groupedBarAnswer } from '../support/chart-answer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeProvider } from '../support/fake-provider';
import { launch, menuClick, openPanel, type Session } from './harness';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/chart.html', { type: 'text/html', body: '<!doctype html><title>Quarterly, "grouped" results</title><img src="/bar_grouped.png" alt="">' });
  fake.pages.set('/bar_grouped.png', { type: 'image/png', body: readFileSync('test/fixtures/charts/bar_grouped.png') });
  s = await launch();
  await s.worker.evaluate((base) => chrome.storage.local.set({
    profiles: [
      { id: 'a', name: 'First', provider: 'openai-compatible', baseUrl: `${base}/a/v1`, apiKey: '', model: 'model-a' },
      { id: 'b', name: 'Second', provider: 'openai-compatible', baseUrl: `${base}/b/v1`, apiKey: '', model: 'model-b' },
    ],
    defaultProfileId: 'a',
  }), fake.origin);
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});

/** Extract table from chart on the test page, with a panel open to show it. */
async function extract() {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/chart.html`);
  const panel = await openPanel(s);
  await menuClick(s.worker, page.url(), { menuItemId: 'table', srcUrl: `${fake.origin}/bar_grouped.png` });
  return { page, panel };
}

describe('chart → table', () => {
  it('right-click → structured answer → accessible table; planted errors flagged; CSV download; second pass highlights disagreement', async () => {
    // Planted error: a value of 1.7 on an axis that ends at 1.2.
    const json = groupedBarAnswer((rows) => (rows[4]![2]!.value = 1.7));
    fake.plan = { chunks: ['```json\n', json.slice(0, 200), json.slice(200), '\n```'] };
    const { page, panel } = await extract();
    const table = panel.getByTestId('chart-table');
    await table.waitFor({ timeout: 15_000 });
    expect(fake.providerRequests()[0]!.body.messages.at(-1).content[0].text).toContain('JSON');

    expect(await table.locator('caption').textContent()).toContain('Values by category and group');
    expect(await table.locator('thead th[scope=col]').allTextContents()).toEqual(['category', 'group', 'value']);
    expect(await table.locator('tbody th[scope=row]').count()).toBe(9);
    expect(await table.locator('td.est').count()).toBe(9);
    expect(await table.locator('td.est .sr-only').first().textContent()).toBe(' (estimated)');
    const flagged = table.locator('[data-flag=check]');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.textContent()).toContain('1.7');
    expect(await panel.getByTestId('checks').textContent()).toContain('1.7 is outside the axis range 0–1.2');
    expect(await panel.getByTestId('replot').locator('rect').count()).toBeGreaterThan(9);

    // Sorting by value puts the planted 1.7 last.
    await table.getByRole('button', { name: 'value' }).click();
    await table.getByRole('button', { name: 'value' }).click();
    expect(await table.locator('thead th').nth(2).getAttribute('aria-sort')).toBe('descending');
    expect(await table.locator('tbody tr').first().locator('td').last().textContent()).toContain('1.7');

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('quarterly-grouped-results--values-by-category-and-group.csv');
    const bytes = readFileSync((await download.path())!, 'utf8');
    const lines = bytes.split('\r\n');
    expect(lines[0]).toBe('category,group,value');
    expect(lines).toHaveLength(10);
    expect(lines[1]).toBe(`A,x,${GROUPED_BAR_TRUTH[0]![1]}`);
    expect(lines[5]).toBe('B,y,1.7');

    // Second pass with the other profile: it reads one cell differently.
    fake.plan = { chunks: [groupedBarAnswer((rows) => { rows[4]![2]!.value = 0.2; rows[0]![2]!.value = 0.6; })] };
    await panel.getByRole('button', { name: 'Check with a second pass' }).click();
    await expect.poll(() => panel.locator('[data-testid=chart-table]').first().locator('[data-flag=differs]').count(), { timeout: 15_000 }).toBe(1);
    expect(fake.providerRequests().at(-1)!.path).toBe('/b/v1/chat/completions');
    await page.close();
    await panel.close();
  });

  it('an answer that is not a valid table shows the raw text and says why', async () => {
    fake.plan = { chunks: ['Sorry, I think the chart shows sales going up.'] };
    const { page, panel } = await extract();
    const err = panel.getByTestId('table-error').first();
    await err.waitFor({ timeout: 15_000 });
    expect(await err.textContent()).toContain('could not read a table');
    expect(await err.textContent()).toContain('sales going up');
    await page.close();
    await panel.close();
  });

  it('a pie chart’s table is re-drawn as a pie: one wedge per row, named as a pie', async () => {
    const cell = (value: string | number) => ({ value, source: 'label' });
    const pie = {
      title: 'Browser share', chartType: 'pie', xAxis: null, yAxis: null, notes: [],
      columns: [{ name: 'browser', unit: null }, { name: 'share', unit: '%' }],
      rows: [['Chrome', 60], ['Firefox', 10], ['Safari', 30]].map(([b, v]) => [cell(b!), cell(v!)]),
    };
    fake.plan = { chunks: [JSON.stringify(pie)] };
    const { page, panel } = await extract();
    const plot = panel.locator('[data-testid=replot][data-kind=pie]').first();
    await plot.waitFor({ timeout: 15_000 });
    expect(await plot.getAttribute('aria-label')).toBe('Pie re-drawn from the extracted data: 3 slices of share');
    expect(await plot.locator('path title').allTextContents()).toEqual(['Chrome: 60 (60 %)', 'Firefox: 10 (10 %)', 'Safari: 30 (30 %)']);
    expect(await plot.locator('rect').count()).toBe(1); // the frame only: no bars
    await page.close();
    await panel.close();
  });
});
