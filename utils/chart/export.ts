import Papa from 'papaparse';
import type { ChartTable } from './schema';

const header = (t: ChartTable) => t.columns.map((c) => (c.unit ? `${c.name} (${c.unit})` : c.name));
const cells = (t: ChartTable) => t.rows.map((r) => r.map((c) => (c.value === null ? '' : c.value)));

/** CSV with RFC 4180 quoting (commas, quotes, newlines in labels); numbers unformatted. */
export const toCSV = (t: ChartTable) => Papa.unparse({ fields: header(t), data: cells(t) }, { newline: '\r\n' });
export const toTSV = (t: ChartTable) => Papa.unparse({ fields: header(t), data: cells(t) }, { delimiter: '\t', newline: '\r\n' });

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
