import { browser } from 'wxt/browser';
import { captureAndAnswer } from '../jobs/capture-flow';
import { bytesAgain } from '../capture/src-url';
import { markInterrupted, retryAnswer, startAnswer, stopAnswer } from '../jobs/answer';
import { scheduleMerge } from '../store/fresh-merge';
import { testConnection } from '../jobs/test-connection';
import { checkLocal } from '../jobs/local-check';
import { providerConfig } from '../jobs/provider-config';
import { explainNoAccess } from '../jobs/fault-help';
import { fetchImage } from '../capture/fetch-image';
import { t } from '../i18n';
import { onMessage as onAnyMessage } from '../messages';
import { getProvider, providerInfos } from '../providers/registry';
import { ProviderError } from '../providers/errors';
import { db } from '../store/db';
import { cancelGeneration, generateAltTexts, highlightInPage, markAuditsInterrupted, startAudit } from '../audit/run';
import { disableOllamaOriginFix, enableOllamaOriginFix, restoreOllamaOriginFix } from './ollama-origin';
import { getPreset } from '../settings/preset-store';
import { defaultProfileIdItem, profilesItem } from '../settings/items';
import { labelActiveTab, removeTabLabels } from '../labels/run';
import { onLabelAuto, setLabelSite } from '../labels/sites';
import { fromOwnPage } from './sender';

/** Each handler answers Glimpse's own pages only: a content script (or a page that took one over) is refused. */
const onMessage: typeof onAnyMessage = (type, handler) =>
  onAnyMessage(type, (message) => {
    if (!fromOwnPage(message.sender)) throw new Error(t('messageNotFromGlimpse'));
    return handler(message);
  });

/** The worker's answers to every message in ProtocolMap. */
export function registerMessageHandlers(): void {
  onMessage('ask', async ({ data }) => {
    const question = data.question.trim();
    if (!question) throw new Error(t('askTypeQuestion'));
    const thread = await db.threads.get(data.threadId);
    if (!thread) throw new Error(t('conversationGone'));
    return startAnswer({ threadId: data.threadId, presetId: 'ask', prompt: question, question });
  });
  onMessage('stop', ({ data }) => stopAnswer(data.entryId));
  onMessage('retry', async ({ data }) => {
    const entry = await db.entries.get(data.entryId);
    const thread = entry && (await db.threads.get(entry.threadId));
    const srcUrl = thread?.source?.srcUrl;
    // A failed capture has no image yet: capture again rather than answer about nothing.
    if (entry && thread && !thread.imageId && srcUrl) {
      return captureAndAnswer(entry.presetId, { source: thread.source ?? {}, obtain: () => bytesAgain({ ...thread.source, srcUrl }) });
    }
    return retryAnswer(data.entryId, data.profileId);
  });
  onMessage('recapture', async ({ data }) => {
    const thread = await db.threads.get(data.threadId);
    const srcUrl = thread?.source?.srcUrl;
    if (!thread?.source || !srcUrl) throw new Error(t('conversationGone'));
    const { lacksAccess: _, ...source } = thread.source;
    // The offer is spent once taken: access has been granted.
    await db.transaction('rw', db.threads, db.images, async () => {
      await db.threads.update(thread.id, { source });
      if (thread.imageId) await db.images.update(thread.imageId, { 'source.lacksAccess': undefined });
    });
    return captureAndAnswer(thread.presetId, { source, obtain: () => bytesAgain({ ...source, srcUrl }) });
  });
  onMessage('attachImage', ({ data }) =>
    captureAndAnswer('ask', {
      source: { element: data.name ?? (data.method === 'url' ? t('sourceImageUrl') : data.method === 'paste' ? t('sourcePasted') : t('sourceDropped')), srcUrl: data.method === 'url' ? data.url : undefined },
      obtain: async () => ({ ...(await fetchImage(data.url)), method: data.method }),
    }),
  );
  onMessage('recover', async () => {
    const [n] = await Promise.all([markInterrupted(), markAuditsInterrupted()]);
    // Answers settled by a worker that was then stopped may still wait to go into postings.
    scheduleMerge();
    return n;
  });
  onMessage('startAudit', ({ data }) => startAudit(data.tabId));
  onMessage('auditHighlight', ({ data }) => highlightInPage(data.auditId, data.key));
  onMessage('auditGenerate', ({ data }) => {
    void generateAltTexts(data.auditId, data.keys, { maxLength: data.maxLength, language: data.language }).catch(async (e: unknown) => {
      // Nothing is lost: the reason lands on every item that was waiting.
      const msg = e instanceof Error ? e.message : String(e);
      await db.audits.where('id').equals(data.auditId).modify((a) => a.items.forEach((i) => data.keys.includes(i.key) && i.status !== 'done' && Object.assign(i, { status: 'failed', error: msg })));
    });
  });
  onMessage('auditCancel', ({ data }) => cancelGeneration(data.auditId));
  onMessage('labelPage', ({ data }) => void labelActiveTab(data).catch(() => undefined));
  onMessage('removeLabels', ({ data }) => removeTabLabels(data.tabId));
  onMessage('labelSite', ({ data }) => setLabelSite(data.origin, data.on, data.tabId));
  // The one message a content script sends: the labels script on a site the user opted in asks whether to
  // label. It carries no data, and onLabelAuto acts only for the exact origin the user turned on.
  onAnyMessage('labelAuto', ({ sender }) => (sender.id === browser.runtime.id ? onLabelAuto(sender) : false));
  onMessage('runPreset', async ({ data }) => {
    const preset = await getPreset(data.presetId);
    return startAnswer({ threadId: data.threadId, presetId: preset.id, prompt: preset.prompt, profileId: data.profileId ?? preset.profileId });
  });
  onMessage('compare', async ({ data }) => {
    const preset = await getPreset(data.presetId);
    const prompt = data.question?.trim() || preset.prompt;
    if (!prompt) throw new Error(t('compareNeedsPrompt'));
    const group = crypto.randomUUID();
    const ids: string[] = [];
    for (const profileId of data.profileIds) {
      // before: 1 = no earlier turns, so both profiles see exactly the same request.
      const id = await startAnswer({ threadId: data.threadId, presetId: preset.id, prompt, question: data.question?.trim() || undefined, profileId, before: 1 });
      await db.entries.update(id, { compareGroup: group });
      ids.push(id);
    }
    return ids;
  });
  onMessage('listProfiles', async () => {
    const [list, def] = await Promise.all([profilesItem.getValue(), defaultProfileIdItem.getValue()]);
    return list.map((p) => ({ id: p.id, name: p.name, provider: p.provider, model: p.model, isDefault: p.id === (def ?? list[0]?.id) }));
  });
  onMessage('providers', () => providerInfos());
  onMessage('testConnection', ({ data }) => testConnection(data.profile));
  onMessage('checkLocal', ({ data }) => checkLocal(data.profile, data.installHint));
  onMessage('listModels', async ({ data }) => {
    const p = getProvider(data.profile.provider);
    if (!p?.listModels) return [];
    if (p.id === 'ollama') await restoreOllamaOriginFix(data.profile.baseUrl);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), 15_000);
    try {
      return await p.listModels(providerConfig(data.profile), ctl.signal);
    } catch (err) {
      throw new Error(err instanceof ProviderError ? (await explainNoAccess(err, data.profile.baseUrl)).message : String(err));
    } finally {
      clearTimeout(timer);
    }
  });
  onMessage('fixOllamaOrigin', async ({ data }) => {
    const baseUrl = data.baseUrl ?? (await profilesItem.getValue()).find((p) => p.id === data.profileId)?.baseUrl;
    if (!baseUrl) throw new Error(t('ollamaProfileGone'));
    return data.enable === false ? disableOllamaOriginFix(baseUrl) : enableOllamaOriginFix(baseUrl);
  });
}
