import { launch, openPanel } from '../e2e/harness';
const s = await launch();
const p = await openPanel(s);
await p.getByTestId('history').waitFor();
await p.evaluate(async () => {
  const open = indexedDB.open('glimpse');
  const idb: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
  const tx = idb.transaction(['entries', 'threads'], 'readwrite');
  const now = Date.now();
  for (let i = 0; i < 10_000; i++) {
    const text = `Answer ${i} about a ${['cat', 'bridge', 'chart', 'receipt', 'forest'][i % 5]} with number n${i} and some more descriptive words`;
    tx.objectStore('threads').put({ id: `bt${i}`, imageId: '', createdAt: now - i * 1000, updatedAt: now - i * 1000, presetId: 'describe', title: 'Describe image' });
    tx.objectStore('entries').put({
      id: `${(now - i * 1000).toString(36).padStart(9, '0')}-b${i}`, threadId: `bt${i}`, createdAt: now - i * 1000, updatedAt: now - i * 1000, presetId: i % 2 ? 'describe' : 'table',
      prompt: 'Describe', provider: i % 3 ? 'openai' : 'ollama', model: 'm', status: 'done', text,
      words: [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu))],
    });
  }
  await new Promise((r) => (tx.oncomplete = r));
  idb.close();
});
for (let k = 0; k < 3; k++) {
const r = await p.evaluate(async () => {
  const open = indexedDB.open('glimpse');
  const idb: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
  const out: Record<string, number> = {};
  const time = async (name: string, f: (ix: IDBIndex) => IDBRequest) => {
    const t = performance.now();
    const ix = idb.transaction('entries').objectStore('entries').index('words');
    const req = f(ix);
    await new Promise((r) => (req.onsuccess = r));
    out[name] = Math.round((performance.now() - t) * 10) / 10;
  };
  const R = (t: string) => IDBKeyRange.bound(t, `${t}\uffff`);
  await time('keys chart', (ix) => ix.getAllKeys(R('chart')));
  await time('keys descriptive', (ix) => ix.getAllKeys(R('descriptive')));
  await time('count chart', (ix) => ix.count(R('chart')));
  await time('count descriptive', (ix) => ix.count(R('descriptive')));
  await time('keys d', (ix) => ix.getAllKeys(R('d')));
  await time('primary all', () => idb.transaction('entries').objectStore('entries').getAllKeys());
  idb.close();
  return out;
});
console.log(r);
}
await s.close();
