import { t } from '../i18n';

/** Checks generated alt text against the style rules the prompt asks for. */
export interface StyleIssue {
  rule: 'image-of' | 'too-long' | 'named-person' | 'chart-message' | 'empty';
  message: string;
}

export const IMAGE_OF = /^(an? |the )?(image|picture|photo|photograph|graphic|illustration|bild|foto) (of|showing|shows|depicting|von|zeigt)\b/i;
// Two capitalised words in a row that are not at the start of a sentence: a likely personal name.
const NAME = /(?<![.!?]\s|^)\b([A-Z][a-z]+)\s([A-Z][a-z]+)\b/g;

export interface StyleContext {
  maxLength?: number;
  /** Text of the page around the image: names it contains may be used. */
  pageText?: string;
  isChart?: boolean;
}

export function checkAltStyle(alt: string, ctx: StyleContext = {}): StyleIssue[] {
  const out: StyleIssue[] = [];
  const text = alt.trim();
  const max = ctx.maxLength ?? 125;
  if (!text) return [{ rule: 'empty', message: t('styleEmpty') }];
  if (IMAGE_OF.test(text)) out.push({ rule: 'image-of', message: t('styleImageOf') });
  if (text.length > max) out.push({ rule: 'too-long', message: t('styleTooLong', text.length, max) });
  const page = ctx.pageText ?? '';
  for (const m of text.matchAll(NAME)) {
    const name = `${m[1]} ${m[2]}`;
    if (!page.includes(name)) {
      out.push({ rule: 'named-person', message: t('styleNamedPerson', name) });
    }
  }
  if (ctx.isChart && !/\d|increase|decrease|rise|fall|grow|drop|highest|lowest|most|least|trend|peak|steig|sink|höchst|niedrigst/i.test(text)) {
    out.push({ rule: 'chart-message', message: t('styleChartMessage') });
  }
  return out;
}
