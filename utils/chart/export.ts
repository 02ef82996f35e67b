import Papa from 'papaparse';
import type { ChartTable } from './schema';

const header = (t: ChartTable) => t.columns.map((c) => (c.unit ? `${c.name} (${c.unit})` : c.name));
const cells = (t: ChartTable) => t.rows.map((r) => r.map((c) => (c.value === null ? '' : c.value)));

/** A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first), unless it is a plain
 *  number such as "-12.5", which a spreadsheet reads as that number. Papaparse prefixes such cells with `'`. */
const FORMULA = /^(?![-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$)[=+\-@\t\r]/i;

/** Papa.unparse with spreadsheet formula escaping: page and model text must never become a live formula. */
export const unparseSafe = (data: Parameters<typeof Papa.unparse>[0], config: Papa.UnparseConfig = {}) =>
  Papa.unparse(data, { newline: '\r\n', ...config, escapeFormulae: FORMULA });

/** CSV with RFC 4180 quoting (commas, quotes, newlines in labels); numbers unformatted. */
export const toCSV = (t: ChartTable) => unparseSafe({ fields: header(t), data: cells(t) });
export const toTSV = (t: ChartTable) => unparseSafe({ fields: header(t), data: cells(t) }, { delimiter: '\t' });

const mdCell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
export function toMarkdown(t: ChartTable): string {
  const h = header(t);
  const lines = [`| ${h.map(mdCell).join(' | ')} |`, `|${h.map(() => ' --- ').join('|')}|`];
  for (const r of t.rows) lines.push(`| ${r.map((c) => `${mdCell(c.value)}${c.source === 'estimated' ? ' ~' : ''}`).join(' | ')} |`);
  return lines.join('\n');
}

export const toJSON = (t: ChartTable) => JSON.stringify(t, null, 2);

const slug = (s: string) => s.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 60);

/** A download name from the page and the chart title, e.g. `sales-report--revenue-by-year.csv`. */
export function exportFileName(pageTitle: string | undefined, chartTitle: string, ext: 'csv' | 'tsv' | 'md' | 'json'): string {
  const parts = [slug(pageTitle ?? ''), slug(chartTitle)].filter(Boolean);
  return `${parts.join('--') || 'chart'}.${ext}`;
}
