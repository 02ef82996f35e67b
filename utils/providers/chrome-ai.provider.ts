import { base64ToBytes } from '../base64';
import { sentences, t } from '../i18n';
import { ProviderError, stoppedError } from './errors';
import { defineProvider, type ChatTurn, type StreamEvent } from './types';

/*
 * Chrome's built-in Prompt API (Gemini Nano), as documented by webmachinelearning/prompt-api and
 * MDN: a global `LanguageModel`, exposed to extension pages and workers from Chrome 138. lib.dom
 * does not type it yet, so the parts used here are declared by hand.
 */
type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';
interface LMContent {
  type: 'text' | 'image';
  value: string | Blob;
}
interface LMMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | LMContent[];
}
interface LMExpected {
  type: 'text' | 'image';
  languages?: string[];
}
interface LMCoreOptions {
  expectedInputs?: LMExpected[];
  expectedOutputs?: LMExpected[];
}
interface LMSession {
  promptStreaming(input: LMMessage[], options?: { signal?: AbortSignal }): ReadableStream<string>;
  destroy(): void;
}
interface LMStatic {
  availability(options?: LMCoreOptions): Promise<Availability>;
  create(options?: LMCoreOptions & { initialPrompts?: LMMessage[]; signal?: AbortSignal; monitor?(m: EventTarget): void }): Promise<LMSession>;
}

const EXPECTED: LMCoreOptions = {
  expectedInputs: [{ type: 'text', languages: ['en'] }, { type: 'image' }],
  expectedOutputs: [{ type: 'text', languages: ['en'] }],
};

const USE_ANOTHER = t('onDeviceUseAnother');
export const NOT_IN_BROWSER = sentences(t('onDeviceNotInBrowser'), USE_ANOTHER);
export const CANNOT_RUN = sentences(t('onDeviceCannotRun'), USE_ANOTHER);

const api = (): LMStatic | undefined => (globalThis as { LanguageModel?: LMStatic }).LanguageModel;

function toMessage(turn: ChatTurn): LMMessage {
  const images = (turn.images ?? []).map((img): LMContent => ({ type: 'image', value: new Blob([base64ToBytes(img.base64) as BlobPart], { type: img.mime }) }));
  return { role: turn.role, content: [{ type: 'text', value: turn.text }, ...images] };
}

/** DOMExceptions from the Prompt API, in the user's terms. */
function mapError(err: unknown, signal: AbortSignal, gotText: boolean): ProviderError {
  if (err instanceof ProviderError) return err;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  const said = err instanceof Error && err.message ? ` (${err.message})` : '';
  if (signal.aborted || name === 'AbortError') return stoppedError();
  if (name === 'NotAllowedError') return new ProviderError('unavailable', sentences(t('onDeviceNotAllowed', said), USE_ANOTHER));
  if (name === 'NotSupportedError') return new ProviderError('no-vision', sentences(t('onDeviceNoImages', said), USE_ANOTHER));
  if (name === 'QuotaExceededError') return new ProviderError('too-large', t('onDeviceTooLarge', said));
  return new ProviderError('stream', sentences(t('onDeviceFailed', said), gotText && t('errPartialKept')));
}

/** Creates a session, turning download progress into notices while it waits. */
async function* createSession(LM: LMStatic, initialPrompts: LMMessage[], signal: AbortSignal): AsyncGenerator<StreamEvent, LMSession> {
  const notices: string[] = [];
  let wake: () => void = () => {};
  const creating = LM.create({
    ...EXPECTED,
    initialPrompts,
    signal,
    monitor(m) {
      m.addEventListener('downloadprogress', (e) => {
        const { loaded, total } = e as ProgressEvent;
        notices.push(t('onDeviceDownloading', Math.round((total > 0 ? loaded / total : loaded) * 100)));
        wake();
      });
    },
  });
  const settled = creating.then(() => undefined, () => undefined);
  for (;;) {
    while (notices.length) yield { type: 'notice', text: notices.shift()! };
    const done = await Promise.race([settled.then(() => true), new Promise<false>((r) => (wake = () => r(false)))]);
    if (done) break;
  }
  while (notices.length) yield { type: 'notice', text: notices.shift()! };
  return creating;
}

export default defineProvider({
  id: 'chrome-ai',
  label: t('providerOnDeviceLabel'),
  defaultBaseUrl: '',
  defaultModel: 'gemini-nano',
  keyRequired: false,
  baseUrlHint: t('providerOnDeviceHint'),

  async *stream(_cfg, req, signal) {
    const LM = api();
    if (!LM) throw new ProviderError('unavailable', NOT_IN_BROWSER);
    let gotText = false;
    let session: LMSession | undefined;
    try {
      const availability = await LM.availability(EXPECTED);
      if (availability === 'unavailable') throw new ProviderError('unavailable', CANNOT_RUN);
      if (availability !== 'available') yield { type: 'notice', text: t('onDevicePreparing') };
      // Earlier turns (with the image) become the session's context; the last one is the prompt.
      const history = req.turns.slice(0, -1).map(toMessage);
      const last = req.turns.at(-1);
      if (!last) throw new ProviderError('bad-request', t('errNothingToAsk'));
      session = yield* createSession(LM, [...(req.system ? [{ role: 'system' as const, content: req.system }] : []), ...history], signal);
      const reader = session.promptStreaming([toMessage(last)], { signal }).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (value) {
          gotText = true;
          yield { type: 'text', text: value };
        }
      }
      if (signal.aborted) throw stoppedError();
    } catch (err) {
      throw mapError(err, signal, gotText);
    } finally {
      session?.destroy();
    }
  },

  async listModels() {
    const LM = api();
    if (!LM) throw new ProviderError('unavailable', NOT_IN_BROWSER);
    return (await LM.availability(EXPECTED)) === 'unavailable' ? [] : ['gemini-nano'];
  },
});
