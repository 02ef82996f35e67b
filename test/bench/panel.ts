import { execSync } from 'node:child_process';
import { FakeProvider } from '../support/fake-provider';
import { quadrants } from '../support/png';
import { launch, menuClick, openPanel, setProfile } from '../e2e/harness';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** P3: chunk arrival → text on screen, and long tasks, while a 4,000-token answer streams. P4: 10,000 entries. */
export async function panel(): Promise<void> {
  execSync('npm run build:e2e', { stdio: 'ignore' });
  const fake = await new FakeProvider().start();
  const s = await launch();
  try {
    fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>bench</title><img src="/q.png">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(64, 64) });
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    const p = await openPanel(s);
    await p.getByTestId('history').waitFor();

    // 4,000 tokens of Markdown in 800 chunks of 5 tokens, 5 ms apart; each chunk carries a marker.
    const chunks = Array.from({ length: 800 }, (_, i) => `${i % 40 === 0 ? '\n\n## Part ' + i + '\n\n' : ''}word${i}a word${i}b *word${i}c* word${i}d m${i}z `);
    fake.plan = { chunks, delayMs: 5 };
    const sent = new Map<number, number>();
    const origWrite = fake['play'].bind(fake);
    fake['play'] = async (res: any, lines: string[], ...rest: [number]) => {
      const w = res.write.bind(res);
      res.write = (line: string) => {
        const m = /m(\d+)z/.exec(line);
        if (m) sent.set(Number(m[1]), Date.now());
        return w(line);
      };
      return origWrite(res, lines, ...rest);
    };
    await p.evaluate(() => {
      const w = window as any;
      w.__seen = new Map<number, number>();
      w.__long = [] as number[];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
      new MutationObserver(() => {
        const t = Date.now();
        const el = document.querySelector('[data-testid="answer-text"]');
        for (const m of (el?.textContent ?? '').matchAll(/m(\d+)z/g)) if (!w.__seen.has(Number(m[1]))) w.__seen.set(Number(m[1]), t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await p.waitForFunction(() => document.querySelector('[data-testid="answer"]')?.getAttribute('data-status') === 'done', null, { timeout: 60_000 });
    const { seen, long } = await p.evaluate(() => ({ seen: [...(window as any).__seen.entries()] as [number, number][], long: (window as any).__long as number[] }));
    const lat = seen.filter(([i]) => sent.has(i)).map(([i, t]) => t - sent.get(i)!);
    console.log('\n## P3 streaming a 4,000-token answer (800 chunks, 5 ms apart)');
    console.log(`chunk arrival → on screen: p50 ${pct(lat, 50)} ms, p95 ${pct(lat, 95)} ms, max ${Math.max(...lat)} ms (${lat.length} chunks seen)`);
    console.log(`long tasks in the panel: ${long.length}, longest ${long.length ? Math.max(...long).toFixed(0) : 0} ms`);

    // P4: 10,000 entries written straight into the same IndexedDB, then open and search.
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
    const t0 = Date.now();
    await p.reload();
    await p.waitForFunction(() => /10\d{3} answers/.test(document.querySelector('[data-testid="history-count"]')?.textContent ?? ''), null, { timeout: 30_000 });
    await p.getByTestId('history-item').first().waitFor();
    const openMs = Date.now() - t0;
    const nav = await p.evaluate(() => performance.now());
    const search = async (q: string) =>
      p.evaluate(async (q) => {
        const input = document.getElementById('history-search') as HTMLInputElement;
        const count = document.querySelector('[data-testid="history-count"]')!;
        const before = count.textContent;
        const t = performance.now();
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, q);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((r) => {
          const check = () => (count.textContent !== before ? r() : requestAnimationFrame(check));
          check();
        });
        return { ms: performance.now() - t, result: count.textContent };
      }, q);
    const s1 = await search('bridge');
    const s2 = await search('n4242');
    const s3 = await search('chart descriptive');
    console.log('\n## P4 history with 10,000 entries');
    console.log(`panel reload → list shown: ${openMs} ms (page clock at list: ${nav.toFixed(0)} ms)`);
    console.log(`search "bridge": ${s1.ms.toFixed(0)} ms (${s1.result}); "n4242": ${s2.ms.toFixed(0)} ms (${s2.result}); "chart descriptive": ${s3.ms.toFixed(0)} ms (${s3.result})`);
  } finally {
    await s.close();
    await fake.stop();
  }
}
