import { describe, expect, it } from 'vitest';
import { type FakeProvider } from '../support/fake-provider';
import { menuClick, openPanel, type Session, setProfile } from './harness';
import { imagePageSuite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

// Each template in its own wire format: where the request must go and how the image must travel.
const CASES = [
  { template: 'GPT-6.2 Sol (OpenAI)', provider: 'openai', model: 'gpt-6.2-sol', base: '/v1', path: '/v1/chat/completions', wire: 'openai' },
  { template: 'Claude (Anthropic)', provider: 'anthropic', model: 'claude-sonnet-5-5', base: '', path: '/v1/messages', wire: 'anthropic' },
  { template: 'Gemini (Google)', provider: 'gemini', model: 'gemini-3.5-flash', base: '/v1beta/openai', path: '/v1beta/openai/chat/completions', wire: 'openai' },
  { template: 'LLaVA (local, Ollama)', provider: 'ollama', model: 'llava', base: '', path: '/api/chat', wire: 'ollama' },
  { template: 'Qwen-VL (local, Ollama)', provider: 'ollama', model: 'qwen2.5vl', base: '', path: '/api/chat', wire: 'ollama' },
  { template: 'Phi-3 Vision (local, LM Studio or vLLM)', provider: 'openai-compatible', model: 'microsoft/Phi-3-vision-128k-instruct', base: '/v1', path: '/v1/chat/completions', wire: 'openai' },
  { template: 'OpenRouter (gateway)', provider: 'openai-compatible', model: 'openai/gpt-6-luna', base: '/api/v1', path: '/api/v1/chat/completions', wire: 'openai', headers: { 'x-title': 'Glimpse' } },
] as const;

imagePageSuite((env) => ({ s, fake } = env));

async function addFromTemplate(label: string, baseUrl: string) {
  const opts = await s.ctx.newPage();
  await opts.goto(`chrome-extension://${s.extId}/options.html`);
  await opts.getByLabel('Template').selectOption({ label });
  await opts.getByRole('button', { name: 'Add profile' }).click();
  await opts.getByLabel('Base URL').fill(baseUrl);
  await opts.getByLabel('API key').fill('key-123');
  return opts;
}

describe('profile templates', () => {
  it.each(CASES)('$template: fills provider and model; the request uses its wire format', async (c) => {
    const opts = await addFromTemplate(c.template, `${fake.origin}${c.base}`);
    expect(await opts.getByLabel('Provider', { exact: true }).inputValue()).toBe(c.provider);
    expect(await opts.getByLabel('Model').inputValue()).toBe(c.model);
    expect(await opts.getByTestId('template-note').textContent()).toBeTruthy();
    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Saved');

    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const req = fake.providerRequests()[0]!;
    expect(req.path).toBe(c.path);
    expect(req.body.model).toBe(c.model);
    expect(req.body.stream).toBe(true);
    // A gateway template's headers are filled in and go with the request.
    if ('headers' in c) expect(req.headers).toMatchObject(c.headers);
    const last = req.body.messages.at(-1);
    if (c.wire === 'openai') {
      expect(last.content.find((p: any) => p.type === 'image_url').image_url.url).toMatch(/^data:image\/png;base64,iVBOR/);
    } else if (c.wire === 'anthropic') {
      expect(last.content.find((p: any) => p.type === 'image').source).toMatchObject({ type: 'base64', media_type: 'image/png', data: expect.stringMatching(/^iVBOR/) });
    } else {
      expect(last.images[0]).toMatch(/^iVBOR/); // raw base64, no data: prefix
    }
    await opts.close();
    await page.close();
  });

  it('LLaVA: the local check says exactly what to run when the model is missing', async () => {
    fake.pages.set('/api/tags', { type: 'application/json', body: JSON.stringify({ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest' }] }) });
    const opts = await addFromTemplate('LLaVA (local, Ollama)', fake.origin);
    await opts.getByRole('button', { name: 'Check server and model' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('ollama pull llava');
    fake.pages.set('/api/tags', { type: 'application/json', body: JSON.stringify({ models: [{ name: 'llava:latest', model: 'llava:latest' }] }) });
    await opts.getByRole('button', { name: 'Check server and model' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('is running and has llava');
    await opts.getByLabel('Base URL').fill('http://127.0.0.1:9');
    await opts.getByRole('button', { name: 'Check server and model' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Nothing answered');
    fake.pages.delete('/api/tags');
    await opts.close();
  });
});

describe('onboarding: the on-device model', () => {
  it('where absent, onboarding leads to a key or Ollama', async () => {
    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    await expect.poll(() => opts.getByTestId('on-device').textContent()).toContain('Ollama');
    expect(await opts.getByRole('button', { name: 'Use the on-device model' }).count()).toBe(0);
    await opts.close();
  });

  it('where downloadable, it is offered as the zero-setup default', async () => {
    const opts = await s.ctx.newPage();
    // A stand-in for Chrome's Prompt API, which Debian's Chromium does not ship.
    await opts.addInitScript(() => {
      (globalThis as any).LanguageModel = { availability: async (o: any) => (o?.expectedInputs?.[0]?.type === 'image' ? 'downloadable' : 'unavailable') };
    });
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    await opts.getByRole('button', { name: 'Use the on-device model' }).click();
    const stored = async () => (await s.worker.evaluate(() => chrome.storage.local.get(['profiles', 'defaultProfileId']))) as any;
    await expect.poll(async () => (await stored()).defaultProfileId).toBeTruthy();
    const { profiles, defaultProfileId } = await stored();
    expect(profiles).toEqual([expect.objectContaining({ provider: 'chrome-ai', apiKey: '' })]);
    expect(defaultProfileId).toBe(profiles[0].id);
    // The profile is stored before the form shows it: poll, not one read.
    await expect.poll(() => opts.getByLabel('Provider', { exact: true }).inputValue()).toBe('chrome-ai');
    await opts.close();
  });
});

describe('asking your own question, keyboard only', () => {
  it('paste an image URL, type a question, Enter: the answer appears and the request carries the question', async () => {
    await setProfile(s.worker, { id: 'p', name: 'P', provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    fake.plan = { chunks: ['Four', ' quadrants.'] };
    const panel = await openPanel(s);
    await panel.getByTestId('history').waitFor();
    // Tab to the URL field like a keyboard user.
    for (let i = 0; i < 20 && (await panel.evaluate(() => document.activeElement?.id)) !== 'image-url'; i++) await panel.keyboard.press('Tab');
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('image-url');
    await panel.keyboard.type(`${fake.origin}/q.png`);
    await panel.keyboard.press('Enter');
    // Focus moves to the question box once the image is attached.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('id') ?? '')).toMatch(/^ask-/);
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.keyboard.type('How many quadrants?');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('answer-text').first().textContent()).toContain('Four quadrants.');
    expect(fake.providerRequests()[0]!.body.messages.at(-1).content[0].text).toBe('How many quadrants?');
    await panel.close();
  });
});
