import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, launch, menuClick, openPanel, poll, setProfile, type Session } from './harness';

let s: Session;
let fake: FakeProvider;

const table = (rows: [string, number][], columns = ['quarter', 'sales']) =>
  JSON.stringify({
    title: 'Sales by quarter', chartType: 'bar', notes: [],
    xAxis: { label: 'quarter', unit: null, min: null, max: null },
    yAxis: { label: 'sales', unit: 'EUR', min: 0, max: 100 },
    columns: columns.map((name) => ({ name, unit: null })),
    rows: rows.map(([q, v]) => [{ value: q, source: 'label' }, { value: v, source: 'estimated' }]),
  });
const GOOD = table([['Q1', 10], ['Q2', 20], ['Q3', 30]]);
// Valid JSON that the view cannot show: three columns named, two cells per row.
const RAGGED = table([['Q1', 10], ['Q2', 20]], ['quarter', 'sales', 'profit']);

async function ask(menuItemId: string) {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/doc.html`);
  const panel = await openPanel(s);
  const id = await menuClick(s.worker, page.url(), { menuItemId, srcUrl: `${fake.origin}/img.png` });
  return { page, panel, id: id! };
}

const entry = async (id: string) => (await dbRows(s.worker, 'entries')).find((e) => e.id === id);

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/doc.html', { type: 'text/html', body: '<!doctype html><title>Report</title><img src="/img.png" alt="">' });
  fake.pages.set('/img.png', { type: 'image/png', body: readFileSync('test/fixtures/charts/bar_grouped.png') });
  s = await launch();
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

describe('structured output through each provider’s own mechanism', () => {
  it('OpenAI: the table preset asks for a strict json_schema and the table renders', async () => {
    await setProfile(s.worker, { provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: 'gpt-4o' });
    fake.plan = { chunks: [GOOD.slice(0, 40), GOOD.slice(40)] };
    const { page, panel } = await ask('table');
    const view = panel.getByTestId('chart-table');
    await view.waitFor({ timeout: 15_000 });
    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.body.response_format.type).toBe('json_schema');
    expect(req!.body.response_format.json_schema.strict).toBe(true);
    expect(req!.body.response_format.json_schema.name).toBe('chart_table');
    expect(req!.body.response_format.json_schema.schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(await view.locator('tbody th[scope=row]').allTextContents()).toEqual(['Q1', 'Q2', 'Q3']);
    expect(fake.providerRequests()).toHaveLength(1);
    await page.close();
    await panel.close();
  });

  it('Anthropic: the table preset sends output_config.format json_schema', async () => {
    await setProfile(s.worker, { provider: 'anthropic', baseUrl: fake.origin, apiKey: 'sk-ant-test', model: 'claude-sonnet-4-5' });
    fake.plan = { chunks: [GOOD] };
    const { page, panel } = await ask('table');
    await panel.getByTestId('chart-table').waitFor({ timeout: 15_000 });
    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/v1/messages');
    expect(req!.body.output_config.format.type).toBe('json_schema');
    expect(req!.body.output_config.format.schema).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['columns', 'rows']) });
    expect(req!.headers['anthropic-beta']).toBeUndefined();
    await page.close();
    await panel.close();
  });

  it('an invalid first answer triggers exactly one repair request; the table renders from the repaired answer', async () => {
    await setProfile(s.worker, { provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: 'gpt-4o' });
    // The first answer is held before its last chunk, so the repair's answer can be queued behind it.
    fake.plan = { chunks: [RAGGED.slice(0, 50), RAGGED.slice(50)], holdBeforeLast: true };
    const { page, panel, id } = await ask('table');
    await poll(async () => (await entry(id))?.text === RAGGED.slice(0, 50), 'the first chunk');
    fake.plan = { chunks: [GOOD] };
    await poll(async () => {
      fake.release();
      return fake.providerRequests().length === 2;
    }, 'the repair request');
    const view = panel.getByTestId('chart-table');
    await view.waitFor({ timeout: 15_000 });
    expect(await view.locator('tbody th[scope=row]').allTextContents()).toEqual(['Q1', 'Q2', 'Q3']);
    const repair = fake.providerRequests()[1]!.body;
    expect(repair.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair.messages[2].content).toBe(RAGGED);
    expect(repair.messages[3].content[0].text).toBe('That was not valid for the schema: Row 1 has 2 cells but there are 3 columns. Reply with only the corrected JSON.');
    expect(repair.response_format.json_schema.strict).toBe(true);
    expect(await entry(id)).toMatchObject({ status: 'done', text: GOOD, raw: RAGGED });
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.providerRequests()).toHaveLength(2);
    expect(await panel.getByTestId('table-error').count()).toBe(0);
    await page.close();
    await panel.close();
  });

  it('a receipt answer renders with an ISO date, the ISO currency and numeric amounts', async () => {
    await setProfile(s.worker, { provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: 'gpt-4o' });
    const receipt = {
      vendor: 'AEON CO. (M) BHD', date: '22/04/2018', currency: 'RM', total: 'RM 10.20', tax: 0.58,
      items: [{ name: 'GREEN PEA CHEES', quantity: 1, price: 4 }, { name: 'BIG NUT BREAD', quantity: 1, price: '3.90' }],
    };
    fake.plan = { chunks: ['```json\n', JSON.stringify(receipt), '\n```'] };
    const { page, panel } = await ask('preset:receipt');
    const view = panel.getByTestId('receipt-view');
    await view.waitFor({ timeout: 15_000 });
    expect(fake.providerRequests()[0]!.body.response_format.json_schema.name).toBe('receipt');
    const fields = view.getByTestId('receipt-fields');
    const value = (name: string) => fields.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').textContent();
    expect(await value('Date')).toBe('2018-04-22');
    expect(await value('Currency')).toBe('MYR');
    expect(await value('Total')).toBe('10.20');
    expect(await value('Tax')).toBe('0.58');
    const items = view.getByTestId('receipt-items');
    expect(await items.locator('thead th[scope=col]').allTextContents()).toEqual(['Item', 'Quantity', 'Price']);
    expect(await items.locator('tbody th[scope=row]').allTextContents()).toEqual(['GREEN PEA CHEES', 'BIG NUT BREAD']);
    expect(await items.locator('tbody td').allTextContents()).toEqual(['1', '4.00', '1', '3.90']);
    // Headless Chromium grants no clipboard to an extension page: record what would be written instead.
    await panel.evaluate(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', { value: async (t: string) => void ((globalThis as any).copied = t) });
    });
    await view.getByRole('button', { name: 'Copy JSON' }).click();
    await view.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = JSON.parse(await panel.evaluate(() => (globalThis as any).copied as string));
    expect(copied).toEqual({ vendor: 'AEON CO. (M) BHD', date: '2018-04-22', currency: 'MYR', total: 10.2, tax: 0.58, items: [{ name: 'GREEN PEA CHEES', quantity: 1, price: 4 }, { name: 'BIG NUT BREAD', quantity: 1, price: 3.9 }] });
    expect(fake.providerRequests()).toHaveLength(1);
    await page.close();
    await panel.close();
  });
});
