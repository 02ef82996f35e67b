import { useMemo, useState } from 'react';
import type { Entry } from '../../utils/store/db';
import { t } from '../../utils/i18n';
import { cleanReceipt, parseReceipt } from '../../utils/answers/receipt';

const money = (n: number | null) => (n === null ? '—' : n.toFixed(2));

/** A receipt answer as two accessible tables (the fields, then the items), with Copy JSON. */
export function ReceiptView({ entry, onError }: { entry: Entry; onError: (m: string) => void }) {
  const parsed = useMemo(() => parseReceipt(entry.text), [entry.text]);
  const [status, setStatus] = useState('');
  if (!parsed.ok) {
    return (
      <div className="error" data-testid="receipt-error">
        <p>{t('receiptUnreadable', parsed.error)}</p>
        <pre className="raw">{entry.text}</pre>
      </div>
    );
  }
  const r = cleanReceipt(parsed.receipt);
  const copyJson = () => {
    const { dateIso: _, ...json } = r;
    navigator.clipboard.writeText(JSON.stringify(json, null, 2)).then(() => setStatus(t('receiptCopied')), (e: unknown) => onError(String(e)));
  };
  const fields: [string, string][] = [
    [t('receiptVendor'), r.vendor ?? '—'],
    [t('receiptDate'), r.date ? (r.dateIso ? r.date : t('receiptAsPrinted', r.date)) : '—'],
    [t('receiptCurrency'), r.currency ?? '—'],
    [t('receiptTotal'), money(r.total)],
    [t('receiptTax'), money(r.tax)],
  ];
  return (
    <div className="receipt" data-testid="receipt-view">
      <div className="table-scroll">
        <table data-testid="receipt-fields">
          <caption>{t('receiptCaption')}</caption>
          <tbody>
            {fields.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table data-testid="receipt-items">
          <caption>{t('receiptItems', r.items.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('receiptItem')}</th>
              <th scope="col">{t('receiptQuantity')}</th>
              <th scope="col">{t('receiptPrice')}</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((item, i) => (
              <tr key={i}>
                <th scope="row">{item.name}</th>
                <td>{item.quantity ?? '—'}</td>
                <td>{money(item.price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button type="button" onClick={copyJson}>{t('copyJson')}</button>
        <span role="status" className="meta">{status}</span>
      </div>
    </div>
  );
}
