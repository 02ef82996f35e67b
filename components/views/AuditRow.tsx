import { Fragment, type ReactNode } from 'react';
import type { AuditItem } from '../../utils/store/db';
import { t, tParts } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';

/** A message with rich substitutions: `tParts` pieces, with `subs[i]` at each substitution. */
const rich = (pieces: (string | number)[], subs: ReactNode[]) => pieces.map((part, i) => <Fragment key={i}>{typeof part === 'number' ? subs[part] : part}</Fragment>);

const name = (src: string) => {
  try {
    return decodeURIComponent(new URL(src).pathname.split('/').pop() || src);
  } catch {
    return src || t('auditInlineSvg');
  }
};

/** One audited image: its current alt, verdicts with WCAG criteria, and the suggestion once written. */
export function AuditRow({ auditId, item, selected, onToggle, onError }: { auditId: string; item: AuditItem; selected: boolean; onToggle: () => void; onError: (m: string) => void }) {
  const id = `audit-${item.key.replace(/[^\w-]/g, '_')}`;
  return (
    <li className="audit-item" data-testid="audit-item" data-status={item.status} data-flagged={item.verdicts.length > 0}>
      <input type="checkbox" id={id} checked={selected} onChange={onToggle} />
      {/* Only data: thumbnails (the panel's CSP blocks remote images); a neutral box until one arrives, or when none can be made. */}
      {item.thumb?.startsWith('data:image/') ? (
        <img className="audit-thumb" src={item.thumb} alt={t('auditThumbAlt', name(item.src))} decoding="async" data-testid="audit-thumb" />
      ) : (
        <span className="audit-thumb audit-thumb-none" role="img" aria-label={t('auditNoThumb')} data-testid="audit-thumb-none" />
      )}
      <div>
        <label htmlFor={id} className="h-title">{name(item.src)} <span className="meta">({item.kind}, {item.width}×{item.height})</span></label>
        <p className="meta">{rich(tParts('auditCurrentAlt', 1), [item.alt === null ? <em>{t('auditAltMissing')}</em> : item.alt === '' ? <em>{t('auditAltEmpty')}</em> : t('quoted', item.alt)])}</p>
        {item.verdicts.length > 0 && (
          <ul className="verdicts">
            {item.verdicts.map((v) => <li key={v.id} data-verdict={v.id}>{v.message} <span className="meta">WCAG {v.wcag}</span></li>)}
          </ul>
        )}
        {item.status === 'done' && (
          <p data-testid="audit-suggestion">{rich(item.long ? tParts('auditSuggestedLong', 2) : tParts('auditSuggested', 1), [item.decorative ? <code>alt=""</code> : t('quoted', item.suggested ?? ''), item.long])}</p>
        )}
        {item.status === 'failed' && <p className="error">{item.error}</p>}
        <button type="button" onClick={() => void sendMessage('auditHighlight', { auditId, key: item.key }).catch((e: unknown) => onError(String(e)))}>
          {t('showOnPage')}
        </button>
      </div>
    </li>
  );
}
