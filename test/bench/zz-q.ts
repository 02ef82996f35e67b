import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { readJpeg } from '../../utils/image/sniff-formats';
const files = execSync("find ../shared/corpus -name '*.jpg' -o -name '*.jpeg'").toString().trim().split('\n');
const b = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium' });
const page = await b.newPage();
for (const f of files) {
  const bytes = readFileSync(f);
  const j = readJpeg(new Uint8Array(bytes));
  const r = await page.evaluate(async (b64) => {
    try {
      const bmp = await createImageBitmap(await (await fetch(`data:image/jpeg;base64,${b64}`)).blob());
      if (bmp.width * bmp.height > 40e6) return { ratio: -1 };
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      c.getContext('2d')!.drawImage(bmp, 0, 0);
      const out = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      return { ratio: out.size, w: bmp.width, h: bmp.height };
    } catch (e) { return { ratio: -2 }; }
  }, bytes.toString('base64'));
  const ratio = r.ratio > 0 ? (r.ratio / bytes.length).toFixed(2) : String(r.ratio);
  console.log(`${String(j.quality).padStart(4)} ${j.chromaSubsampled ? '420' : '444'} ${ratio.padStart(6)} ${(bytes.length >> 10).toString().padStart(6)}KB ${f.replace('../shared/corpus/', '')}`);
}
await b.close();
