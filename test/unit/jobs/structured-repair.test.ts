import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseChartTable } from '../../../utils/chart/schema';
import { db, type Entry } from '../../../utils/store/db';
import { isRunning, startAnswer, stopAnswer } from '../../../utils/jobs/answer';
import { repairPrompt } from '../../../utils/jobs/structured-repair';
import { BUILTIN_PRESETS, SYSTEM_PROMPT } from '../../../utils/settings/presets';
import { saveProfile, type Profile } from '../../../utils/settings/items';
import { schemaRefusalsItem } from '../../../utils/settings/structured-output';
import { RED_PNG, RED_PNG_BASE64, sendJson, sseData, startWireServer, type WireServer } from '../helpers/wire-server';

let server: WireServer;
const started: string[] = [];
const prompt = (id: string) => BUILTIN_PRESETS.find((p) => p.id === id)!.prompt;

const TABLE = JSON.stringify({
  title: 'Sales', chartType: 'bar', xAxis: null, yAxis: null, notes: [],
  columns: [{ name: 'year', unit: null }, { name: 'sales', unit: 'EUR' }],
  rows: [[{ value: '2024', source: 'label' }, { value: 12, source: 'label' }]],
});
// Valid JSON, but a row is one cell short: the table view could not show it.
const RAGGED = TABLE.replace('{"value":12,"source":"label"}', '').replace(',]', ']');
const RECEIPT = JSON.stringify({ vendor: 'AEON', date: '22/04/2018', currency: 'RM', total: 10.2, tax: null, items: [] });

/** One OpenAI Chat Completions stream carrying `text`, with usage. */
function answer(text: string, usage = { prompt_tokens: 100, completion_tokens: 10 }): string {
  const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
  return [
    sseData({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
    sseData({ ...base, choices: [{ index: 0, delta: { content: text.slice(0, 20) }, finish_reason: null }] }),
    sseData({ ...base, choices: [{ index: 0, delta: { content: text.slice(20) }, finish_reason: 'stop' }] }),
    sseData({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
    sseData('[DONE]'),
  ].join('');
}

/** The server answers the n-th request with the n-th reply: a text, or a function for anything else. */
function replies(...list: (string | ((res: Parameters<Parameters<WireServer['handle']>[0]>[1]) => void))[]) {
  server.handle((_r, res, n) => {
    const r = list[n - 1] ?? list.at(-1)!;
    if (typeof r === 'function') return r(res);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(answer(r));
  });
}

async function run(presetId: 'table' | 'receipt' | 'describe'): Promise<Entry> {
  const id = await startAnswer({ threadId: 'th-1', presetId, prompt: prompt(presetId) });
  started.push(id);
  await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 8000, interval: 10 });
  return (await db.entries.get(id))!;
}

describe('structured answers: validate, repair once, else keep the raw text', () => {
  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' } as never);
    await Promise.all([db.threads.clear(), db.entries.clear(), db.images.clear()]);
    server.requests.length = 0;
    const now = Date.now();
    await db.images.add({
      id: 'img-1', createdAt: now, mime: 'image/png', bytes: RED_PNG, width: 4, height: 4,
      original: { mime: 'image/png', width: 4, height: 4, byteLength: RED_PNG.length }, thumb: '', notes: [], source: { method: 'paste' },
    });
    await db.threads.add({ id: 'th-1', imageId: 'img-1', createdAt: now, updatedAt: now, presetId: 'table', title: 'Chart' });
    await saveProfile({ id: 'p', name: 'OpenAI', provider: 'openai', baseUrl: `${server.url}/v1`, apiKey: 'sk-x', model: 'gpt-4o' });
  });
  afterEach(async () => {
    for (const id of started.splice(0)) {
      stopAnswer(id);
      await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 5000 });
    }
  });

  it('a valid table is stored as it came, after one request that asked for the strict schema', async () => {
    replies(TABLE);
    const entry = await run('table');
    expect(entry).toMatchObject({ status: 'done', text: TABLE });
    expect(entry.raw).toBeUndefined();
    expect(entry.notice).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.response_format.json_schema).toMatchObject({ name: 'chart_table', strict: true });
  });

  it('an invalid table triggers exactly one repair in the same conversation; the repaired text is stored, the original kept', async () => {
    replies('```json\n' + RAGGED + '\n```', TABLE);
    const entry = await run('table');
    expect(server.requests).toHaveLength(2);
    const error = 'Row 1 has 1 cells but there are 2 columns.';
    const repair = server.requests[1]!.body;
    expect(repair.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair.messages[0].content).toBe(SYSTEM_PROMPT);
    expect(repair.messages[1].content[1].image_url.url).toBe(`data:image/png;base64,${RED_PNG_BASE64}`);
    expect(repair.messages[2]).toEqual({ role: 'assistant', content: '```json\n' + RAGGED + '\n```' });
    expect(repair.messages[3].content).toEqual([{ type: 'text', text: repairPrompt(error) }]);
    expect(repairPrompt(error)).toBe(`That was not valid for the schema: ${error.slice(0, -1)}. Reply with only the corrected JSON.`);
    expect(repair.response_format.json_schema).toMatchObject({ name: 'chart_table', strict: true });
    expect(entry).toMatchObject({ status: 'done', text: TABLE, raw: '```json\n' + RAGGED + '\n```' });
    expect(parseChartTable(entry.text).ok).toBe(true);
    expect(entry.notice).toBeUndefined();
    // The cost covers both requests.
    expect(entry.usage).toEqual({ inputTokens: 200, outputTokens: 20 });
  });

  it('a repair that is still invalid keeps the original text and says the table could not be read', async () => {
    replies('Sorry, the chart shows sales going up.', 'Still no JSON, sorry.');
    const entry = await run('table');
    expect(server.requests).toHaveLength(2);
    expect(entry).toMatchObject({ status: 'done', text: 'Sorry, the chart shows sales going up.' });
    expect(entry.raw).toBeUndefined();
    expect(entry.notice).toMatch(/^Glimpse could not read a table from this answer: The answer contains no JSON object\. The model’s correction was not valid either/);
  });

  it('a failed repair request is not retried: the original stays, with the reason', async () => {
    replies(RAGGED, (res) => sendJson(res, 500, { error: { message: 'boom', type: 'server_error', param: null, code: null } }));
    const entry = await run('table');
    expect(server.requests).toHaveLength(2);
    expect(entry).toMatchObject({ status: 'done', text: RAGGED });
    expect(entry.notice).toMatch(/could not read a table.*asked the model to correct it, but it failed: .*500/);
  });

  it('Stop during the repair keeps the original answer', async () => {
    replies(RAGGED, (res) => res.writeHead(200, { 'content-type': 'text/event-stream' })); // the repair hangs
    const id = await startAnswer({ threadId: 'th-1', presetId: 'table', prompt: prompt('table') });
    started.push(id);
    await vi.waitFor(async () => expect((await db.entries.get(id))?.notice).toMatch(/asking the model once to correct it/), { timeout: 5000, interval: 10 });
    expect((await db.entries.get(id))!.status).toBe('streaming');
    stopAnswer(id);
    await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 5000, interval: 10 });
    expect(await db.entries.get(id)).toMatchObject({ status: 'done', text: RAGGED, notice: expect.stringMatching(/it was stopped/) });
  });

  it('a server that refuses response_format (400) is asked once more without it, and the JSON-in-text answer is used', async () => {
    replies(
      (res) => sendJson(res, 400, { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", type: 'invalid_request_error', param: 'response_format', code: null } }),
      '```json\n' + TABLE + '\n```',
    );
    const entry = await run('table');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body).toHaveProperty('response_format');
    expect(server.requests[1]!.body).not.toHaveProperty('response_format');
    expect(entry.status).toBe('done');
    expect(entry.error).toBeUndefined();
    expect(parseChartTable(entry.text).ok).toBe(true);
  });

  it('receipts use the receipt schema and are repaired the same way', async () => {
    replies('The vendor is AEON and the total is RM 10.20.', RECEIPT);
    const entry = await run('receipt');
    expect(server.requests[0]!.body.response_format.json_schema.name).toBe('receipt');
    expect(server.requests[1]!.body.messages.at(-1).content[0].text).toMatch(/^That was not valid for the schema: The answer contains no JSON object\./);
    expect(entry).toMatchObject({ status: 'done', text: RECEIPT, raw: 'The vendor is AEON and the total is RM 10.20.' });
  });

  it('a preset without a schema sends none and is never repaired', async () => {
    replies('Not JSON at all.');
    const entry = await run('describe');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).not.toHaveProperty('response_format');
    expect(entry).toMatchObject({ status: 'done', text: 'Not JSON at all.' });
  });

  describe('structured output on an OpenAI-compatible profile: asked for, and a fallback that is remembered', () => {
    const REFUSED = "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.";
    const refuse = (res: Parameters<Parameters<WireServer['handle']>[0]>[1]) =>
      sendJson(res, 400, { error: { message: REFUSED, type: 'invalid_request_error', param: 'response_format', code: null } });
    const gateway = (extra: Partial<Profile> = {}): Profile =>
      ({ id: 'p', name: 'Gateway', provider: 'openai-compatible', baseUrl: `${server.url}/v1`, apiKey: '', model: 'qwen2.5-vl', ...extra });
    const sent = () => server.requests.map((r) => 'response_format' in r.body);

    it('a 400 to response_format: one retry without it, the entry says so, and the next answer does not ask again', async () => {
      await saveProfile(gateway());
      replies(refuse, TABLE);
      const first = await run('table');
      expect(sent()).toEqual([true, false]);
      expect(first).toMatchObject({ status: 'done', text: TABLE, notice: expect.stringContaining('refused structured output (response_format: json_schema)') });
      expect(await schemaRefusalsItem.getValue()).toEqual({ p: expect.objectContaining({ why: 'refused', model: 'qwen2.5-vl' }) });
      replies(TABLE);
      const second = await run('table');
      expect(sent()).toEqual([true, false, false]);
      expect(second.status).toBe('done');
      expect(second.notice).toBeUndefined();
    });

    it('a 400 that the retry without response_format gets too teaches nothing', async () => {
      await saveProfile(gateway());
      replies(refuse, refuse);
      const entry = await run('table');
      expect(sent()).toEqual([true, false]);
      expect(entry.status).toBe('failed');
      expect(await schemaRefusalsItem.getValue()).toEqual({});
    });

    it('an answer that ignores the schema: the repair goes as JSON-in-text, and it is remembered', async () => {
      await saveProfile(gateway());
      replies('Here is the table: sales were 12 EUR in 2024.', TABLE);
      const entry = await run('table');
      expect(sent()).toEqual([true, false]);
      expect(entry).toMatchObject({ status: 'done', text: TABLE, notice: expect.stringContaining('ignored structured output') });
      expect(await schemaRefusalsItem.getValue()).toEqual({ p: expect.objectContaining({ why: 'ignored' }) });
    });

    it('a fallback learned on one model is not applied to another; the switch off never asks', async () => {
      await schemaRefusalsItem.setValue({ p: { why: 'refused', model: 'old-model', baseUrl: `${server.url}/v1`, at: 1 } });
      await saveProfile(gateway());
      replies(TABLE);
      await run('table');
      await saveProfile(gateway({ structuredOutput: false }));
      await run('table');
      expect(sent()).toEqual([true, false]);
    });

    it('on OpenAI itself a plain-text answer is a model slip, not a server that ignores the schema', async () => {
      replies('No table here.', TABLE);
      const entry = await run('table');
      expect(sent()).toEqual([true, true]);
      expect(entry.notice).toBeUndefined();
      expect(await schemaRefusalsItem.getValue()).toEqual({});
    });
  });
});
