import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { deleteAll, deleteEntry, historyProviders, isUnfiltered, listWindow, searchWindow, type HistoryFilter, type HistoryRowData } from '../../utils/store/history';
import { t, tPlural } from '../../utils/i18n';
import { BUILTIN_PRESETS } from '../../utils/settings/presets';
import { HistoryRow } from './HistoryRow';
import { HistoryTransfer } from './HistoryTransfer';
import { presetTitle } from '../preset-text';
import { mark } from '../../utils/marks';
import { markFirstListShown } from './first-list';
import { ErrorBoundary } from '../views/ErrorBoundary';

const DAY = 86_400_000;
const RANGES: Record<string, number> = { any: 0, today: DAY, week: 7 * DAY, month: 30 * DAY };

const PAGE = 40;

interface View {
  total: number;
  /** Index of rows[0] in the list. */
  start: number;
  rows: (HistoryRowData | undefined)[];
}

/** A stable function that always calls the latest `fn`, so memoised rows need not re-render. */
function useLatest<A extends unknown[]>(fn: (...a: A) => void) {
  const ref = useRef(fn);
  ref.current = fn;
  return useCallback((...a: A) => ref.current(...a), []);
}

/** Every earlier answer: searchable, filterable, virtualised so 10,000 entries stay fast. */
export const HistoryList = memo(function HistoryList({ onOpen, onError }: { onOpen: (threadId: string) => void; onError: (m: string) => void }) {
  const [query, setQuery] = useState('');
  const [presetId, setPresetId] = useState('');
  const [provider, setProvider] = useState('');
  const [range, setRange] = useState('any');
  const deferredQuery = useDeferredValue(query);
  const filter: HistoryFilter = {
    query: deferredQuery,
    presetId: presetId || undefined,
    provider: provider || undefined,
    since: RANGES[range] ? Date.now() - RANGES[range]! : undefined,
  };
  const all = isUnfiltered(filter);
  const key = JSON.stringify([deferredQuery.trim(), presetId, provider, range]);
  const scroller = useRef<HTMLDivElement>(null);
  const last = useRef<View | undefined>(undefined);
  // The window of rows to read; it follows the virtualiser below.
  const [win, setWin] = useState({ start: 0, end: PAGE });
  const { start, end } = win;
  // One live query for both cases (every Dexie subscription pays for every write, in any context).
  // Unfiltered: the total and the window's rows. Filtered: the matching ids and the window's rows.
  const data = useLiveQuery(
    async () => {
      mark('list-query');
      if (all) return { key, start, ...(await listWindow(start, end - start).finally(() => mark('list-read'))) };
      const { ids, rows } = await searchWindow(filter, start, end - start);
      return { key, start, total: ids.length, rows };
    },
    [key, start, end],
  );
  const fresh: View | undefined = data?.key === key && data.start === start ? data : undefined;
  // Until the next answer is ready the last one stays, so no "Loading…" flashes between queries.
  if (fresh) last.current = fresh;
  const view = fresh ?? last.current;
  const count = view?.total ?? 0;
  const rowAt = (i: number) => (view && i >= view.start ? view.rows[i - view.start] : undefined);
  const rows = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => 76, overscan: 6 });
  const items = rows.getVirtualItems();
  // Aligned to PAGE, so a small scroll reuses the window already read.
  const want = Math.floor((items[0]?.index ?? 0) / PAGE) * PAGE;
  const wantEnd = Math.max(want + PAGE, Math.ceil(((items.at(-1)?.index ?? 0) + 1) / PAGE) * PAGE);
  if (want !== start || wantEnd !== end) setWin({ start: want, end: wantEnd });
  const providers = useLiveQuery(historyProviders, []);
  useEffect(() => {
    if (view) markFirstListShown();
  }, [view]);
  // A new filter starts at the top. Braces: Chromium's scrollTo may return a promise, which is no cleanup.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [key]);
  const open = useLatest(onOpen);
  const remove = useLatest((id: string) => void deleteEntry(id).catch((e: unknown) => onError(String(e))));

  const clear = () => {
    if (!confirm(t('confirmDeleteAll'))) return;
    void deleteAll().catch((e: unknown) => onError(String(e)));
  };

  return (
    <section aria-labelledby="history-heading" className="history" data-testid="history">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <div className="filters">
        <label htmlFor="history-search">{t('searchHistory')}</label>
        <input id="history-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <div className="row">
          <span>
            <label htmlFor="filter-preset">{t('presetLabel')}</label>
            <select id="filter-preset" value={presetId} onChange={(e) => setPresetId(e.target.value)}>
              <option value="">{t('filterAll')}</option>
              {BUILTIN_PRESETS.map((p) => <option key={p.id} value={p.id}>{presetTitle(p)}</option>)}
              <option value="ask">{t('filterQuestions')}</option>
            </select>
          </span>
          <span>
            <label htmlFor="filter-provider">{t('providerLabel')}</label>
            <select id="filter-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
              <option value="">{t('filterAll')}</option>
              {(providers ?? []).map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </span>
          <span>
            <label htmlFor="filter-date">{t('dateLabel')}</label>
            <select id="filter-date" value={range} onChange={(e) => setRange(e.target.value)}>
              <option value="any">{t('rangeAny')}</option>
              <option value="today">{t('rangeToday')}</option>
              <option value="week">{t('rangeWeek')}</option>
              <option value="month">{t('rangeMonth')}</option>
            </select>
          </span>
        </div>
      </div>
      <p className="meta" role="status" data-testid="history-count">
        {!view ? t('loading') : count === 0 ? query ? t('historyNoMatch') : t('historyEmpty') : tPlural('historyCount', count)}
      </p>
      {/* Sized before the rows arrive: the virtualiser measures this box once, and from a box of 0 px it would show no row until the next frame. */}
      <div ref={scroller} className="history-scroll" tabIndex={-1} aria-busy={view !== fresh} style={{ height: view ? `min(60vh, ${rows.getTotalSize()}px)` : '60vh' }}>
        <ul style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {items.map((v) => (
            <li
              key={v.index}
              data-index={v.index}
              ref={rows.measureElement}
              data-testid="history-item"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
            >
              <ErrorBoundary><HistoryRow row={rowAt(v.index)} onOpen={open} onDelete={remove} /></ErrorBoundary>
            </li>
          ))}
        </ul>
      </div>
      <div className="row">
        <HistoryTransfer onError={onError} />
        <button type="button" onClick={clear} disabled={!count}>{t('deleteAllHistory')}</button>
      </div>
    </section>
  );
});
