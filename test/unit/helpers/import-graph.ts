import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';

export interface ImportRef {
  spec: string;
  /** `import type …` / `export type … from` statements are erased by TypeScript and load nothing. */
  typeOnly: boolean;
}

/** Every module specifier a TS/TSX source refers to, including dynamic imports and import.meta.glob. */
export function importsOf(source: string): ImportRef[] {
  const out: ImportRef[] = [];
  const add = (spec: string, typeOnly = false) => out.push({ spec, typeOnly });
  // Static imports and re-exports start a line (so `// import …` in a comment does not count).
  for (const m of source.matchAll(/^[ \t]*import\s+(type\s+)?[^'"();]*?\bfrom\s*['"]([^'"]+)['"]/gm)) add(m[2]!, !!m[1]);
  for (const m of source.matchAll(/^[ \t]*import\s*['"]([^'"]+)['"]/gm)) add(m[1]!);
  for (const m of source.matchAll(/^[ \t]*export\s+(type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/gm)) add(m[2]!, !!m[1]);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1]!);
  for (const m of source.matchAll(/\bimport\.meta\.glob(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g)) add(`glob:${m[1]}`);
  return out;
}

const EXTS = ['.ts', '.tsx', '.mts', '.js', '/index.ts', '/index.tsx'];

export interface Graph {
  root: string;
  /** Runtime edges: file (relative to root) → files it loads, and bare packages it loads. */
  files: Map<string, { local: string[]; packages: string[] }>;
}

/** Resolves a relative or aliased (`@/`, `~/`) specifier to a root-relative file, or undefined. */
function resolveLocal(root: string, fromFile: string, spec: string, read: (p: string) => string | undefined): string[] {
  if (spec.startsWith('glob:')) {
    const pattern = spec.slice(5);
    const dir = resolve(root, dirname(fromFile), dirname(pattern));
    const re = new RegExp(`^${posix.basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((f) => re.test(f)).map((f) => relative(root, join(dir, f)));
  }
  let base: string;
  if (spec.startsWith('.')) base = resolve(root, dirname(fromFile), spec);
  else if (/^(@|~)\//.test(spec)) base = resolve(root, spec.slice(2));
  else return [];
  for (const ext of ['', ...EXTS]) {
    const p = relative(root, base + ext);
    if (read(p) !== undefined) return [p];
  }
  return [];
}

/** Builds the runtime import graph reachable from `entries`, reading files through `read`. */
export function buildGraph(root: string, entries: string[], read: (rel: string) => string | undefined): Graph {
  const files: Graph['files'] = new Map();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    const src = read(file) ?? '';
    const node = { local: [] as string[], packages: [] as string[] };
    files.set(file, node);
    if (!/\.(ts|tsx|mts|js)$/.test(file)) continue; // CSS and other assets load nothing further
    for (const ref of importsOf(src)) {
      if (ref.typeOnly) continue;
      const local = resolveLocal(root, file, ref.spec, read);
      if (local.length) {
        node.local.push(...local);
        queue.push(...local);
      } else if (!ref.spec.startsWith('.') && !ref.spec.startsWith('glob:')) {
        node.packages.push(ref.spec);
      }
    }
  }
  return { root, files };
}

/** A path through the graph from `entry` to the first module that matches `bad`, or undefined. */
export function findPath(graph: Graph, entry: string, bad: (mod: string, isPackage: boolean) => boolean): string[] | undefined {
  const prev = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const node = graph.files.get(file);
    if (!node) continue;
    const chain = () => {
      const out: string[] = [];
      for (let f: string | null | undefined = file; f; f = prev.get(f)) out.unshift(f);
      return out;
    };
    for (const pkg of node.packages) if (bad(pkg, true)) return [...chain(), pkg];
    for (const next of node.local) {
      if (prev.has(next)) continue;
      prev.set(next, file);
      if (bad(next, false)) return [...chain(), next];
      queue.push(next);
    }
  }
  return undefined;
}

/** Every source file under `dir` (relative to root), recursively. */
export function sourceFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const rel = posix.join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return sourceFiles(root, rel);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

export const diskReader = (root: string) => (rel: string) => {
  const p = join(root, rel);
  return existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
};

/**
 * Every import circle among local files, as one path per strongly connected group (Tarjan), closed back
 * on its first file: `a → b → a`. Dynamic imports count: a lazy chunk that imports its importer is still a circle.
 */
export function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.files.get(v)?.local ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    const selfLoop = graph.files.get(v)?.local.includes(v);
    if (group.length > 1 || selfLoop) groups.push(group);
  };
  for (const f of graph.files.keys()) if (!index.has(f)) visit(f);
  // Show each circle as a walk through its group, so the message names the imports to break.
  return groups.map((group) => {
    const members = new Set(group);
    const start = [...group].sort()[0]!;
    const prev = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const f = queue.shift()!;
      for (const n of graph.files.get(f)?.local ?? []) {
        if (!members.has(n)) continue;
        if (n === start) {
          const path = [start];
          for (let x: string | undefined = f; x && x !== start; x = prev.get(x)) path.splice(1, 0, x);
          return [...path, start];
        }
        if (prev.has(n)) continue;
        prev.set(n, f);
        queue.push(n);
      }
    }
    return [start, start];
  });
}
