// Real-key benchmark hooks (not part of CI). They call a real provider with YOUR key over the corpus:
//   GLIMPSE_PROVIDER=openai GLIMPSE_MODEL=gpt-4o GLIMPSE_KEY=sk-... npm run bench:charts
//   GLIMPSE_PROVIDER=anthropic GLIMPSE_MODEL=claude-sonnet-5-5 GLIMPSE_KEY=... npm run bench:alt
// Optional: GLIMPSE_BASE_URL (defaults to the provider's), GLIMPSE_CORPUS (defaults to ../shared/corpus), GLIMPSE_LIMIT=n.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { altTextPrompt, parseAltResult } from '../../utils/alt-text/prompt';
import { bytesToBase64 } from '../../utils/base64';
import { scoreTable } from '../../utils/chart/compare';
import { parseChartTable } from '../../utils/chart/schema';
import { BUILTIN_PRESETS } from '../../utils/settings/presets';
import type { ProviderDefinition } from '../../utils/providers/types';

export interface HookConfig {
  provider: ProviderDefinition;
  baseUrl: string;
  apiKey: string;
  model: string;
  corpus: string;
  limit: number;
}

async function ask(cfg: HookConfig, bytes: Buffer, mime: string, prompt: string): Promise<string> {
  let text = '';
  const ctl = new AbortController();
  const stream = cfg.provider.stream(
    { baseUrl: cfg.baseUrl, apiKey: cfg.apiKey, model: cfg.model },
    { model: cfg.model, maxTokens: 2048, turns: [{ role: 'user', text: prompt, images: [{ mime, base64: bytesToBase64(bytes) }] }] },
    ctl.signal,
  );
  for await (const ev of stream) if (ev.type === 'text') text += ev.text;
  return text;
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Chart → table over every corpus chart: cell accuracy against the true table (5 % tolerance). */
export async function benchCharts(cfg: HookConfig): Promise<{ name: string; accuracy: number; error?: string }[]> {
  const dir = `${cfg.corpus}/charts`;
  const prompt = BUILTIN_PRESETS.find((p) => p.id === 'table')!.prompt;
  const out: { name: string; accuracy: number; error?: string }[] = [];
  for (const f of readdirSync(`${dir}/png`).filter((n) => n.endsWith('.png')).slice(0, cfg.limit)) {
    const name = f.replace(/\.png$/, '');
    const truth = Papa.parse<string[]>(readFileSync(`${dir}/truth/${name}.csv`, 'utf8').trim()).data.slice(1);
    const parsed = parseChartTable(await ask(cfg, readFileSync(`${dir}/png/${f}`), 'image/png', prompt));
    const row = parsed.ok
      ? { name, accuracy: scoreTable(parsed.table.rows.map((r) => r.map((c) => c.value)), truth).accuracy }
      : { name, accuracy: 0, error: parsed.error };
    out.push(row);
    console.log(`${name.padEnd(34)} ${(row.accuracy * 100).toFixed(1)} %${row.error ? `  (${row.error})` : ''}`);
  }
  const mean = out.reduce((a, r) => a + r.accuracy, 0) / (out.length || 1);
  console.log(`mean cell accuracy over ${out.length} charts: ${(mean * 100).toFixed(1)} %`);
  return out;
}

/** Alt text over Concadia: length and word overlap with the human-written Wikipedia alt text. */
export async function benchAlt(cfg: HookConfig): Promise<{ image: string; overlap: number; lengthRatio: number }[]> {
  const dir = `${cfg.corpus}/captions/concadia`;
  const out: { image: string; overlap: number; lengthRatio: number }[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).slice(0, cfg.limit)) {
    const item = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { image: string; alt_text: string; caption: string; context_paragraph: string; wikipedia_article: string };
    const prompt = altTextPrompt({ figcaption: item.caption, paragraph: item.context_paragraph, pageTitle: item.wikipedia_article, pageLang: 'en' });
    const alt = parseAltResult(await ask(cfg, readFileSync(`${dir}/${item.image}`), 'image/jpeg', prompt)).short;
    const a = words(alt);
    const h = words(item.alt_text);
    const overlap = [...a].filter((w) => h.has(w)).length / (new Set([...a, ...h]).size || 1);
    out.push({ image: item.image, overlap, lengthRatio: alt.length / (item.alt_text.length || 1) });
    console.log(`${item.image.padEnd(12)} overlap ${(overlap * 100).toFixed(0)} %  length ${alt.length}/${item.alt_text.length}  “${alt}”`);
  }
  const mean = (k: 'overlap' | 'lengthRatio') => out.reduce((s, r) => s + r[k], 0) / (out.length || 1);
  console.log(`mean word overlap (Jaccard) ${(mean('overlap') * 100).toFixed(1)} %, mean length ratio ${mean('lengthRatio').toFixed(2)}`);
  return out;
}

async function main() {
  const what = process.argv[2];
  const id = process.env.GLIMPSE_PROVIDER ?? 'openai';
  const provider = (await import(`../../utils/providers/${id}.provider.ts`)).default as ProviderDefinition;
  const cfg: HookConfig = {
    provider,
    baseUrl: process.env.GLIMPSE_BASE_URL ?? provider.defaultBaseUrl,
    apiKey: process.env.GLIMPSE_KEY ?? '',
    model: process.env.GLIMPSE_MODEL ?? provider.defaultModel,
    corpus: process.env.GLIMPSE_CORPUS ?? '../shared/corpus',
    limit: Number(process.env.GLIMPSE_LIMIT ?? Infinity),
  };
  if (!existsSync(cfg.corpus)) throw new Error(`No corpus at ${cfg.corpus}; set GLIMPSE_CORPUS.`);
  if (provider.keyRequired && !cfg.apiKey) throw new Error('Set GLIMPSE_KEY to your API key.');
  if (what === 'charts') await benchCharts(cfg);
  else if (what === 'alt') await benchAlt(cfg);
  else throw new Error('Usage: jiti test/bench/real-key.ts charts|alt');
}

if (process.argv[1]?.endsWith('real-key.ts')) await main();
