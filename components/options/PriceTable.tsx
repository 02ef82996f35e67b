import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../utils/store/db';
import { t } from '../../utils/i18n';
import { costTotals, formatUsd, loadPriceTable, priceTableItem, type PriceTable as Prices } from '../../utils/settings/pricing';

/** The dated, editable price table and what has been spent so far. */
export function PriceTable() {
  const [asOf, setAsOf] = useState('');
  const [rows, setRows] = useState<[string, number, number][]>([]);
  const [status, setStatus] = useState('');
  const load = () =>
    void loadPriceTable().then((p) => {
      setAsOf(p.asOf);
      setRows(Object.entries(p.prices).map(([m, v]) => [m, v.input, v.output]));
    });
  useEffect(load, []);
  const totals = useLiveQuery(async () => costTotals(await db.entries.toArray()));
  const set = (i: number, j: 1 | 2, v: string) => setRows(rows.map((r, k) => (k === i ? (Object.assign([...r], { [j]: Number(v) }) as [string, number, number]) : r)));
  const apply = async () => {
    const prices: Prices = Object.fromEntries(rows.filter(([m]) => m.trim()).map(([m, i, o]) => [m.trim(), { input: i, output: o }]));
    await priceTableItem.setValue({ asOf: new Date().toISOString().slice(0, 10), prices });
    setStatus(t('pricesSaved'));
    load();
  };
  return (
    <section aria-labelledby="prices-heading">
      <h2 id="prices-heading">{t('pricesHeading')}</h2>
      {totals && <p data-testid="spent">{t('spentTotal', formatUsd(totals.usd), totals.answers)}</p>}
      <p className="meta">{t('pricesAsOf', asOf)}</p>
      <div className="table-scroll">
        <table className="prices">
          <thead><tr><th scope="col">{t('priceModel')}</th><th scope="col">{t('priceInput')}</th><th scope="col">{t('priceOutput')}</th></tr></thead>
          <tbody>
            {rows.map(([m, i, o], k) => (
              <tr key={k}>
                <th scope="row">{m}</th>
                <td><input type="number" min="0" step="0.01" aria-label={`${m}: ${t('priceInput')}`} value={i} onChange={(e) => set(k, 1, e.target.value)} /></td>
                <td><input type="number" min="0" step="0.01" aria-label={`${m}: ${t('priceOutput')}`} value={o} onChange={(e) => set(k, 2, e.target.value)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button type="button" onClick={() => void apply()}>{t('pricesSave')}</button>
        <button type="button" onClick={() => void priceTableItem.setValue(null).then(load)}>{t('pricesReset')}</button>
      </div>
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}
