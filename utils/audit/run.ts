import { browser } from 'wxt/browser';
import { auditPage, type AuditImage } from '../alt-text/verdicts';
import { parseAltResult } from '../alt-text/prompt';
import { auditPrompt } from './prompt';
import { estimateCost, overBudget } from '../settings/pricing';
import { fetchImage } from '../capture/fetch-image';
import { db, newId, type Audit, type AuditItem } from '../store/db';
import { prepareForSend, type SendableImage } from '../image/prepare';
import { targetSize } from '../image/vision-rules';
import { t } from '../i18n';
import { ProviderError } from '../providers/errors';
import { resolveProfile } from '../settings/items';
import { askOnce } from '../jobs/one-shot';
import { keepAlive } from '../jobs/keepalive';
import { runBatch, type Failure } from './batch';
import { fillThumbs, trimOldThumbs } from './thumbs';
import { auditWriter } from './writer';
import { decodeAtSize } from '../decoder/client';

const AUDIT_FILE = '/content-scripts/audit.js' as const;
const running = new Map<string, AbortController>();

/** Calls one of the audit script's page functions, injecting the script only when it is not there yet. */
export const inPage = <T>(tabId: number, fn: string, ...args: unknown[]): Promise<T> => inPageScript<T>(AUDIT_FILE, tabId, fn, ...args);

/** Calls a page function that the content script `file` defines, injecting the script when it is not there yet. */
export async function inPageScript<T>(file: typeof AUDIT_FILE | '/content-scripts/labels.js', tabId: number, fn: string, ...args: unknown[]): Promise<T> {
  const call = async () => {
    const [res] = await browser.scripting.executeScript({
      target: { tabId },
      func: (name: string, a: unknown[]) => {
        const f = (globalThis as unknown as Record<string, ((...x: unknown[]) => unknown) | undefined>)[name];
        return f ? { value: f(...a) } : null;
      },
      args: [fn, args],
    });
    return res?.result as { value: T } | null | undefined;
  };
  // Each injection is a round trip; the script stays in the page's isolated world after the first.
  const first = await call();
  if (first) return first.value;
  await browser.scripting.executeScript({ target: { tabId }, files: [file] });
  return (await call())?.value as T;
}

/** The page tab the user is looking at (never an extension page). */
export async function activePageTab() {
  const tabs = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tabs.find((t) => t.url && !t.url.startsWith(browser.runtime.getURL('')));
}

/** Lists every image on the page with its verdicts; saved at once so a panel close loses nothing. Thumbnails follow. */
export async function startAudit(tabId?: number): Promise<string> {
  const tab = tabId !== undefined ? await browser.tabs.get(tabId) : await activePageTab();
  if (tab?.id === undefined) throw new Error(t('auditOpenPage'));
  let page: { images: AuditImage[]; lang: string };
  try {
    page = await inPage<{ images: AuditImage[]; lang: string }>(tab.id, '__glimpseAudit');
  } catch {
    throw new Error(t('auditCannotRead'));
  }
  const { images, lang } = page;
  const verdicts = auditPage(images);
  const audit: Audit = {
    id: newId(),
    createdAt: Date.now(),
    pageUrl: tab.url ?? '',
    pageTitle: tab.title ?? '',
    pageLang: lang,
    items: images.map((img) => ({
      key: img.key, kind: img.kind, src: img.src, alt: img.alt, width: img.width, height: img.height,
      verdicts: verdicts.get(img.key) ?? [],
      context: [img.adjacentText, img.linkText !== undefined ? `(the image is a link${img.linkText ? `: ${img.linkText}` : ''})` : ''].filter(Boolean).join(' '),
      status: 'idle',
      // An inline SVG is its own thumbnail; the rest are fetched after the list is shown.
      ...(img.svg ? { thumb: img.svg } : {}),
    })),
  };
  await db.audits.add(audit);
  void fillThumbs(audit.id, audit.pageUrl, audit.items.filter((i) => !i.thumb))
    .then(() => trimOldThumbs())
    .catch(() => undefined);
  return audit.id;
}

export async function highlightInPage(auditId: string, key: string): Promise<boolean> {
  const audit = await db.audits.get(auditId);
  const tabs = await browser.tabs.query({ url: audit?.pageUrl });
  const tab = tabs[0];
  if (tab?.id === undefined) return false;
  await browser.tabs.update(tab.id, { active: true });
  return inPage<boolean>(tab.id, '__glimpseHighlight', key);
}

/** How a failed request is retried: rate limits and overload wait as told; bad keys stop the batch. */
export function classify(err: unknown): Failure {
  if (!(err instanceof ProviderError)) return { kind: 'fail' };
  if (err.kind === 'auth' || err.kind === 'quota') return { kind: 'fatal', message: err.message };
  if (err.kind === 'rate-limit' || (err.kind === 'server' && (err.status === 503 || err.status === 529))) return { kind: 'busy', afterMs: err.retryAfterMs };
  return err.retryable ? { kind: 'retry' } : { kind: 'fail' };
}

/**
 * Writes alt text for the chosen images as fast as the provider allows (utils/audit/batch.ts),
 * honouring retry-after. Each result is saved as it arrives; Cancel returns the rest to idle.
 */
export async function generateAltTexts(auditId: string, keys: string[], opts: { maxLength?: number; language?: string } = {}): Promise<void> {
  const audit = await db.audits.get(auditId);
  if (!audit) throw new Error(t('auditGone'));
  const profile = await resolveProfile();
  if (!profile) throw new Error(t('auditNoProvider'));
  running.get(auditId)?.abort();
  const ctl = new AbortController();
  running.set(auditId, ctl);
  const patchItem = auditWriter(auditId);
  const queue = audit.items.filter((i) => keys.includes(i.key));
  // Not awaited before the first request: the writer stores patches in order.
  const queued = Promise.all(queue.map((i) => patchItem(i.key, { status: 'queued', error: undefined })));
  queued.catch(() => undefined); // surfaces at the end, not as an unhandled rejection meanwhile
  const prepare = async (item: AuditItem, signal: AbortSignal) => {
    // Not awaited: the writer keeps the order, and the request need not wait for the panel's status.
    void patchItem(item.key, { status: 'running' }).catch(() => undefined);
    const raw = await fetchImage(item.src, signal);
    // The audit list has its own thumbnails (thumbs.ts): none is made here.
    const prepared = await prepareForSend(raw.bytes, raw.mime, (s) => targetSize(profile.provider, profile.model, s, profile.detail), decodeAtSize);
    prepared.release();
    return prepared.image;
  };
  const send = (item: AuditItem, img: SendableImage, signal: AbortSignal) => {
    const prompt = auditPrompt(audit, item, opts);
    const refusal = overBudget(estimateCost(profile, img, prompt));
    return refusal ? Promise.reject(new ProviderError('bad-request', refusal)) : askOnce(profile, img, prompt, signal);
  };
  const save = async (item: AuditItem, text: string) => {
    const r = parseAltResult(text);
    await patchItem(item.key, { status: 'done', suggested: r.decorative ? '' : r.short, long: r.long ?? undefined, decorative: r.decorative, error: undefined });
  };
  let retryAt = 0;
  const result = await keepAlive(() =>
    runBatch(queue, {
      prepare,
      send,
      save,
      classify,
      signal: ctl.signal,
      onFail: (item, err) => patchItem(item.key, { status: 'failed', error: err instanceof Error ? err.message : String(err) }),
      onWait: (ms) => {
        // Shown as "retrying in N s": waits under a second are the pace of a rate window, not worth a notice,
        // and only a later time is written, so concurrent waits do not flicker.
        if (ms < 1000 || Date.now() + ms <= retryAt) return;
        retryAt = Date.now() + ms;
        void db.audits.update(auditId, { retryAt });
      },
    }),
  );
  await queued;
  // Cancelled: back to idle. Stopped by a bad key or quota: the reason on every item that was waiting.
  await Promise.all(result.left.map((i) => patchItem(i.key, { status: result.fatal ? 'failed' : 'idle', error: result.fatal })));
  await db.audits.update(auditId, { retryAt: undefined });
  if (running.get(auditId) === ctl) running.delete(auditId);
}

export function cancelGeneration(auditId: string): boolean {
  const ctl = running.get(auditId);
  ctl?.abort();
  return !!ctl;
}

export const INTERRUPTED_AUDIT = t('auditInterrupted');
const RECENT_AUDITS = 5;

/** On worker start no batch can still run: items a killed batch left waiting get the reason, so they can be sent again. */
export async function markAuditsInterrupted(): Promise<number> {
  const waiting = (i: AuditItem) => i.status === 'queued' || i.status === 'running';
  const ids: string[] = [];
  // Runs on every worker start: only the newest audits (the panel runs batches on the one it shows) are read.
  await db.audits.orderBy('createdAt').reverse().limit(RECENT_AUDITS).each((a) => void (!running.has(a.id) && a.items.some(waiting) && ids.push(a.id)));
  let n = 0;
  if (ids.length)
    await db.audits.where('id').anyOf(ids).modify((a) => {
      if (running.has(a.id)) return;
      a.retryAt = undefined;
      for (const it of a.items.filter(waiting)) Object.assign(it, { status: 'failed', error: INTERRUPTED_AUDIT }), n++;
    });
  return n;
}
