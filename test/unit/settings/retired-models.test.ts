import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelStatus, RETIREMENTS } from '../../../utils/settings/retired-models';
import { DEFAULT_PRICES } from '../../../utils/settings/pricing';
import { TEMPLATES } from '../../../utils/settings/templates';
import anthropic from '../../../utils/providers/anthropic.provider';
import gemini from '../../../utils/providers/gemini.provider';
import openai from '../../../utils/providers/openai.provider';

describe('modelStatus', () => {
  it('claude-sonnet-4-5 was retired on 2026-11-30 (Anthropic SDK 1.12.0), its snapshot and routed ids too', () => {
    for (const id of ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5@20250929'])
      expect(modelStatus(id, '2026-12-03'), id).toMatchObject({ retires: '2026-11-30', replacement: 'claude-sonnet-5-5', retired: true });
  });
  it('a date still ahead is announced, not retired', () => {
    expect(modelStatus('gpt-4o', '2026-12-03')).toMatchObject({ retires: '2027-01-14', retired: false });
    expect(modelStatus('gpt-4o', '2027-01-14')).toMatchObject({ retired: true });
  });
  it('never mistakes a different model that shares a prefix', () => {
    expect(modelStatus('claude-sonnet-4-6')).toBeUndefined();
    expect(modelStatus('claude-opus-4-5-mini')).toBeUndefined();
    expect(modelStatus('gpt-4o-mini', '2026-12-03')?.model).toBe('gpt-4o-mini');
    expect(modelStatus('gpt-5.5')).toBeUndefined();
    expect(modelStatus('gemini-2.5-flash-lite')).toBeUndefined();
    expect(modelStatus('')).toBeUndefined();
  });
  it('every replacement is itself current and priced, and no default or template model is retired or retiring', () => {
    for (const r of RETIREMENTS) {
      expect(modelStatus(r.replacement), r.replacement).toBeUndefined();
      expect(DEFAULT_PRICES[r.replacement], r.replacement).toBeDefined();
    }
    const models = [anthropic.defaultModel, gemini.defaultModel, openai.defaultModel, ...TEMPLATES.map((t) => t.model)].filter(Boolean);
    for (const m of models) expect(modelStatus(m, '2026-12-03'), m).toBeUndefined();
  });
  it('no text a user reads suggests a retired or retiring model (messages in every language, template notes)', () => {
    const texts = ['en', 'de'].flatMap((l) => Object.values(JSON.parse(readFileSync(`public/_locales/${l}/messages.json`, 'utf8')) as Record<string, { message: string }>).map((m) => m.message));
    texts.push(...TEMPLATES.map((t) => t.note ?? ''));
    const named = texts.flatMap((t) => t.match(/\b(?:[\w.-]+\/)?(?:gpt|claude|gemini|o\d)-[\w.-]*\w/g) ?? []);
    expect(named.length).toBeGreaterThan(3);
    for (const m of named) expect(modelStatus(m, '2026-12-03'), m).toBeUndefined();
  });
});
