import { done } from './idb-request';

/**
 * The search index: for each word, the ids of the entries that contain it, in blocks of up to
 * BLOCK ids keyed [word, first id]. Reading a word that is in 10,000 entries is ~40 records
 * instead of 10,000 index keys (each ~15–40 µs in Chromium), which is what makes a search with a
 * common word fast. It mirrors each entry's `posted` words, kept so by utils/store/entries-index.ts.
 */
export const POSTINGS = 'postings';
const BLOCK = 256;
/** Up to this many removals of one word are found block by block; more rewrite the word's blocks. */
const FEW = 8;
const MANY = 1000;

type Key = [string, string];
type Words = readonly string[] | undefined;
export interface WordChange { id: string; before: Words; after: Words }

/** Whether two sets of words hold the same words. */
export const sameWords = (a: Iterable<string>, b: ReadonlySet<string>): boolean => {
  const list = [...a];
  return list.length === b.size && list.every((w) => b.has(w));
};

/** A word's ids (in order) as its blocks, each keyed by its first id. */
function* chunks(w: string, ids: string[]): Generator<[Key, string[]]> {
  for (let i = 0; i < ids.length; i += BLOCK) {
    const chunk = ids.slice(i, i + BLOCK);
    yield [[w, chunk[0]!], chunk];
  }
}

/** Every key of one word. Keys are [word, id]; an array sorts after any string, so [w, []] ends the word. */
const wordRange = (w: string) => IDBKeyRange.bound([w], [w, []]);
/** Every word that starts with `prefix`. */
const prefixRange = (prefix: string) => IDBKeyRange.bound([prefix], [`${prefix}\uffff`]);

/** Ids of entries with a word starting with `prefix`. */
export async function idsWithPrefix(store: IDBObjectStore, prefix: string): Promise<string[]> {
  const blocks = (await done(store.getAll(prefixRange(prefix)))) as string[][];
  return blocks.length === 1 ? blocks[0]! : blocks.flat();
}

/** Per word, the ids to add and to remove. */
export function byWord(changes: WordChange[]): Map<string, { add: string[]; remove: string[] }> {
  const out = new Map<string, { add: string[]; remove: string[] }>();
  const slot = (w: string) => out.get(w) ?? out.set(w, { add: [], remove: [] }).get(w)!;
  for (const { id, before = [], after = [] } of changes) {
    if (before === after) continue;
    const was = new Set(before);
    const is = new Set(after);
    for (const w of is) if (!was.has(w)) slot(w).add.push(id);
    for (const w of was) if (!is.has(w)) slot(w).remove.push(id);
  }
  return out;
}

const putChunks = (store: IDBObjectStore, w: string, ids: string[]): Promise<unknown>[] =>
  [...chunks(w, ids)].map(([key, chunk]) => done(store.put(chunk, key)));

/** Reads all of a word's blocks and writes them again, merged and in order. */
async function rewrite(store: IDBObjectStore, w: string, add: string[], remove: string[]): Promise<void> {
  const blocks = (await done(store.getAll(wordRange(w)))) as string[][];
  const drop = new Set(remove);
  const ids = [...new Set([...blocks.flat().filter((id) => !drop.has(id)), ...add])].sort();
  store.delete(wordRange(w));
  await Promise.all(putChunks(store, w, ids));
}

/** Removes one id: it is in the block with the greatest first id ≤ it, unless blocks were merged out of order. */
async function removeOne(store: IDBObjectStore, w: string, id: string): Promise<boolean> {
  const req = store.openCursor(IDBKeyRange.bound([w], [w, id]), 'prev');
  for (let c = await done(req); c; c = await (c.continue(), done(req))) {
    const ids = c.value as string[];
    const at = ids.indexOf(id);
    if (at < 0) continue;
    if (ids.length === 1) await done(c.delete());
    else await done(c.update(ids.filter((_, i) => i !== at)));
    return true;
  }
  return false;
}

/** Appends ids newer than every id of the word (the usual case: a new answer); otherwise merges them in. */
async function addIds(store: IDBObjectStore, w: string, ids: string[], isNew: boolean): Promise<void> {
  ids.sort();
  const last = isNew ? null : await done(store.openCursor(wordRange(w), 'prev'));
  if (last && ids[0]! <= (last.value as string[]).at(-1)!) return rewrite(store, w, ids, []);
  let rest = ids;
  const jobs: Promise<unknown>[] = [];
  if (last && (last.value as string[]).length < BLOCK) {
    const room = BLOCK - (last.value as string[]).length;
    jobs.push(done(last.update([...(last.value as string[]), ...ids.slice(0, room)])));
    rest = ids.slice(room);
  }
  await Promise.all([...jobs, ...putChunks(store, w, rest)]);
}

/** Applies changes to entries' words to the index; words run in parallel, each word's steps in order. */
export async function applyWordChanges(store: IDBObjectStore, changes: WordChange[]): Promise<void> {
  const words = byWord(changes);
  // For a large change (an import), one read of every key says which words are new, instead of one read per word.
  const known = words.size > MANY ? new Set(((await done(store.getAllKeys())) as Key[]).map(([w]) => w)) : undefined;
  await Promise.all(
    [...words].map(async ([w, { add, remove }]) => {
      if (remove.length > FEW) await rewrite(store, w, [], remove);
      else for (const id of remove) if (!(await removeOne(store, w, id))) await rewrite(store, w, [], [id]);
      if (add.length) await addIds(store, w, add, known ? !known.has(w) : false);
    }),
  );
}

/** The whole index for some entries, as keys and blocks (the v4 upgrade writes these). */
export function blocksOf(entries: { id: string; words?: string[] }[]): { keys: Key[]; blocks: string[][] } {
  const ids = new Map<string, string[]>();
  for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : 1))) for (const w of e.words ?? []) (ids.get(w) ?? ids.set(w, []).get(w)!).push(e.id);
  const keys: Key[] = [];
  const blocks: string[][] = [];
  for (const [w, list] of ids) {
    for (const [key, chunk] of chunks(w, list)) {
      keys.push(key);
      blocks.push(chunk);
    }
  }
  return { keys, blocks };
}
