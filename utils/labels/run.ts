import { browser, type Browser } from 'wxt/browser';
import { auditPage } from '../alt-text/verdicts';
import { altTextPrompt, parseAltResult } from '../alt-text/prompt';
import { runBatch } from '../audit/batch';
import { activePageTab, classify, inPageScript } from '../audit/run';
import { fetchImage, type RawImage } from '../capture/fetch-image';
import { decodeAtSize } from '../decoder/client';
import { prepareForSend } from '../image/prepare';
import { targetSize } from '../image/vision-rules';
import { t, tPlural } from '../i18n';
import { askOnce } from '../jobs/one-shot';
import { keepAlive } from '../jobs/keepalive';
import { answerSettingsItem, resolveProfile } from '../settings/items';
import { labelSettingsItem, labelSpendItem, today } from '../settings/labels';
import { estimateCost, formatUsd, loadPriceTable } from '../settings/pricing';
import { altCacheKey, cacheAlt, cachedAlts, trimAltCache } from '../store/alt-cache';
import type { LabelTarget, LabelWrite } from './page';
import { labelStatesItem, type LabelState } from './state';
import { labelText, pickTargets } from './text';

const LABELS_FILE = '/content-scripts/labels.js';
const inLabels = <T>(tabId: number, fn: string, ...args: unknown[]) => inPageScript<T>(LABELS_FILE, tabId, fn, ...args);
/** Image downloads at once, before any request: the cache needs each image's bytes. */
const FETCH_LANES = 6;

let stateWrites: Promise<unknown> = Promise.resolve();
/** Updates one tab's state; writes go one at a time, so no update is lost. */
function setState(tabId: number, patch: Partial<LabelState>): Promise<unknown> {
  stateWrites = stateWrites.then(async () => {
    const all = await labelStatesItem.getValue();
    const prev = all[tabId] ?? { tabId, pageUrl: '', phase: 'reading', count: 0, toSend: 0, labelled: 0, cached: 0, failed: 0, updatedAt: 0 };
    await labelStatesItem.setValue({ ...all, [tabId]: { ...prev, ...patch, updatedAt: Date.now() } });
  }).catch(() => undefined);
  return stateWrites;
}

async function inBatches<T, R>(items: T[], lanes: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  }));
  return out;
}

interface Fetched {
  target: LabelTarget;
  raw: RawImage;
  cacheKey: string;
  prompt: string;
}

const running = new Map<number, { again: boolean; done: Promise<void> }>();

/**
 * Labels the tab's images that need it (utils/labels/text.ts pickTargets): the cache first (no request),
 * then the rest through the audit's runner. Manual runs above the user's threshold wait for "Label N images";
 * automatic runs (a site labelled always) stop at the daily budget. One run per tab; an automatic request
 * during a run makes one more run afterwards (images that arrived meanwhile).
 */
export function labelTab(tab: Browser.tabs.Tab | undefined, opts: { confirmed?: boolean; auto?: boolean } = {}): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined) return Promise.reject(new Error(t('auditOpenPage')));
  const now = running.get(tabId);
  if (now) {
    now.again ||= !!opts.auto;
    return now.done;
  }
  const entry = { again: false, done: Promise.resolve() };
  entry.done = (async () => {
    try {
      do {
        entry.again = false;
        await keepAlive(() => labelOnce(tabId, tab?.url ?? '', opts));
      } while (entry.again);
    } finally {
      running.delete(tabId);
    }
  })();
  running.set(tabId, entry);
  return entry.done;
}

async function labelOnce(tabId: number, pageUrl: string, opts: { confirmed?: boolean; auto?: boolean }): Promise<void> {
  const fail = (error: string) => setState(tabId, { phase: 'failed', error });
  const profile = await resolveProfile();
  if (!profile) return void (await fail(t('auditNoProvider')));
  const [settings, answer, prices] = await Promise.all([labelSettingsItem.getValue(), answerSettingsItem.getValue(), loadPriceTable()]);
  let page: { images: LabelTarget[]; lang: string };
  try {
    page = await inLabels(tabId, '__glimpseLabelTargets');
  } catch {
    return void (await fail(t('labelCannotRead')));
  }
  const targets = pickTargets(page.images, auditPage(page.images));
  await setState(tabId, { pageUrl, phase: 'reading', count: targets.length, toSend: 0, usd: 0, labelled: 0, cached: 0, failed: 0, error: undefined, removed: undefined });
  const language = answer.language || page.lang || 'en';
  const description = t('labelDescription');
  /** What to write: alt="" for an `<img>` the model calls decorative; nothing when there is no text to write. */
  const labelFor = (tg: LabelTarget, short: string, decorative: boolean): LabelWrite | undefined => {
    if (decorative && tg.kind === 'img' && !tg.context.linkHref) return { key: tg.key, text: '', description };
    if (!short.trim() && !tg.context.linkHref) return undefined;
    return { key: tg.key, text: labelText(short, { maxLength: answer.altMaxLength, marker: settings.marker, linkHref: tg.context.linkHref, linkTo: (d) => t('labelLinkTo', d) }), description };
  };
  const write = (maybe: (LabelWrite | undefined)[]) => {
    const writes = maybe.filter((w): w is LabelWrite => !!w);
    return writes.length ? inLabels<boolean[]>(tabId, '__glimpseLabelWrite', writes) : Promise.resolve([]);
  };

  // Bytes and cache keys for every image; the cached ones are labelled at once, with no request.
  let failed = 0;
  const fetched = (
    await inBatches(targets, FETCH_LANES, async (target): Promise<Fetched | undefined> => {
      try {
        const raw = await fetchImage(target.svg ?? target.src);
        const prompt = altTextPrompt(target.context, { maxLength: answer.altMaxLength, language });
        return { target, raw, prompt, cacheKey: await altCacheKey(raw.bytes, language, profile.model) };
      } catch {
        failed++;
        return undefined;
      }
    })
  ).filter((f): f is Fetched => !!f);
  const hits = await cachedAlts(fetched.map((f) => f.cacheKey));
  const fromCache = fetched.filter((f) => hits.has(f.cacheKey));
  const written = await write(fromCache.map((f) => labelFor(f.target, hits.get(f.cacheKey)!.short, hits.get(f.cacheKey)!.decorative)));
  let labelled = written.filter(Boolean).length;
  const toSend = fetched.filter((f) => !hits.has(f.cacheKey));
  const costs = toSend.map((f) => estimateCost(profile, { width: Math.max(1, f.target.width), height: Math.max(1, f.target.height) }, f.prompt, prices).usd);
  const usd = costs.some((c) => c === undefined) ? undefined : costs.reduce<number>((a, c) => a + c!, 0);
  await setState(tabId, { toSend: toSend.length, usd, labelled, cached: labelled, failed });

  const finish = async (phase: LabelState['phase'], error?: string) => {
    if (labelled > 0) await inLabels(tabId, '__glimpseLabelAnnounce', tPlural('labelAnnounce', labelled)).catch(() => undefined);
    await setState(tabId, { phase, labelled, failed, error });
    void trimAltCache().catch(() => undefined);
  };
  if (!toSend.length) return finish('done');
  // Cost first: above the threshold (or at an unknown price) a click asks before anything is sent.
  if (!opts.auto && !opts.confirmed && (usd === undefined || usd > settings.askAboveUsd)) return void (await setState(tabId, { phase: 'confirm' }));

  await setState(tabId, { phase: 'running' });
  const ctl = new AbortController();
  let overBudget = false;
  // Reserved when a request is prepared, so requests in flight together cannot pass the budget.
  const reserve = async (usdOne: number | undefined) => {
    if (!opts.auto) return true;
    const spend = await labelSpendItem.getValue();
    const spent = spend.day === today() ? spend.usd : 0;
    if (spent + (usdOne ?? 0) > settings.dailyBudgetUsd) return false;
    await labelSpendItem.setValue({ day: today(), usd: spent + (usdOne ?? 0) });
    return true;
  };
  let reserving = Promise.resolve(true);
  const result = await runBatch(toSend, {
    prepare: async (f, signal) => {
      const i = toSend.indexOf(f);
      reserving = reserving.then(() => reserve(costs[i]));
      if (!(await reserving)) {
        // Stop starting requests, but let the ones already reserved (and paid for) finish and be written:
        // aborting them here spent the budget on labels that never arrived.
        overBudget = true;
        throw new Error('budget');
      }
      const p = await prepareForSend(f.raw.bytes, f.raw.mime, (s) => targetSize(profile.provider, profile.model, s, profile.detail), decodeAtSize);
      p.release();
      if (signal.aborted) throw new Error('aborted');
      return p.image;
    },
    send: (f, img, signal) => askOnce(profile, img, f.prompt, signal),
    save: async (f, text) => {
      const r = parseAltResult(text);
      await cacheAlt(f.cacheKey, { short: r.decorative ? '' : r.short, decorative: r.decorative });
      const [ok] = await write([labelFor(f.target, r.short, r.decorative)]);
      if (ok) labelled++;
      void setState(tabId, { labelled });
    },
    classify,
    onFail: () => {
      if (!overBudget) failed++;
      void setState(tabId, { failed });
    },
    signal: ctl.signal,
  });
  if (overBudget) return finish('budget', t('labelBudgetReached', formatUsd(settings.dailyBudgetUsd)));
  return finish(result.fatal ? 'failed' : 'done', result.fatal);
}

/** Takes every Glimpse label off the tab's page again, attributes exactly as they were. */
export async function removeTabLabels(tabId?: number): Promise<number> {
  const tab = tabId !== undefined ? await browser.tabs.get(tabId) : await activePageTab();
  if (tab?.id === undefined) throw new Error(t('auditOpenPage'));
  const n = await inLabels<number>(tab.id, '__glimpseLabelRemove');
  await setState(tab.id, { phase: 'removed', removed: n });
  return n;
}

/** The panel's button: the page tab the user is looking at. */
export async function labelActiveTab(opts: { tabId?: number; confirmed?: boolean }): Promise<void> {
  const tab = opts.tabId !== undefined ? await browser.tabs.get(opts.tabId) : await activePageTab();
  return labelTab(tab, { confirmed: opts.confirmed });
}
