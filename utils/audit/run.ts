import { browser } from 'wxt/browser';
import { auditPage, type AuditImage } from '../alt-text/verdicts';
import { altTextPrompt, parseAltResult } from '../alt-text/prompt';
import { fetchImage } from '../capture/fetch-image';
import { db, newId, type Audit, type AuditItem } from '../db';
import { prepareImage } from '../image/prepare';
import { targetSize } from '../image/resize';
import { ProviderError } from '../providers/errors';
import { resolveProfile } from '../settings';
import { askOnce } from '../jobs/one-shot';
import { keepAlive } from '../jobs/keepalive';

const AUDIT_FILE = '/content-scripts/audit.js';
export const CONCURRENCY = 3;
const MAX_ATTEMPTS = 4;
const running = new Map<string, AbortController>();

/** Calls one of the audit script's page functions (injected on demand; reads the page only). */
export async function inPage<T>(tabId: number, fn: string, ...args: unknown[]): Promise<T> {
  await browser.scripting.executeScript({ target: { tabId }, files: [AUDIT_FILE] });
  const [res] = await browser.scripting.executeScript({
    target: { tabId },
    func: (name: string, a: unknown[]) => (globalThis as unknown as Record<string, (...x: unknown[]) => unknown>)[name]!(...a),
    args: [fn, args],
  });
  return res?.result as T;
}

/** The page tab the user is looking at (never an extension page). */
export async function activePageTab() {
  const tabs = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tabs.find((t) => t.url && !t.url.startsWith(browser.runtime.getURL('')));
}

/** Lists every image on the page with its verdicts; saved at once so a panel close loses nothing. */
export async function startAudit(tabId?: number): Promise<string> {
  const tab = tabId !== undefined ? await browser.tabs.get(tabId) : await activePageTab();
  if (tab?.id === undefined) throw new Error('Open the page you want to audit in this window, then try again.');
  let images: AuditImage[];
  let lang = '';
  try {
    images = await inPage<AuditImage[]>(tab.id, '__glimpseAudit');
    lang = await inPage<string>(tab.id, '__glimpsePageLang');
  } catch {
    throw new Error('Glimpse cannot read this page (browser pages and the extension store are off limits), or it was not allowed to. Allow access and try again.');
  }
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
    })),
  };
  await db.audits.add(audit);
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

async function patchItem(auditId: string, key: string, patch: Partial<AuditItem>): Promise<void> {
  await db.audits.where('id').equals(auditId).modify((a) => {
    const it = a.items.find((i) => i.key === key);
    if (it) Object.assign(it, patch);
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
  });

/**
 * Writes alt text for the chosen images with bounded concurrency, honouring retry-after.
 * Each result is saved as it arrives; Cancel stops the rest.
 */
export async function generateAltTexts(auditId: string, keys: string[], opts: { maxLength?: number; language?: string } = {}): Promise<void> {
  const audit = await db.audits.get(auditId);
  if (!audit) throw new Error('That audit no longer exists.');
  const profile = await resolveProfile();
  if (!profile) throw new Error('No model provider is set up yet. Open Options, choose a provider and press Save.');
  running.get(auditId)?.abort();
  const ctl = new AbortController();
  running.set(auditId, ctl);
  const queue = audit.items.filter((i) => keys.includes(i.key));
  await Promise.all(queue.map((i) => patchItem(auditId, i.key, { status: 'queued', error: undefined })));
  let fatal: string | undefined;
  const one = async (item: AuditItem) => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !ctl.signal.aborted && !fatal; attempt++) {
      await patchItem(auditId, item.key, { status: 'running' });
      try {
        const raw = await fetchImage(item.src);
        const img = await prepareImage(raw.bytes, raw.mime, (s) => targetSize(profile.provider, profile.model, s));
        const prompt = altTextPrompt({ alt: item.alt, paragraph: item.context, pageTitle: audit.pageTitle, pageLang: audit.pageLang }, opts);
        const r = parseAltResult(await askOnce(profile, img, prompt, ctl.signal));
        await patchItem(auditId, item.key, { status: 'done', suggested: r.decorative ? '' : r.short, long: r.long ?? undefined, decorative: r.decorative });
        return;
      } catch (err) {
        if (ctl.signal.aborted) break;
        const e = err instanceof ProviderError ? err : undefined;
        if (e?.retryable && attempt < MAX_ATTEMPTS) {
          const wait = Math.min(e.retryAfterMs ?? 1000 * 2 ** attempt, 60_000);
          await db.audits.update(auditId, { retryAt: Date.now() + wait });
          await sleep(wait, ctl.signal);
          await db.audits.update(auditId, { retryAt: undefined });
          continue;
        }
        if (e && (e.kind === 'auth' || e.kind === 'quota')) fatal = e.message;
        await patchItem(auditId, item.key, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
        return;
      }
    }
    await patchItem(auditId, item.key, { status: fatal ? 'failed' : 'idle', error: fatal });
  };
  await keepAlive(async () => {
    const lanes = Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await one(item);
    });
    await Promise.all(lanes);
  });
  running.delete(auditId);
}

export function cancelGeneration(auditId: string): boolean {
  const ctl = running.get(auditId);
  ctl?.abort();
  return !!ctl;
}
