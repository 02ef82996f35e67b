import { captureAndAnswer, imageFromUrl } from './jobs/capture-flow';
import { markInterrupted, retryAnswer, startAnswer, stopAnswer } from './jobs/answer';
import { testConnection } from './jobs/test-connection';
import { fetchImage } from './capture/fetch-image';
import { onMessage } from './messages';
import { getProvider, providerInfos } from './providers/registry';
import { ProviderError } from './providers/errors';
import { db } from './db';

/** The worker's answers to every message in ProtocolMap. */
export function registerMessageHandlers(): void {
  onMessage('ask', async ({ data }) => {
    const question = data.question.trim();
    if (!question) throw new Error('Type a question first.');
    const thread = await db.threads.get(data.threadId);
    if (!thread) throw new Error('That conversation no longer exists.');
    return startAnswer({ threadId: data.threadId, presetId: 'ask', prompt: question, question });
  });
  onMessage('stop', ({ data }) => stopAnswer(data.entryId));
  onMessage('retry', async ({ data }) => {
    const entry = await db.entries.get(data.entryId);
    const thread = entry && (await db.threads.get(entry.threadId));
    const srcUrl = thread?.source?.srcUrl;
    // A failed capture has no image yet: capture again rather than answer about nothing.
    if (entry && thread && !thread.imageId && srcUrl) {
      return captureAndAnswer(entry.presetId, { source: thread.source ?? {}, obtain: imageFromUrl(srcUrl) });
    }
    return retryAnswer(data.entryId, data.profileId);
  });
  onMessage('attachImage', ({ data }) =>
    captureAndAnswer('ask', {
      source: { element: data.name ?? (data.method === 'url' ? 'image URL' : `${data.method}d image`), srcUrl: data.method === 'url' ? data.url : undefined },
      obtain: async () => ({ ...(await fetchImage(data.url)), method: data.method }),
    }),
  );
  onMessage('recover', () => markInterrupted());
  onMessage('providers', () => providerInfos());
  onMessage('testConnection', ({ data }) => testConnection(data.profile));
  onMessage('listModels', async ({ data }) => {
    const p = getProvider(data.profile.provider);
    if (!p?.listModels) return [];
    const ctl = new AbortController();
    const t = setTimeout(() => ctl.abort(), 15_000);
    try {
      return await p.listModels(data.profile, ctl.signal);
    } catch (err) {
      throw new Error(err instanceof ProviderError ? err.message : String(err));
    } finally {
      clearTimeout(t);
    }
  });
}
