import { escapeAttr } from '../alt-text/copy-formats';
import { unparseSafe } from '../chart/export';
import type { Audit } from '../store/db';

const rows = (a: Audit) =>
  a.items.map((i) => ({
    page_url: a.pageUrl,
    image_src: i.src,
    current_alt: i.alt ?? '',
    verdict: i.verdicts.map((v) => `${v.id} (WCAG ${v.wcag})`).join('; ') || 'ok',
    suggested_alt: i.decorative ? '' : (i.suggested ?? ''),
    long_description: i.long ?? '',
  }));

export const auditCSV = (a: Audit) => unparseSafe(rows(a));
export const auditJSON = (a: Audit) => JSON.stringify(rows(a), null, 2);

/** One `<img>` per audited image with its new alt (and a long description where there is one). */
export function auditHTML(a: Audit): string {
  return a.items
    .filter((i) => i.suggested !== undefined || i.decorative)
    .map((i) => {
      const img = `<img src="${escapeAttr(i.src)}" alt="${escapeAttr(i.decorative ? '' : (i.suggested ?? ''))}">`;
      return i.long ? `<figure>\n  ${img}\n  <figcaption>${escapeAttr(i.long)}</figcaption>\n</figure>` : img;
    })
    .join('\n');
}
