import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import { done } from './idb-request';
import { applyWordChanges, POSTINGS, type WordChange } from './postings';

/** Small derived values, out-of-line keys. */
export const META = 'meta';
/** How many entries there are: `count()` walks every key (30–50 ms for 10,000 here), this is one read. */
export const ENTRY_COUNT = 'entryCount';

interface Change extends WordChange {
  existed: boolean;
}
type Entryish = { id: string; posted?: string[] } | undefined;

/**
 * What a write to `entries` replaces, read in its transaction before it runs. Chained with Dexie's
 * own promises, not await: Dexie's cache layer below needs its zone when the write runs.
 */
function before(table: DBCoreTable, req: DBCoreMutateRequest): PromiseLike<Change[] | 'all'> {
  const { trans } = req;
  if (req.type === 'deleteRange') {
    if (req.range.type === 3 /* Any */) return table.getMany({ trans, keys: [] }).then(() => 'all' as const);
    return table
      .query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })
      .then((r) => (r.result as Entryish[]).map((e) => ({ id: e!.id, before: e!.posted, after: undefined, existed: true })));
  }
  const keys = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => table.schema.primaryKey.extractKey!(v)));
  // An add replaces nothing; the empty read keeps one promise chain. A put's old values were just read
  // by Dexie's hooks and are cached; a delete's are not, and reading them uncached leaves Dexie's change tracking as it was.
  return table.getMany({ trans, keys: req.type === 'add' ? [] : keys, cache: req.type === 'put' ? 'immutable' : undefined }).then((old: Entryish[]) =>
    keys.map((id, i) => ({
      id: id as string,
      before: old[i]?.posted,
      after: req.type === 'delete' ? undefined : (req.values[i] as Entryish)?.posted,
      existed: old[i] !== undefined,
    })),
  );
}

/**
 * Keeps the search index (postings, which mirror each entry's `posted` words) and the entry count in
 * the same IndexedDB transaction as every write to `entries`: each read-write transaction on entries
 * also covers them. It sits below Dexie's hooks, so it sees what the hooks computed. Postings are written straight to IndexedDB, so
 * Dexie's change messages to open panels (which decode every key they list) do not carry thousands
 * of [word, id] keys; the count goes through Dexie, so a list that shows it is told when it changes.
 */
export const entriesIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'EntriesIndex',
  level: 0.5,
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(mode === 'readwrite' && stores.includes('entries') ? [...new Set([...stores, POSTINGS, META])] : stores, mode, options),
    table: (name) => {
      const table = down.table(name);
      if (name !== 'entries') return table;
      return {
        ...table,
        mutate: (req) => {
          const tx = req.trans as unknown as IDBTransaction;
          // Upgrades build the index themselves (db.ts v4), in one pass.
          if (tx.mode === 'versionchange') return table.mutate(req);
          const meta = down.table(META);
          return before(table, req).then((changes) =>
            table.mutate(req).then(async (res) => {
              const ok = changes === 'all' ? 'all' : changes.filter((_, i) => !res.failures?.[i]);
              const store = tx.objectStore(POSTINGS);
              if (ok === 'all') await done(store.clear());
              else await applyWordChanges(store, ok);
              const delta = ok === 'all' ? 0 : ok.reduce((n, c) => n + (req.type === 'delete' || req.type === 'deleteRange' ? 0 : 1) - Number(c.existed), 0);
              if (ok === 'all' || delta) {
                const was = await meta.get({ trans: req.trans, key: ENTRY_COUNT });
                // No stored count (never built): leave it; the list counts and stores it.
                if (ok === 'all' || typeof was === 'number') await meta.mutate({ trans: req.trans, type: 'put', keys: [ENTRY_COUNT], values: [ok === 'all' ? 0 : was + delta] });
              }
              return res;
            }),
          ) as Promise<DBCoreMutateResponse>;
        },
      };
    },
  }),
};
