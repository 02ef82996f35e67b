import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_ITEMS } from '../../utils/worker/menus';
import { BUILTIN_PRESETS, menuIdFor } from '../../utils/settings/presets';
import { getProvider, providers } from '../../utils/providers/registry';
import type { ProviderDefinition } from '../../utils/providers/types';
import { buildGraph, diskReader, findCycles, findPath, importsOf, sourceFiles, type Graph } from './helpers/import-graph';

const ROOT = resolve(__dirname, '../..');
const read = diskReader(ROOT);
const ALL = [...sourceFiles(ROOT, 'entrypoints'), ...sourceFiles(ROOT, 'components'), ...sourceFiles(ROOT, 'utils')];
// Every source file is an entry, so an import is followed from wherever it starts.
const graph = buildGraph(ROOT, ALL, read);

const under = (...dirs: string[]) => (f: string) => dirs.some((d) => f.startsWith(d));
const isReact = (mod: string, isPackage: boolean) =>
  isPackage && /^(react|react-dom|dexie-react-hooks|@testing-library\/react)(\/|$)/.test(mod);

/** Every file in `from` whose runtime imports, followed transitively, reach a forbidden module. */
function violations(g: Graph, from: (f: string) => boolean, bad: (mod: string, isPackage: boolean) => boolean): string[] {
  return [...g.files.keys()]
    .filter(from)
    .map((f) => findPath(g, f, bad))
    .filter((p): p is string[] => !!p)
    .map((p) => p.join(' → '));
}

const PAGE_SCRIPT = (f: string) =>
  f.startsWith('utils/picker/') || f === 'entrypoints/pointer.ts' || f === 'utils/labels/page.ts' || /^entrypoints\/[^/]+\.content\.tsx?$/.test(f) || /^entrypoints\/[^/]+\.content\/index\.tsx?$/.test(f);

const RULES: [string, (f: string) => boolean, (mod: string, isPackage: boolean) => boolean][] = [
  ['components/ and the side panel never load utils/providers/', under('components/', 'entrypoints/sidepanel/'), (m, pkg) => !pkg && m.startsWith('utils/providers/')],
  ['utils/providers/ never loads utils/store/ or utils/capture/', under('utils/providers/'), (m, pkg) => !pkg && (m.startsWith('utils/store/') || m.startsWith('utils/capture/'))],
  ['utils/image/ never loads utils/providers/', under('utils/image/'), (m, pkg) => !pkg && m.startsWith('utils/providers/')],
  ['background.ts and utils/ never load components/ or React', (f) => f === 'entrypoints/background.ts' || f.startsWith('utils/'), (m, pkg) => (!pkg && m.startsWith('components/')) || isReact(m, pkg)],
  [
    'utils/picker/ and page scripts (content scripts, the right-click recorder) never load settings, the store or wxt storage',
    PAGE_SCRIPT,
    (m, pkg) => (!pkg && (m.startsWith('utils/settings/') || m.startsWith('utils/store/'))) || (pkg && /^wxt\/utils\/storage/.test(m)),
  ],
];

describe('import rules (followed transitively, type-only imports excluded)', () => {
  it('finds the source tree and follows imports between its parts', () => {
    expect(ALL).toContain('entrypoints/background.ts');
    expect(ALL.some((f) => f.startsWith('components/'))).toBe(true);
    // background → jobs/answer → providers/registry → (glob) every *.provider.ts
    expect(findPath(graph, 'entrypoints/background.ts', (m) => m === 'utils/providers/openai.provider.ts')).toBeDefined();
    expect(ALL.some((f) => /^entrypoints\/[^/]+\.content\.ts$/.test(f))).toBe(true);
    expect(ALL).toContain('entrypoints/pointer.ts');
  });

  it.each(RULES)('%s', (_name, from, bad) => {
    expect(violations(graph, from, bad)).toEqual([]);
  });

  it('the checker catches an indirect import and ignores a type-only one', () => {
    const fake = new Map<string, string>([
      ['components/Panel.tsx', "import { useState } from 'react';\nimport { helper } from '../utils/helper';\nimport type { X } from '../utils/providers/types';"],
      ['utils/helper.ts', "import {\n  thing,\n} from './middle';\nexport const helper = 1;"],
      ['utils/middle.ts', "export { thing } from './providers/openai.provider';"],
      ['utils/providers/types.ts', 'export interface X {}'],
      ['utils/providers/openai.provider.ts', "// import '../store/db';\nexport const thing = 1;"],
      ['utils/store/db.ts', 'export const db = 1;'],
      ['utils/picker/overlay.ts', "const m = await import('../settings/items');"],
      ['utils/settings/items.ts', "import { storage } from 'wxt/utils/storage';"],
    ]);
    const g = buildGraph('/virtual', [...fake.keys()], (p) => fake.get(p));
    const [providersRule, dbRule, , reactRule, settingsRule] = RULES;
    expect(violations(g, providersRule![1], providersRule![2])).toEqual([
      'components/Panel.tsx → utils/helper.ts → utils/middle.ts → utils/providers/openai.provider.ts',
    ]);
    expect(violations(g, dbRule![1], dbRule![2])).toEqual([]); // the commented-out import does not count
    expect(violations(g, settingsRule![1], settingsRule![2])).toEqual(['utils/picker/overlay.ts → utils/settings/items.ts']);
    expect(violations(g, (f) => f.startsWith('components/'), reactRule![2])).toEqual(['components/Panel.tsx → react']);
  });

  it('parses every import form used in the code base', () => {
    const refs = importsOf(
      "import a from 'a';\nimport type { B } from 'b';\nimport { type C, d } from 'c';\nimport 'e.css';\n" +
        "export * from 'f';\nexport type { G } from 'g';\nconst h = import('h');\nimport.meta.glob<{ x: 1 }>('./*.provider.ts');",
    );
    expect(refs).toEqual(
      expect.arrayContaining([
        { spec: 'a', typeOnly: false }, { spec: 'b', typeOnly: true }, { spec: 'c', typeOnly: false }, { spec: 'e.css', typeOnly: false },
        { spec: 'f', typeOnly: false }, { spec: 'g', typeOnly: true }, { spec: 'h', typeOnly: false }, { spec: 'glob:./*.provider.ts', typeOnly: false },
      ]),
    );
    expect(refs).toHaveLength(8);
  });
});

describe('layout (README → Architecture)', () => {
  const list = (dir: string, kind: 'dirs' | 'files') =>
    readdirSync(resolve(ROOT, dir)).filter((n) => statSync(resolve(ROOT, dir, n)).isDirectory() === (kind === 'dirs')).sort();
  /** What every context shares; anything else belongs in the folder of the part that owns it. */
  const UTILS_TOP = ['base64.ts', 'i18n.ts', 'marks.ts', 'messages.ts'];
  const UTILS_DIRS = ['alt-text', 'answers', 'audit', 'capture', 'chart', 'decoder', 'image', 'jobs', 'labels', 'picker', 'providers', 'settings', 'store', 'worker'];
  /** Shared hooks, the announcer and the helpers both pages use; each page's own parts live in its folder. */
  const COMPONENTS_TOP = ['Announcer.tsx', 'all-sites.ts', 'hooks.ts', 'preset-text.ts', 'styles.css', 'useAnnouncer.ts'];

  it('utils/ holds only the shared files at its top, and the owning folders', () => {
    expect(list('utils', 'files')).toEqual(UTILS_TOP);
    expect(list('utils', 'dirs')).toEqual(UTILS_DIRS);
  });

  it('every folder of utils/ has its test folder in test/unit/, and test/unit/ has no folder without code', () => {
    const utilsDirs = list('utils', 'dirs');
    const testDirs = list('test/unit', 'dirs').filter((d) => d !== 'helpers');
    expect(utilsDirs.filter((d) => !testDirs.includes(d))).toEqual([]);
    expect(testDirs.filter((d) => !utilsDirs.includes(d))).toEqual([]);
    for (const d of utilsDirs) expect(sourceFiles(ROOT, `test/unit/${d}`).length, `test/unit/${d}`).toBeGreaterThan(0);
  });

  it('components/ is split by the page it serves: panel/, options/ and views/', () => {
    expect(list('components', 'dirs')).toEqual(['options', 'panel', 'views']);
    expect(list('components', 'files')).toEqual(COMPONENTS_TOP);
  });

  it('the options page and the panel never load each other\'s own components', () => {
    expect(violations(graph, under('components/panel/', 'entrypoints/sidepanel/'), (m, pkg) => !pkg && m.startsWith('components/options/'))).toEqual([]);
    expect(violations(graph, under('components/options/', 'entrypoints/options/'), (m, pkg) => !pkg && m.startsWith('components/panel/'))).toEqual([]);
    expect(violations(graph, under('components/views/'), (m, pkg) => !pkg && /^components\/(panel|options)\//.test(m))).toEqual([]);
  });

  it('no import circle, static or dynamic, between any files', () => {
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('the circle check finds a circle through a dynamic import, and names it', () => {
    const fake = new Map<string, string>([
      ['utils/store/history.ts', "import { a } from './schema';\nexport const FORMAT = 1;"],
      ['utils/store/schema.ts', "const h = await import('./history');\nimport type { T } from './types';"],
      ['utils/store/types.ts', "import { FORMAT } from './schema';"],
      ['utils/store/alone.ts', "import { x } from './history';"],
    ]);
    const g = buildGraph('/virtual', [...fake.keys()], (f) => fake.get(f));
    expect(findCycles(g)).toEqual([['utils/store/history.ts', 'utils/store/schema.ts', 'utils/store/history.ts']]);
    fake.set('utils/store/schema.ts', "import type { T } from './history';");
    expect(findCycles(buildGraph('/virtual', [...fake.keys()], (f) => fake.get(f)))).toEqual([]);
  });
});

describe('provider registry', () => {
  const providerDir = sourceFiles(ROOT, 'utils/providers');
  const modules = import.meta.glob<{ default: ProviderDefinition }>('../../utils/providers/*.provider.ts', { eager: true });

  it('a file default-exports a provider definition if and only if it is named *.provider.ts', () => {
    for (const f of providerDir) {
      const src = readFileSync(resolve(ROOT, f), 'utf8');
      expect(/export\s+default\s+defineProvider\s*\(/.test(src), f).toBe(f.endsWith('.provider.ts'));
    }
  });

  it('every *.provider.ts default-exports a complete definition with a unique id, all registered', () => {
    const defs = Object.entries(modules).map(([path, m]) => [basename(path), m.default] as const);
    expect(defs.length).toBe(providerDir.filter((f) => f.endsWith('.provider.ts')).length);
    for (const [file, def] of defs) {
      expect(def, file).toMatchObject({ id: expect.stringMatching(/^[a-z0-9-]+$/), label: expect.any(String), defaultBaseUrl: expect.any(String) });
      expect(typeof def.stream, file).toBe('function');
      expect(typeof def.keyRequired, file).toBe('boolean');
      // Registered as itself, its stream wrapped in the answer-length cap (limits.ts).
      expect(getProvider(def.id)).toEqual({ ...def, stream: expect.any(Function) });
    }
    const ids = defs.map(([, d]) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(providers.map((p) => p.id)).toEqual(['openai', 'anthropic', 'gemini', 'ollama', 'openai-compatible', 'chrome-ai']);
  });
});

describe('menus', () => {
  it('MENU_ITEMS has the e2e-contract ids, each once', () => {
    const ids = MENU_ITEMS.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['describe', 'alt-text', 'table', 'transcribe', 'region', 'ask']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(BUILTIN_PRESETS.every((p) => ids.includes(menuIdFor(p)))).toBe(true);
    expect(ids).toContain('preset:receipt');
    expect(MENU_ITEMS.find((m) => m.id === 'region')?.contexts).toEqual(['all']);
    expect(MENU_ITEMS.find((m) => m.id === 'label-page')?.contexts).toEqual(['page']);
    expect(MENU_ITEMS.find((m) => m.id === 'describe')?.contexts).toEqual(expect.arrayContaining(['image']));
  });

  it.each(['en', 'de'])('every menu title key exists in _locales/%s', (lang) => {
    const messages = JSON.parse(readFileSync(resolve(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
    const missing = MENU_ITEMS.filter((m) => !m.title && !messages[m.titleKey]?.message).map((m) => m.id);
    expect(MENU_ITEMS.filter((m) => m.titleKey && !messages[m.titleKey]?.message).map((m) => m.titleKey)).toEqual([]);
    expect(missing).toEqual([]);
  });
});
