import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FakeProvider, Recorded } from '../support/fake-provider';
import { dbRows, menuClick, openPanel, setProfile, type Session } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

const HEADERS = 'HTTP-Referer: https://example.org/glimpse\nX-Title: Glimpse e2e\n\nX-Team: vision';
const TABLE = JSON.stringify({
  title: 'Sales by quarter', chartType: 'bar', notes: [],
  xAxis: { label: 'quarter', unit: null, min: null, max: null },
  yAxis: { label: 'sales', unit: 'EUR', min: 0, max: 100 },
  columns: [{ name: 'quarter', unit: null }, { name: 'sales', unit: null }],
  rows: [['Q1', 10], ['Q2', 20], ['Q3', 30]].map(([q, v]) => [{ value: q, source: 'label' }, { value: v, source: 'estimated' }]),
});

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/doc.html', { type: 'text/html', body: '<!doctype html><title>Report</title><img src="/chart.png" alt="">' });
    fake.pages.set('/chart.png', { type: 'image/png', body: readFileSync('test/fixtures/charts/bar_grouped.png') });
  },
  each: async () => {
    await s.worker.evaluate(() => chrome.storage.local.clear());
  },
});

const expectGatewayHeaders = (r: Recorded) => {
  expect(r.headers['http-referer']).toBe('https://example.org/glimpse');
  expect(r.headers['x-title']).toBe('Glimpse e2e');
  expect(r.headers['x-team']).toBe('vision');
  expect(r.headers.authorization).toBe('Bearer sk-gw');
};

async function options() {
  const opts = await s.ctx.newPage();
  await opts.goto(`chrome-extension://${s.extId}/options.html`);
  await opts.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI-compatible' });
  await opts.getByLabel('Base URL').fill(`${fake.origin}/v1`);
  await opts.getByLabel('API key').fill('sk-gw');
  await opts.getByLabel('Model').fill('fake-vision');
  return opts;
}

async function ask(menuItemId: string) {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/doc.html`);
  const id = await menuClick(s.worker, page.url(), { menuItemId, srcUrl: `${fake.origin}/chart.png` });
  return { page, id: id! };
}

const entry = async (id: string) => (await dbRows(s.worker, 'entries')).find((e) => e.id === id);

describe('gateways: extra headers typed into Options', () => {
  it('go with the model list, Test connection and every answer of the profile', async () => {
    const opts = await options();
    await opts.getByLabel('Extra headers').fill(HEADERS);

    await opts.getByRole('button', { name: 'Load model list' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('1 model');
    await opts.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Connected');
    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Saved');
    const { page } = await ask('describe');
    await expect.poll(() => fake.requests.filter((r) => r.path.startsWith('/v1/')).length).toBe(3);

    const [list, test, answer] = fake.requests.filter((r) => r.path.startsWith('/v1/'));
    expect([list!.method, list!.path]).toEqual(['GET', '/v1/models']);
    expect(test!.body.messages.at(-1).content[0].text).toContain('What colour is this image?');
    expect(answer!.body.messages.at(-1).content[0].text).toContain('Describe');
    for (const r of [list!, test!, answer!]) expectGatewayHeaders(r);
    // Stored with the key, as typed.
    const [stored] = await s.worker.evaluate(async () => (await chrome.storage.local.get('profiles')).profiles);
    expect(stored).toMatchObject({ apiKey: 'sk-gw', extraHeaders: HEADERS });
    await page.close();
    await opts.close();
  });

  it('a bad line is refused on Save with the line named, and nothing is stored', async () => {
    const opts = await options();
    await opts.getByLabel('Extra headers').fill('X-Title: Glimpse\nHost: evil.example');
    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toBe('Extra headers, line 2: the browser sets Host itself and would drop it. Remove this line.');
    await expect.poll(() => opts.evaluate(() => document.activeElement?.id)).toBe('extra-headers');
    expect(await opts.getByLabel('Extra headers').getAttribute('aria-invalid')).toBe('true');
    expect(await s.worker.evaluate(async () => (await chrome.storage.local.get('profiles')).profiles)).toBeUndefined();

    await opts.getByLabel('Extra headers').fill('Authorization: Bearer sk-other');
    await opts.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('line 1: Authorization is not accepted here');
    expect(fake.providerRequests()).toHaveLength(0);
    await opts.close();
  });
});

describe('gateways: structured output on an OpenAI-compatible profile', () => {
  const profile = () => setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-gw', model: 'fake-vision' });

  it('the table preset asks for a strict json_schema, and the table renders', async () => {
    await profile();
    fake.plan = { chunks: [TABLE.slice(0, 40), TABLE.slice(40)] };
    const { page, id } = await ask('table');
    await expect.poll(async () => (await entry(id))?.status).toBe('done');
    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'chart_table', strict: true } });
    expect(fake.providerRequests()).toHaveLength(1);
    expect((await entry(id))!.notice).toBeUndefined();
    await page.close();
  });

  it('a 400 to response_format: JSON-in-text once, said in the entry, remembered; Options can ask again', async () => {
    await profile();
    fake.refuseResponseFormat = true;
    fake.plan = { chunks: ['```json\n', TABLE, '\n```'] };
    const first = await ask('table');
    await expect.poll(async () => (await entry(first.id))?.status).toBe('done');
    const [refused, retried] = fake.providerRequests();
    expect(refused!.status).toBe(400);
    expect(refused!.body.response_format.type).toBe('json_schema');
    expect(retried!.body).not.toHaveProperty('response_format');
    expect(retried!.body.messages.at(-1).content[0].text).toContain('JSON');

    const panel = await openPanel(s);
    await panel.getByTestId('chart-table').first().waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('notice').first().textContent()).toContain('This server refused structured output (response_format: json_schema)');

    // Remembered: the next table does not ask, so one request suffices.
    const second = await ask('table');
    await expect.poll(async () => (await entry(second.id))?.status).toBe('done');
    expect(fake.providerRequests()).toHaveLength(3);
    expect(fake.providerRequests()[2]!.body).not.toHaveProperty('response_format');

    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    const switchBox = opts.getByLabel('Ask for structured output (response_format: json_schema)');
    expect(await switchBox.isChecked()).toBe(true);
    await expect.poll(() => opts.locator('#structured-hint').textContent()).toContain('This server refused it on');
    await opts.getByRole('button', { name: 'Ask for it again' }).click();
    await expect.poll(() => opts.locator('#structured-hint').textContent()).not.toContain('refused');
    fake.refuseResponseFormat = false;
    const third = await ask('table');
    await expect.poll(async () => (await entry(third.id))?.status).toBe('done');
    expect(fake.providerRequests()[3]!.body.response_format.type).toBe('json_schema');
    for (const p of [first.page, second.page, third.page, panel, opts]) await p.close();
  });
});

describe('a profile whose model has been retired', () => {
  it('says so under the Model field, offers the successor and the server’s model list, and the request’s 404 says it too', async () => {
    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    await opts.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI' });
    await opts.getByLabel('Base URL').fill(`${fake.origin}/v1`);
    await opts.getByLabel('API key').fill('sk-old');
    await opts.getByLabel('Model').fill('gpt-4.1-nano');
    const notice = opts.getByTestId('model-retired');
    await expect.poll(() => notice.textContent()).toContain('“gpt-4.1-nano” was retired on 2026-10-23');
    expect(await notice.textContent()).toContain('Its successor is gpt-6-luna.');
    // The field's accessible description, in Chromium's accessibility tree, is the notice.
    const cdp = await opts.context().newCDPSession(opts);
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#model' });
    const [field] = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })).nodes;
    expect(String(field?.name?.value)).toBe('Model');
    expect(String(field?.description?.value ?? '')).toContain('was retired on 2026-10-23');
    await cdp.detach();

    await opts.getByRole('button', { name: 'Show the models this server offers' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Found');
    expect(await opts.evaluate(() => document.activeElement?.id)).toBe('model');
    expect(await opts.locator('#model-list option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['fake-vision']);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });

    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Saved');
    fake.faults = [{ kind: 'status', status: 404, body: JSON.stringify({ error: { message: 'The model `gpt-4.1-nano` does not exist.', type: 'invalid_request_error', param: null, code: 'model_not_found' } }) }];
    const { page, id } = await ask('describe');
    await expect.poll(async () => (await entry(id))?.error?.message ?? '').toContain('“gpt-4.1-nano” was retired on 2026-10-23');
    expect((await entry(id))!.error).toMatchObject({ kind: 'not-found', models: ['fake-vision'] });
    await page.close();

    await opts.getByRole('button', { name: 'Use gpt-6-luna' }).click();
    expect(await opts.getByLabel('Model').inputValue()).toBe('gpt-6-luna');
    await expect.poll(() => notice.count()).toBe(0);
    await opts.close();
  });
});
