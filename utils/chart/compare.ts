import type { ChartTable } from './schema';

/** Parses "1,234.5", "12%", "$3.2", "−4" to a number; undefined for labels. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().replace(/[−–]/g, '-').replace(/[$€£¥%\s]/g, '').replace(/,(?=\d{3}\b)/g, '');
  if (!/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(s)) return undefined;
  return Number(s);
}

/** Equal within a relative tolerance for numbers; case- and space-insensitive for labels. */
export function sameCell(a: unknown, b: unknown, rel = 0.05): boolean {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return Math.abs(x - y) <= rel * Math.max(Math.abs(x), Math.abs(y), 1e-9) || Math.abs(x - y) < 1e-9;
  const norm = (v: unknown) => String(v ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

export interface Score {
  /** Share of truth cells matched by the extracted table. */
  accuracy: number;
  matched: number;
  total: number;
  /** Truth column → extracted column, -1 when none fits. */
  columnMap: number[];
}

/**
 * Cell-level accuracy of an extracted table against the true one. Label columns (category,
 * series) form each row's key; every other column is aligned to the extracted column that
 * agrees with it most.
 */
export function scoreTable(extracted: unknown[][], truth: unknown[][], rel = 0.05): Score {
  const tw = truth[0]?.length ?? 0;
  const ew = extracted[0]?.length ?? 0;
  const labelCols = [...Array(tw).keys()].filter((c) => truth.some((r) => r[c] !== '' && toNumber(r[c]) === undefined));
  // Each truth label column ↦ the extracted column sharing most of its values.
  const keyMap = labelCols.map((tc) => {
    let best = 0;
    let at = -1;
    for (let ec = 0; ec < ew; ec++) {
      const n = truth.filter((r) => extracted.some((e) => sameCell(e[ec], r[tc]))).length;
      if (n > best) [best, at] = [n, ec];
    }
    return at;
  });
  const keyed = labelCols.length > 0 && keyMap.every((ec) => ec !== -1);
  const rowFor = (ti: number): unknown[] | undefined => {
    if (!keyed) return extracted[ti];
    const t = truth[ti]!;
    return extracted.find((e) => labelCols.every((tc, k) => sameCell(e[keyMap[k]!], t[tc])));
  };
  const columnMap = [...Array(tw).keys()].map((tc) => {
    const k = labelCols.indexOf(tc);
    if (k !== -1) return keyMap[k]!;
    let best = 0;
    let at = -1;
    for (let ec = 0; ec < ew; ec++) {
      const n = truth.reduce((acc, r, ti) => acc + (sameCell(rowFor(ti)?.[ec], r[tc], rel) ? 1 : 0), 0);
      if (n > best) [best, at] = [n, ec];
    }
    return at;
  });
  let matched = 0;
  truth.forEach((r, ti) => {
    const row = rowFor(ti);
    r.forEach((v, tc) => {
      const ec = columnMap[tc]!;
      if (ec !== -1 && row && sameCell(row[ec], v, rel)) matched++;
    });
  });
  const total = truth.length * tw;
  return { accuracy: total ? matched / total : 0, matched, total, columnMap };
}

/** Cells where two extractions of the same chart disagree beyond the tolerance: [row, col]. */
export function disagreements(a: ChartTable, b: ChartTable, rel = 0.05): [number, number][] {
  const out: [number, number][] = [];
  a.rows.forEach((row, r) => row.forEach((cell, c) => {
    if (!sameCell(cell.value, b.rows[r]?.[c]?.value, rel)) out.push([r, c]);
  }));
  return out;
}
