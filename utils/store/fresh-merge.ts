import { db, type Entry } from './db';
import { done } from './idb-request';
import { applyWordChanges, POSTINGS, sameWords } from './postings';

/**
 * Words moved into postings per transaction: ~2 requests each (0.1–0.2 ms apiece here), so a step
 * holds the panel's reads of entries for tens of milliseconds at most, and a pause lets them in between.
 */
const WORDS_PER_STEP = 100;
const PAUSE_MS = 20;

/** One step for the first entry still fresh; false when there is none. */
async function step(): Promise<boolean> {
  if (!db.isOpen()) await db.open();
  // Straight to IndexedDB, not through Dexie: the step changes nothing a panel shows (a search finds
  // the same entries before and after), so no change message should make panels read it again.
  const tx = db.backendDB().transaction(['entries', POSTINGS], 'readwrite');
  const entries = tx.objectStore('entries');
  const id = (await done(entries.index('fresh').getKey(''))) as string | undefined;
  if (!id) return false;
  const e = (await done(entries.get(id))) as Entry;
  const words = new Set(e.words ?? []);
  const posted = new Set(e.posted ?? []);
  const stale = [...posted].filter((w) => !words.has(w)).slice(0, WORDS_PER_STEP);
  const add = [...words].filter((w) => !posted.has(w)).slice(0, WORDS_PER_STEP - stale.length);
  for (const w of stale) posted.delete(w);
  for (const w of add) posted.add(w);
  const next: Entry = { ...e, posted: [...posted] };
  if (sameWords(words, posted)) delete next.fresh;
  await applyWordChanges(tx.objectStore(POSTINGS), [{ id, before: e.posted, after: next.posted }]);
  await done(entries.put(next));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  return true;
}

/**
 * Moves settled answers' words from the fresh index into postings, a bounded step per transaction.
 * Search reads both, so it is right at every step; this only makes it fast again.
 * Returns how many steps ran.
 */
export async function mergeFresh(maxSteps = Infinity): Promise<number> {
  let steps = 0;
  while (steps < maxSteps && (await step())) {
    steps++;
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  return steps;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<unknown> | undefined;

/** Merges soon, once answers stop settling for a moment; a failure is retried at the next settle. */
export function scheduleMerge(ms = 1500): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    // One merge at a time in this context; another context's steps are kept apart by IndexedDB.
    running ??= mergeFresh()
      .catch((e: unknown) => console.warn('Glimpse: search index merge', e))
      .finally(() => (running = undefined));
  }, ms);
}
