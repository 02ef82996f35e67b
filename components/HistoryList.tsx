import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useRef, useState } from 'react';
import { countAll, deleteAll, deleteEntry, historyProviders, isUnfiltered, pageIds, searchEntryIds, type HistoryFilter } from '../utils/history';
import { t, tPlural } from '../utils/i18n';
import { BUILTIN_PRESETS } from '../utils/presets';
import { HistoryRow } from './HistoryRow';
import { HistoryTransfer } from './HistoryTransfer';
import { presetTitle } from './preset-text';

const DAY = 86_400_000;
const RANGES: Record<string, number> = { any: 0, today: DAY, week: 7 * DAY, month: 30 * DAY };

/** Every earlier answer: searchable, filterable, virtualised so 10,000 entries stay fast. */
export function HistoryList({ onOpen, onError }: { onOpen: (threadId: string) => void; onError: (m: string) => void }) {
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
  // Unfiltered: count, then page by id as rows scroll into view. Filtered: the matching ids.
  const ids = useLiveQuery(() => (all ? Promise.resolve(null) : searchEntryIds(filter)), [all, deferredQuery, presetId, provider, range]);
  const total = useLiveQuery(() => (all ? countAll() : Promise.resolve(ids?.length ?? 0)), [all, ids]);
  const providers = useLiveQuery(historyProviders, []);
  const scroller = useRef<HTMLDivElement>(null);
  const count = all ? (total ?? 0) : (ids?.length ?? 0);
  const rows = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => 76, overscan: 6 });
  const items = rows.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const page = useLiveQuery(() => (all && last >= first ? pageIds(first, last - first + 1) : Promise.resolve(null)), [all, first, last, total]);
  const idAt = (i: number) => (all ? page?.[i - first] : ids?.[i]);
  const loading = all ? total === undefined : !ids;

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
        {loading ? t('loading') : count === 0 ? query ? t('historyNoMatch') : t('historyEmpty') : tPlural('historyCount', count)}
      </p>
      <div ref={scroller} className="history-scroll" tabIndex={-1}>
        <ul style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {items.map((v) => (
            <li
              key={v.index}
              data-index={v.index}
              ref={rows.measureElement}
              data-testid="history-item"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
            >
              <HistoryRow id={idAt(v.index)} onOpen={onOpen} onDelete={(id) => void deleteEntry(id).catch((e: unknown) => onError(String(e)))} />
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
}
