import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { describe, expect, it } from 'vitest';
import { SDK_RESOURCES_USED, trimSdkResources } from '../../wxt.config';

const root = (pkg: string) => join(process.cwd(), 'node_modules', pkg);
const load = (file: string) => (trimSdkResources().load as (id: string) => Promise<string | null>)(file);

async function exportNames(src: string) {
  await init;
  return parse(src)[1].map((e) => e.n).sort();
}

describe('the build trims SDK resources Glimpse never calls', () => {
  it('every resource the providers call is kept', () => {
    const dir = 'utils/providers';
    const used = new Set<string>();
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/client(?:\(cfg\))?\.(\w+)\.\w+/g)) used.add(`${f.startsWith('anthropic') ? '@anthropic-ai/sdk' : 'openai'}:${m[1]}`);
    }
    expect([...used].sort()).toEqual(['@anthropic-ai/sdk:messages', '@anthropic-ai/sdk:models', 'openai:chat', 'openai:models']);
    expect(SDK_RESOURCES_USED.openai!.test('chat/completions/completions.mjs')).toBe(true);
    expect(SDK_RESOURCES_USED.openai!.test('models.mjs')).toBe(true);
    expect(SDK_RESOURCES_USED['@anthropic-ai/sdk']!.test('messages/messages.mjs')).toBe(true);
    expect(SDK_RESOURCES_USED['@anthropic-ai/sdk']!.test('models.mjs')).toBe(true);
  });

  it('an unused resource keeps its export names but loses its code', async () => {
    const file = join(root('openai'), 'resources/audio/audio.mjs');
    const original = readFileSync(file, 'utf8');
    const trimmed = (await load(file))!;
    expect(await exportNames(trimmed)).toEqual(await exportNames(original));
    expect(trimmed.length).toBeLessThan(original.length / 2);
    expect(trimmed).not.toContain('APIResource');
  });

  it('used resources and index modules load untouched', async () => {
    expect(await load(join(root('openai'), 'resources/chat/completions/completions.mjs'))).toBeNull();
    expect(await load(join(root('@anthropic-ai/sdk'), 'resources/messages/messages.mjs'))).toBeNull();
    expect(await load(join(root('openai'), 'resources/index.mjs'))).toBeNull();
    expect(await load(join(root('openai'), 'client.mjs'))).toBeNull();
  });
});
