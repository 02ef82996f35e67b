import { resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(__dirname, '../../..');

/**
 * Bundles one module of the code base as an IIFE that sets `window[name]`, unminified, to load into a
 * real page: for code that needs a real engine (layout, DOMPurify) rather than happy-dom.
 */
export async function bundleForPage(entry: string, name: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: { write: false, minify: false, lib: { entry: resolve(ROOT, entry), formats: ['iife'], name, fileName: name } },
  });
  const bundle = (Array.isArray(out) ? out[0] : out) as { output: { code: string }[] } | undefined;
  const code = bundle?.output[0]?.code;
  if (!code) throw new Error(`vite produced no bundle for ${entry}`);
  return code;
}
