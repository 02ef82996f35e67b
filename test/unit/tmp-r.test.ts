import { it } from 'vitest';
import { targetSize, openaiPatchSize } from '../../utils/image/resize';
it('x', () => {
  const bad: Record<string, number> = {}; const ex: any[] = [];
  const provs: [string,string][] = [['openai','gpt-4o'],['openai','gpt-4.1-mini'],['anthropic','c'],['gemini','g'],['ollama','o'],['openai-compatible','x']];
  const mark = (k: string, e: any) => { bad[k] = (bad[k] ?? 0) + 1; if (ex.length < 12) ex.push([k, e]); };
  for (let w = 1; w <= 6000; w += 7) for (let h = 1; h <= 6000; h += 13) for (const [p,m] of provs) {
    const o = targetSize(p, m, {width:w,height:h});
    if (o.width > w || o.height > h) mark('upscale-'+p+m, [w,h,o]);
    if (Math.max(o.width,o.height) > 2048 || o.width < 1 || o.height < 1) mark('cap', [p,w,h,o]);
    if (p==='anthropic') { const pt = Math.ceil(o.width/28)*Math.ceil(o.height/28); if (pt > 1568 || Math.max(o.width,o.height) > 1568) mark('anth',[w,h,o,pt]); }
    if (m==='gpt-4.1-mini' && Math.min(w,h) >= 32) { const pt = Math.ceil(o.width/32)*Math.ceil(o.height/32); if (pt > 1536) mark('patch',[w,h,o,pt]); }
  }
  console.log(JSON.stringify(bad), JSON.stringify(ex));
  console.log(openaiPatchSize({width:1800,height:2400}), openaiPatchSize({width:100000,height:10}), openaiPatchSize({width:855,height:1795}));
});
