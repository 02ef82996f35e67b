import { altTextPrompt } from '../alt-text/prompt';
import type { Audit, AuditItem } from '../store/db';

export interface AuditPromptOptions {
  maxLength?: number;
  language?: string;
}

/** The exact prompt the audit sends for one image; the panel's cost estimate is built from it too. */
export const auditPrompt = (audit: Audit, item: AuditItem, opts: AuditPromptOptions = {}) =>
  altTextPrompt({ alt: item.alt, paragraph: item.context, pageTitle: audit.pageTitle, pageLang: audit.pageLang }, opts);
