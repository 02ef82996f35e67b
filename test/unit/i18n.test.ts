import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { presetDisclaimer, presetTitle } from '../../components/preset-text';
import { templateLabel, templateNote } from '../../components/options/template-text';
import { english, t, tOr, tParts, tPlural } from '../../utils/i18n';
import { ASK_PRESET, BUILTIN_PRESETS } from '../../utils/settings/presets';
import { TEMPLATES } from '../../utils/settings/templates';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}
type Messages = Record<string, Message>;

const ROOT = resolve(__dirname, '../..');
const load = (lang: string) => JSON.parse(readFileSync(resolve(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Messages;
const en = load('en');
const de = load('de');
const LOCALES = { en, de };

/** `$NAME$` references in a message, lower-cased (Chrome matches placeholder names case-insensitively). */
const refs = (m: Message) => [...m.message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((x) => x[1]!.toLowerCase());
const defined = (m: Message) => Object.fromEntries(Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every message name the code passes as a literal: t('…'), tParts('…'), english('…'), getMessage('…'), and tPlural('…') bases. */
function usedNames(): { file: string; name: string }[] {
  const out: { file: string; name: string }[] = [];
  for (const file of ['components', 'entrypoints', 'utils'].flatMap((d) => sources(resolve(ROOT, d)))) {
    const src = readFileSync(file, 'utf8');
    const rel = relative(ROOT, file);
    for (const m of src.matchAll(/\b(t|tParts|english|getMessage|tPlural)\(\s*(['"`])([^'"`$]+)\2/g)) {
      const names = m[1] === 'tPlural' ? [`${m[3]}_one`, `${m[3]}_other`] : [m[3]!];
      out.push(...names.map((name) => ({ file: rel, name })));
    }
  }
  return out;
}

describe('messages.json', () => {
  it('en and de have exactly the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(LOCALES))('%s: no message is empty, names are valid and unique ignoring case', (_lang, messages) => {
    expect(Object.entries(messages).filter(([, m]) => typeof m.message !== 'string' || !m.message.trim()).map(([k]) => k)).toEqual([]);
    for (const name of Object.keys(messages)) expect(name).toMatch(/^(?!@@)[A-Za-z0-9_@]+$/);
    const lower = Object.keys(messages).map((k) => k.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it.each(Object.entries(LOCALES))('%s: every $NAME$ in a message is defined in its placeholders (Chrome refuses to load otherwise)', (_lang, messages) => {
    const undefinedRefs = Object.entries(messages).flatMap(([k, m]) => refs(m).filter((r) => !(r in defined(m))).map((r) => `${k}: $${r}$`));
    expect(undefinedRefs).toEqual([]);
  });

  it('every placeholder used in en exists in de, with the same substitution, and is used there', () => {
    const problems: string[] = [];
    for (const [key, m] of Object.entries(en)) {
      const d = de[key];
      if (!d) continue; // reported by the key test
      for (const r of refs(m)) {
        if (defined(d)[r] !== defined(m)[r]) problems.push(`${key}: $${r}$ is ${defined(m)[r]} in en, ${defined(d)[r]} in de`);
        if (!refs(d).includes(r)) problems.push(`${key}: de does not use $${r}$`);
      }
      if (/\$[1-9]/.test(m.message) !== /\$[1-9]/.test(d.message)) problems.push(`${key}: direct $n substitutions differ`);
    }
    expect(problems).toEqual([]);
  });

  it('every message name used in components/, entrypoints/ and utils/ exists in en', () => {
    const used = usedNames();
    expect(used.length).toBeGreaterThan(100); // the scan finds the code's calls
    expect(used.filter((u) => !(u.name in en)).map((u) => `${u.file}: ${u.name}`)).toEqual([]);
  });

  it('every built-in preset has a titleKey whose English text is its title; keys exist in both languages', () => {
    for (const p of [...BUILTIN_PRESETS, ASK_PRESET]) {
      expect(p.titleKey, p.id).toBeTruthy();
      expect(en[p.titleKey!]?.message, p.id).toBe(p.title);
      expect(de[p.titleKey!]?.message, p.id).toBeTruthy();
      if (p.disclaimer) expect(en[p.disclaimerKey!]?.message, p.id).toBe(p.disclaimer);
    }
  });
});

describe('t()', () => {
  afterEach(() => vi.restoreAllMocks());

  it('falls back to the English text, with substitutions, when the platform has none', () => {
    expect(t('emptyHeading')).toBe('No captures yet');
    expect(t('deleteRow', 'describe · 1/1/2025')).toBe('Delete: describe · 1/1/2025');
    expect(t('tokenUsage', 12, 3)).toBe('12 in / 3 out tokens');
    expect(t('answerFailed', '')).toBe('Answer failed. ');
    vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
    expect(t('saved', 'Cloud')).toBe('Saved “Cloud”.');
  });

  it('uses the platform message when there is one, passing substitutions as strings', () => {
    const spy = vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('Gespeichert');
    expect(t('saved', 'Cloud')).toBe('Gespeichert');
    expect(spy).toHaveBeenCalledWith('saved', ['Cloud']);
  });

  it('tPlural picks _one or _other; tParts splits around substitutions; tOr checks the name', () => {
    expect(tPlural('historyCount', 1)).toBe('1 answer');
    expect(tPlural('historyCount', 0)).toBe('0 answers');
    expect(tPlural('historyCount', 10_000)).toBe('10000 answers');
    expect(tPlural('storageDropped', 2)).toMatch(/copies of 2 older images\. Their thumbnails/);
    expect(tParts('emptyHint', 2)).toEqual(['Right-click an image on a page and choose ', 0, ', use ', 1, ', or paste or drop an image here.']);
    expect(tOr('menuDescribe', 'x')).toBe('Describe image');
    expect(tOr('notAKey', 'My preset')).toBe('My preset');
    expect(tOr(undefined, 'My preset')).toBe('My preset');
  });

  it('preset titles: built-ins translated (also stored copies without a key), renamed ones as written', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string) => (name === 'presetDiagram' ? 'Diagramm als Code' : '')) as typeof browser.i18n.getMessage);
    expect(presetTitle({ id: 'diagram', title: 'Diagram to code', titleKey: 'presetDiagram' })).toBe('Diagramm als Code');
    expect(presetTitle({ id: 'diagram', title: 'Diagram to code' })).toBe('Diagramm als Code');
    expect(presetTitle({ id: 'diagram', title: 'My flowcharts' })).toBe('My flowcharts');
    expect(presetTitle({ id: 'count', title: 'Count the squares' })).toBe('Count the squares');
    expect(presetDisclaimer(BUILTIN_PRESETS.find((p) => p.id === 'medical')!)).toMatch(/not medical advice/);
    expect(presetDisclaimer({ id: 'x' })).toBe('');
  });

  it('every profile template text has a translation whose English is still the template text', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('TRANSLATED');
    for (const tpl of TEMPLATES) expect(templateNote(tpl), tpl.id).toBe('TRANSLATED');
    const brandOnly = TEMPLATES.filter((tpl) => templateLabel(tpl) !== 'TRANSLATED').map((tpl) => tpl.label);
    expect(brandOnly).toEqual(['GPT-6.2 Sol (OpenAI)', 'Claude (Anthropic)', 'Gemini (Google)']);
    expect(english('templateBlank')).toBe('Blank profile');
  });
});
