import { launch, openPanel } from '../e2e/harness';
const s = await launch();
try {
  const p = await openPanel(s);
  await p.getByTestId('history').waitFor();
  const url = p.url();
  await p.close();
  const agg = new Map<string, number>();
  const fns = new Map<string, number>();
  for (let run = 0; run < 4; run++) {
    const q = await s.ctx.newPage();
    const cdp = await s.ctx.newCDPSession(q);
    await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
    await q.goto(url, { waitUntil: 'commit' });
    await q.getByTestId('history-count').waitFor();
    await q.waitForFunction(() => ((window as any).__glimpseMarks ?? []).some(([n]: [string]) => n === 'list-read'));
    const { profile } = await cdp.send('Profiler.stop') as any;
    const dt = profile.timeDeltas as number[];
    const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
    const parent = new Map<number, number>(); profile.nodes.forEach((n: any) => (n.children ?? []).forEach((c: number) => parent.set(c, n.id)));
    profile.samples.forEach((id: number, i: number) => {
      const n: any = byId.get(id);
      // attribute to the chunk of the nearest frame with a url
      let m: any = n; while (m && !m.callFrame.url && parent.has(m.id)) m = byId.get(parent.get(m.id)!);
      const k = (n.callFrame.url ? n.callFrame.url.split('/').pop() : (m?.callFrame.url?.split('/').pop() ?? '') + ' ' + n.callFrame.functionName) || n.callFrame.functionName;
      agg.set(k, (agg.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
      const f = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
      fns.set(f, (fns.get(f) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    await q.close();
  }
  console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${(v / 4).toFixed(1).padStart(7)} ms ${k}`).join('\n'));
  console.log('---');
  console.log([...fns].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 4).toFixed(1).padStart(7)} ms ${k}`).join('\n'));
} finally { await (s as any).close?.(); }
process.exit(0);
