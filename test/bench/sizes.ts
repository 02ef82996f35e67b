import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The JS files an HTML entry loads: its module script and every chunk it imports. */
function closure(dir: string, entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const src = readFileSync(join(dir, entry), 'utf8');
  for (const m of src.matchAll(/(?:from\s*|import\s*\(?\s*|src=)["']([^"']+\.js)["']/g)) {
    const spec = m[1]!;
    const file = spec.startsWith('/') ? spec.slice(1) : relative(dir, resolve(dir, dirname(entry), spec));
    closure(dir, file, seen);
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
  const pageJs = (html: string) => [...closure(dir, html)].filter((f) => f.endsWith('.js'));
  console.log('## Sizes (production Chrome build)');
  console.log(`background (service worker): ${gz(['background.js'])}`);
  console.log(`side panel (all JS it loads): ${gz(pageJs('sidepanel.html'))}`);
  console.log(`options (all JS it loads):    ${gz(pageJs('options.html'))}`);
  console.log(`picker content script:        ${gz(['content-scripts/picker.js'])}`);
  const zip = readdirSync('.output').find((f) => f.endsWith('-chrome.zip'));
  if (zip) console.log(`zip: ${kb(statSync(join('.output', zip)).size)} (${zip})`);
}
