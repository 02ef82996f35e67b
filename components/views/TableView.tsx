import { useMemo, useState } from 'react';
import { disagreements, toNumber } from '../../utils/chart/compare';
import { exportFileName, toCSV, toJSON, toMarkdown, toTSV } from '../../utils/chart/export';
import { parseChartTable, type ChartTable } from '../../utils/chart/schema';
import { verifyTable } from '../../utils/chart/verify';
import type { Entry } from '../../utils/store/db';
import { t, tPlural } from '../../utils/i18n';
import { Replot } from './Replot';

const FORMATS = { csv: [toCSV, 'text/csv'], tsv: [toTSV, 'text/tab-separated-values'], md: [toMarkdown, 'text/markdown'], json: [toJSON, 'application/json'] } as const;
type Format = keyof typeof FORMATS;

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Props {
  entry: Entry;
  /** A later extraction of the same chart (second pass) to check against. */
  check?: Entry;
  pageTitle?: string;
  thumb?: string;
  onSecondPass: () => void;
  onError: (m: string) => void;
}

/** A structured chart answer as a real, sortable, checkable table with exports. */
export function TableView({ entry, check, pageTitle, thumb, onSecondPass, onError }: Props) {
  const parsed = useMemo(() => parseChartTable(entry.text), [entry.text]);
  const second = useMemo(() => (check?.status === 'done' ? parseChartTable(check.text) : undefined), [check]);
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  if (!parsed.ok) {
    return (
      <div className="error" data-testid="table-error">
        <p>{t('tableUnreadable', parsed.error)}</p>
        <pre className="raw">{entry.text}</pre>
      </div>
    );
  }
  const table: ChartTable = parsed.table;
  const flags = verifyTable(table);
  const diffs = second?.ok ? disagreements(table, second.table) : [];
  const flagAt = (r: number, c: number) => flags.find((f) => f.row === r && (f.col === c || f.col === -1))?.message;
  const differs = (r: number, c: number) => diffs.some(([dr, dc]) => dr === r && dc === c);
  const order = [...table.rows.keys()];
  if (sort) {
    order.sort((a, b) => {
      const x = table.rows[a]![sort.col]?.value;
      const y = table.rows[b]![sort.col]?.value;
      const nx = toNumber(x);
      const ny = toNumber(y);
      return sort.dir * (nx !== undefined && ny !== undefined ? nx - ny : String(x ?? '').localeCompare(String(y ?? '')));
    });
  }
  const exportAs = (f: Format, copy: boolean) => {
    const [fn, type] = FORMATS[f];
    const text = fn(table);
    if (copy) void navigator.clipboard.writeText(text).catch((e: unknown) => onError(String(e)));
    else download(exportFileName(pageTitle, table.title, f), text, type);
  };
  const estimated = table.rows.flat().filter((c) => c.source === 'estimated').length;
  return (
    <div className="chart-table" data-testid="chart-view">
      <div className="table-scroll">
        <table data-testid="chart-table">
          <caption>
            {table.title || t('tableDefaultTitle')} <span className="meta">({tPlural('tableRows', table.rows.length)}{estimated ? tPlural('tableEstimated', estimated) : ''})</span>
          </caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col" aria-sort={sort?.col === i ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" onClick={() => setSort({ col: i, dir: sort?.col === i ? (-sort.dir as 1 | -1) : 1 })}>
                    {c.name}{c.unit ? ` (${c.unit})` : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((r) => (
              <tr key={r}>
                {table.rows[r]!.map((cell, c) => {
                  const flag = flagAt(r, c);
                  const diff = differs(r, c);
                  const Tag = c === 0 ? 'th' : 'td';
                  return (
                    <Tag key={c} scope={c === 0 ? 'row' : undefined} data-flag={flag ? 'check' : diff ? 'differs' : undefined}
                      className={[cell.source === 'estimated' ? 'est' : '', flag ? 'flag' : '', diff ? 'diff' : ''].join(' ').trim() || undefined}>
                      {cell.value ?? '—'}
                      {cell.source === 'estimated' && <><span aria-hidden="true"> ~</span><span className="sr-only"> {t('cellEstimated')}</span></>}
                      {flag && <span className="sr-only"> {t('cellCheck', flag)}</span>}
                      {diff && <span className="sr-only"> {t('cellDisagrees')}</span>}
                    </Tag>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(flags.length > 0 || diffs.length > 0) && (
        <ul className="checks" data-testid="checks" aria-label={t('tableChecks')}>
          {flags.map((f, i) => <li key={i}>{f.message}</li>)}
          {diffs.length > 0 && <li>{tPlural('secondPassDisagrees', diffs.length)}</li>}
        </ul>
      )}
      {table.notes.length > 0 && <p className="meta">{t('tableNotes', table.notes.join(' '))}</p>}
      <figure className="replot">
        {thumb && <img src={thumb} alt={t('chartThumbnailAlt')} />}
        <Replot table={table} />
        <figcaption className="meta">{t('replotCaption')}</figcaption>
      </figure>
      <div className="row">
        {(Object.keys(FORMATS) as Format[]).map((f) => (
          <button key={f} type="button" onClick={() => exportAs(f, false)}>{t('downloadFormat', f.toUpperCase())}</button>
        ))}
        <button type="button" onClick={() => exportAs('csv', true)}>{t('copyCsv')}</button>
        <button type="button" onClick={onSecondPass}>{t('secondPass')}</button>
      </div>
    </div>
  );
}
