import { afterEach, describe, expect, it, vi } from 'vitest';
import chromeAi, { CANNOT_RUN, NOT_IN_BROWSER } from '../../../utils/providers/chrome-ai.provider';
import { ProviderError } from '../../../utils/providers/errors';
import type { ProviderRequest, StreamEvent } from '../../../utils/providers/types';
import { collect, RED_PNG, RED_PNG_BASE64 } from '../helpers/wire-server';

/**
 * A fake of the documented Prompt API shape (webmachinelearning/prompt-api IDL, MDN):
 * static availability(options) / create(options with monitor, initialPrompts, signal);
 * session.promptStreaming(messages, { signal }) → ReadableStream<string> of text deltas.
 */
class FakeLanguageModel {
  static availabilityResult: 'unavailable' | 'downloadable' | 'downloading' | 'available' = 'available';
  static chunks = ['A red', ' square.'];
  static createError?: DOMException;
  static promptError?: DOMException;
  static calls: { availability: unknown[]; create: any[]; prompt: any[]; destroyed: number } = { availability: [], create: [], prompt: [], destroyed: 0 };

  static async availability(options?: unknown) {
    this.calls.availability.push(options);
    return this.availabilityResult;
  }

  static async create(options: any) {
    this.calls.create.push(options);
    if (this.availabilityResult !== 'available') {
      // Download progress arrives as ProgressEvents with loaded in [0, 1] on the monitor.
      const monitor = new EventTarget();
      options.monitor?.(monitor);
      for (const loaded of [0, 0.5, 1]) {
        await new Promise((r) => setTimeout(r, 5));
        monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded, total: 1 }));
      }
    }
    if (this.createError) throw this.createError;
    return new FakeLanguageModel();
  }

  promptStreaming(input: any[], options: { signal?: AbortSignal } = {}): ReadableStream<string> {
    FakeLanguageModel.calls.prompt.push({ input, options });
    const chunks = [...FakeLanguageModel.chunks];
    const err = FakeLanguageModel.promptError;
    return new ReadableStream<string>({
      async pull(ctl) {
        await new Promise((r) => setTimeout(r, 5));
        if (options.signal?.aborted) return ctl.error(new DOMException('The operation was aborted.', 'AbortError'));
        const next = chunks.shift();
        if (next !== undefined) ctl.enqueue(next);
        else if (err) ctl.error(err);
        else ctl.close();
      },
    });
  }

  destroy() {
    FakeLanguageModel.calls.destroyed++;
  }
}

const cfg = { baseUrl: '', apiKey: '', model: 'gemini-nano' };
const req: ProviderRequest = {
  model: 'gemini-nano',
  system: 'You describe images.',
  turns: [
    { role: 'user', text: 'Describe this image.', images: [{ mime: 'image/png', base64: RED_PNG_BASE64 }] },
    { role: 'assistant', text: 'A red square.' },
    { role: 'user', text: 'Any text in it?' },
  ],
  maxTokens: 256,
};
const run = (r: ProviderRequest = req, signal = new AbortController().signal) => collect<StreamEvent>(chromeAi.stream(cfg, r, signal));

function install() {
  FakeLanguageModel.availabilityResult = 'available';
  FakeLanguageModel.chunks = ['A red', ' square.'];
  FakeLanguageModel.createError = undefined;
  FakeLanguageModel.promptError = undefined;
  FakeLanguageModel.calls = { availability: [], create: [], prompt: [], destroyed: 0 };
  vi.stubGlobal('LanguageModel', FakeLanguageModel);
}

describe('chrome-ai provider (Prompt API)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is registered with no key and an empty base URL', () => {
    expect(chromeAi).toMatchObject({ id: 'chrome-ai', keyRequired: false, defaultBaseUrl: '' });
  });

  it('without LanguageModel: tells the user to use a key or Ollama', async () => {
    vi.stubGlobal('LanguageModel', undefined);
    const { error } = await run();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('unavailable');
    expect((error as ProviderError).message).toBe(NOT_IN_BROWSER);
    expect(NOT_IN_BROWSER).toMatch(/API key, or Ollama/);
  });

  it('availability "unavailable": says the device cannot run it, creates nothing', async () => {
    install();
    FakeLanguageModel.availabilityResult = 'unavailable';
    const { error } = await run();
    expect((error as ProviderError).message).toBe(CANNOT_RUN);
    expect(FakeLanguageModel.calls.create).toHaveLength(0);
  });

  it('asks for image input, keeps history in initialPrompts, sends the last turn, streams deltas', async () => {
    install();
    const { text, error } = await run();
    expect(error).toBeUndefined();
    expect(text).toBe('A red square.');
    const expected = { expectedInputs: [{ type: 'text', languages: ['en'] }, { type: 'image' }], expectedOutputs: [{ type: 'text', languages: ['en'] }] };
    expect(FakeLanguageModel.calls.availability[0]).toEqual(expected);
    const created = FakeLanguageModel.calls.create[0];
    expect(created).toMatchObject(expected);
    expect(created.initialPrompts[0]).toEqual({ role: 'system', content: 'You describe images.' });
    const first = created.initialPrompts[1];
    expect(first.role).toBe('user');
    expect(first.content[0]).toEqual({ type: 'text', value: 'Describe this image.' });
    const blob = first.content[1].value as Blob;
    expect(first.content[1].type).toBe('image');
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(RED_PNG);
    expect(created.initialPrompts[2]).toEqual({ role: 'assistant', content: [{ type: 'text', value: 'A red square.' }] });
    const [{ input, options }] = FakeLanguageModel.calls.prompt;
    expect(input).toEqual([{ role: 'user', content: [{ type: 'text', value: 'Any text in it?' }] }]);
    expect(options.signal).toBeInstanceOf(AbortSignal);
    expect(FakeLanguageModel.calls.destroyed).toBe(1);
  });

  it('while the model downloads, its progress arrives as notices before the text', async () => {
    install();
    FakeLanguageModel.availabilityResult = 'downloadable';
    const { events, text } = await run();
    expect(text).toBe('A red square.');
    const notices = events.filter((e) => e.type === 'notice').map((e) => (e as { text: string }).text);
    expect(notices[0]).toMatch(/downloads it once/);
    expect(notices).toEqual(expect.arrayContaining(['Downloading the on-device model: 0 %', 'Downloading the on-device model: 50 %', 'Downloading the on-device model: 100 %']));
    expect(events.findIndex((e) => e.type === 'text')).toBeGreaterThan(events.findLastIndex((e) => e.type === 'notice'));
  });

  it.each([
    ['NotAllowedError', 'unavailable'],
    ['NotSupportedError', 'no-vision'],
    ['QuotaExceededError', 'too-large'],
  ] as const)('create() throwing %s → %s', async (name, kind) => {
    install();
    FakeLanguageModel.createError = new DOMException('nope', name);
    const { error } = await run();
    expect((error as ProviderError).kind).toBe(kind);
  });

  it('an error mid-stream keeps the text and fails as stream', async () => {
    install();
    FakeLanguageModel.promptError = new DOMException('The model crashed.', 'UnknownError');
    const { text, error } = await run();
    expect(text).toBe('A red square.');
    expect((error as ProviderError).kind).toBe('stream');
    expect((error as ProviderError).message).toContain('partial answer is kept');
    expect(FakeLanguageModel.calls.destroyed).toBe(1);
  });

  it('aborting stops the stream as aborted', async () => {
    install();
    FakeLanguageModel.chunks = ['one', ' two', ' three', ' four'];
    const ctl = new AbortController();
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const ev of chromeAi.stream(cfg, req, ctl.signal)) {
        if (ev.type === 'text') seen.push(ev.text);
        if (seen.length === 2) ctl.abort();
      }
    } catch (e) {
      caught = e;
    }
    expect(seen).toEqual(['one', ' two']);
    expect((caught as ProviderError).kind).toBe('aborted');
  });

  it('listModels: the on-device model when available, nothing when not', async () => {
    install();
    expect(await chromeAi.listModels!(cfg, new AbortController().signal)).toEqual(['gemini-nano']);
    FakeLanguageModel.availabilityResult = 'unavailable';
    expect(await chromeAi.listModels!(cfg, new AbortController().signal)).toEqual([]);
  });
});
