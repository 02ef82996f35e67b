import Dexie, { type EntityTable } from 'dexie';
import type { PreparedImage } from '../image/prepare';
import type { CostEstimate } from '../settings/pricing';
import { ENTRY_COUNT, entriesIndexMiddleware, META } from './entries-index';
import { done } from './idb-request';
import { blocksOf, POSTINGS, sameWords } from './postings';

/** How the image bytes were obtained; shown to the user as provenance. */
export type CaptureMethod =
  | 'data-url'
  | 'worker-fetch'
  | 'page-read'
  | 'screenshot-crop'
  | 'region'
  | 'visible-tab'
  | 'full-page'
  | 'paste'
  | 'drop'
  | 'url';

export interface ImageSource {
  method: CaptureMethod;
  pageUrl?: string;
  pageTitle?: string;
  srcUrl?: string;
  /** Short human description of the element, e.g. `img "A cat"`. */
  element?: string;
  /** Where a right-clicked image was, so Retry of a failed capture can take every way to its bytes again. */
  tabId?: number;
  frameId?: number;
  mediaType?: string;
  /** See RawImage.lacksAccess: the panel offers all-sites access and a capture of the original file. */
  lacksAccess?: boolean;
}

/** The prepared image (the bytes sent to providers, a thumbnail, notes) with where it came from. */
export interface ImageRecord extends PreparedImage {
  id: string;
  createdAt: number;
  source: ImageSource;
}

export interface Thread {
  id: string;
  imageId: string;
  createdAt: number;
  updatedAt: number;
  presetId: string;
  title: string;
  /** Where the image came from; kept even when capture failed, so Retry can capture again. */
  source?: ImageSource;
}

export type EntryStatus = 'streaming' | 'done' | 'stopped' | 'failed' | 'interrupted';

export interface EntryError {
  kind: string;
  message: string;
  status?: number;
  /** For kind `not-found`: the model ids the provider offers, for a picker. */
  models?: string[];
}

export interface Entry {
  id: string;
  threadId: string;
  createdAt: number;
  updatedAt: number;
  presetId: string;
  /** The instruction sent for this turn (preset prompt or the user's question). */
  prompt: string;
  /** Set when the user typed the question. */
  question?: string;
  profileId?: string;
  profileName?: string;
  provider?: string;
  model?: string;
  status: EntryStatus;
  text: string;
  error?: EntryError;
  /** Shown while waiting to retry, e.g. after a 429. */
  retryAt?: number;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Distinct lower-case words of the question and the final answer: what search must find it by. */
  words?: string[];
  /** The words that are in the postings index (utils/store/postings.ts) for this entry. */
  posted?: string[];
  /**
   * Set while `words` and `posted` differ (a settled answer, an edit): '' plus `words`, in a small
   * index that search also reads; utils/store/fresh-merge.ts moves them into postings in the background.
   */
  fresh?: string[];
  /** Answers started together by Compare share this id and are shown side by side. */
  compareGroup?: string;
  /** The user's own edit of an alt-text answer; regenerating never overwrites it. */
  altEdit?: { short: string; long: string; decorative: boolean; editedAt: number };
  /** What the request should cost, computed before it was sent (utils/settings/pricing.ts). */
  estimate?: CostEstimate;
  /** What it did cost, from the reported usage and the price table of that day. */
  cost?: { usd: number; pricesAsOf: string };
  /** Progress worth showing while streaming: a slow first token, a model download, a resent image. */
  notice?: string;
  /** The model's first answer, kept when a structured-output repair replaced `text`. */
  raw?: string;
}

export interface AuditItem {
  key: string;
  kind: string;
  src: string;
  alt: string | null;
  width: number;
  height: number;
  verdicts: { id: string; message: string; wcag: string }[];
  /** Text around the image, sent with the request. */
  context: string;
  status: 'idle' | 'queued' | 'running' | 'done' | 'failed';
  suggested?: string;
  long?: string;
  decorative?: boolean;
  error?: string;
  /** A small `data:` URL for the list (the panel's CSP allows no remote images); filled in after the audit is saved. */
  thumb?: string;
}

export interface Audit {
  id: string;
  createdAt: number;
  pageUrl: string;
  pageTitle: string;
  pageLang: string;
  items: AuditItem[];
  /** Set while a batch runs; shown as "retrying in N s" after a 429. */
  retryAt?: number;
}

/** A generated alt text, by hash of the image bytes + language + model (utils/store/alt-cache.ts). */
export interface AltCacheRow {
  key: string;
  short: string;
  decorative: boolean;
  createdAt: number;
  usedAt: number;
}

export class GlimpseDB extends Dexie {
  threads!: EntityTable<Thread, 'id'>;
  entries!: EntityTable<Entry, 'id'>;
  images!: EntityTable<ImageRecord, 'id'>;
  audits!: EntityTable<Audit, 'id'>;
  altCache!: EntityTable<AltCacheRow, 'key'>;

  constructor(name = 'glimpse') {
    super(name);
    this.version(1).stores({
      threads: 'id, createdAt, updatedAt',
      entries: 'id, threadId, createdAt, status',
      images: 'id, createdAt',
    });
    // v2: full-text search and filters over history.
    this.version(2)
      .stores({ entries: 'id, threadId, createdAt, status, *words, [presetId+createdAt], [provider+createdAt]' })
      .upgrade((tx) =>
        tx.table('entries').toCollection().modify((e: Entry) => {
          e.words = wordsOf(e);
        }),
      );
    // v3: whole-page alt-text audits, saved as they progress.
    this.version(3).stores({ audits: 'id, createdAt, pageUrl' });
    // v4: a word → ids index read in blocks (postings), so a search with a word that is in most entries
    // stays fast; the words index gives way to a small one of words not yet in postings (fresh); and
    // the entry count, so the list need not count 10,000 keys on every open.
    this.version(4)
      .stores({ entries: 'id, threadId, createdAt, status, *fresh, [presetId+createdAt], [provider+createdAt]', [POSTINGS]: '', [META]: '' })
      .upgrade(async (tx) => {
        // Built here in one pass (the middleware leaves upgrades alone), then marked as posted.
        const entries = (await tx.table('entries').toArray()) as Entry[];
        const { keys, blocks } = blocksOf(entries.map((e) => ({ id: e.id, words: e.words })));
        await tx.table(POSTINGS).clear();
        await tx.table(POSTINGS).bulkPut(blocks, keys as never); // [word, id] keys; Dexie types array keys too narrowly
        await tx.table('entries').toCollection().modify((e: Entry) => {
          e.posted = e.words ?? [];
          delete e.fresh;
        });
        await tx.table(META).put(entries.length, ENTRY_COUNT);
      });
    // v5: labels written into pages, cached so an image seen again needs no request.
    this.version(5).stores({ altCache: 'key, usedAt' });
    this.use(entriesIndexMiddleware);
    this.on('populate', (tx) => {
      void tx.table(META).put(0, ENTRY_COUNT);
    });
    // Index words once an answer settles, not on every streamed token. A new settled entry (an import,
    // a failure) goes into postings at once, in the same write; an answer that settles goes to the
    // fresh index (one write) and into postings in the background, so "done" need not wait for it.
    this.entries.hook('creating', (_key, e) => {
      if (e.status === 'streaming') return;
      e.words = wordsOf(e);
      e.posted = e.words;
      delete e.fresh;
    });
    this.entries.hook('updating', (changes, _key, e) => {
      const next = { ...e, ...(changes as Partial<Entry>) };
      if (next.status !== 'streaming' && ('text' in changes || 'status' in changes)) return settledIndex(next);
      return undefined;
    });
  }
}

const MAX_WORDS = 3000;

/** The search fields of an entry that settles or changes: its words, and whether they still need posting. */
export function settledIndex(e: Entry): Pick<Entry, 'words' | 'fresh'> {
  const words = wordsOf(e);
  return { words, fresh: sameWords(words, new Set(e.posted ?? [])) ? undefined : ['', ...words] };
}

/** Distinct lower-case words (letters and digits, any script) of the question, prompt and answer. */
export function wordsOf(e: Pick<Entry, 'text' | 'question' | 'prompt'>): string[] {
  const all = `${e.question ?? ''} ${e.text}`.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(all)].slice(0, MAX_WORDS);
}

export const db = new GlimpseDB();

/**
 * Stores the search words a settling patch will produce, straight in IndexedDB, just before the Dexie
 * update that settles the entry. The update's hook then computes the same words, so Dexie's change
 * message to open panels lists none of them: for a 4,000-token answer (~1,600 words), decoding and
 * merging that message was a 60–120 ms task in the panel.
 */
export async function preindexWords(id: string, patch: Partial<Entry>): Promise<void> {
  if (!db.isOpen()) await db.open();
  const store = db.backendDB().transaction('entries', 'readwrite').objectStore('entries');
  const e = (await done(store.get(id))) as Entry | undefined;
  if (e) await done(store.put({ ...e, ...settledIndex({ ...e, ...patch }) }));
}

/**
 * Ids sort by creation time (base-36 milliseconds first), so primary-key order is time order:
 * history can list and page without reading a secondary index.
 */
export const newId = (now = Date.now()): string => `${now.toString(36).padStart(9, '0')}-${crypto.randomUUID().slice(0, 13)}`;
