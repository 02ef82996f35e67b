import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The JS files an HTML entry loads: its module script and every chunk it imports (with `lazy`, also those it imports on demand). */
function closure(dir: string, entry: string, lazy: boolean, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const src = readFileSync(join(dir, entry), 'utf8');
  const pattern = lazy ? /(?:from\s*|import\s*\(?\s*|src=)["'`]([^"'`]+\.js)["'`]/g : /(?:from\s*|import\s*|src=)["']([^"']+\.js)["']/g;
  for (const m of src.matchAll(pattern)) {
    const spec = m[1]!;
    const file = spec.startsWith('/') ? spec.slice(1) : relative(dir, resolve(dir, dirname(entry), spec));
    closure(dir, file, lazy, seen);
  }
  return seen;
}

/** P5: built sizes, raw and gzip, of the production Chrome build and its zip. */
export function sizes(): void {
  execSync('npx wxt build && npx wxt zip', { stdio: 'ignore' });
  const dir = '.output/chrome-mv3';
  const gz = (files: Iterable<string>) => {
    let raw = 0;
    let zipped = 0;
    for (const f of files) {
      const b = readFileSync(join(dir, f));
      raw += b.length;
      zipped += gzipSync(b, { level: 9 }).length;
    }
    return `${kb(raw)} raw, ${kb(zipped)} gzip`;
  };
  const pageJs = (html: string, lazy = false) => [...closure(dir, html, lazy)].filter((f) => f.endsWith('.js'));
  console.log('## Sizes (production Chrome build)');
  console.log(`background (service worker): ${gz(['background.js'])}`);
  console.log(`side panel (JS loaded to open): ${gz(pageJs('sidepanel.html'))}; with everything loaded on demand: ${gz(pageJs('sidepanel.html', true))}`);
  console.log(`options (JS loaded to open):    ${gz(pageJs('options.html'))}; with everything loaded on demand: ${gz(pageJs('options.html', true))}`);
  console.log(`offscreen decoder (JS):   ${gz(pageJs('offscreen.html'))}`);
  console.log(`picker content script:        ${gz(['content-scripts/picker.js'])}`);
  const zip = readdirSync('.output').find((f) => f.endsWith('-chrome.zip'));
  if (zip) console.log(`zip: ${kb(statSync(join('.output', zip)).size)} (${zip})`);
}
