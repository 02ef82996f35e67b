/** Checks generated alt text against the style rules the prompt asks for. */
export interface StyleIssue {
  rule: 'image-of' | 'too-long' | 'named-person' | 'chart-message' | 'empty';
  message: string;
}

const IMAGE_OF = /^(an? |the )?(image|picture|photo|photograph|graphic|illustration|bild|foto) (of|showing|shows|depicting|von|zeigt)\b/i;
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
  if (!text) return [{ rule: 'empty', message: 'The alt text is empty; use the decorative verdict if the image adds nothing.' }];
  if (IMAGE_OF.test(text)) out.push({ rule: 'image-of', message: 'Starts with “image of” or similar; screen readers already say it is an image.' });
  if (text.length > max) out.push({ rule: 'too-long', message: `${text.length} characters; the limit is ${max}. Move detail to the long description.` });
  const page = ctx.pageText ?? '';
  for (const m of text.matchAll(NAME)) {
    const name = `${m[1]} ${m[2]}`;
    if (!page.includes(name)) {
      out.push({ rule: 'named-person', message: `“${name}” looks like a name the page does not mention; do not identify people from their looks.` });
    }
  }
  if (ctx.isChart && !/\d|increase|decrease|rise|fall|grow|drop|highest|lowest|most|least|trend|peak|steig|sink|höchst|niedrigst/i.test(text)) {
    out.push({ rule: 'chart-message', message: 'A chart’s alt text should give its key message (a trend, extreme or number).' });
  }
  return out;
}
