/** Alt-text audit rules: pure functions over what the page says about each image. */
export interface AuditImage {
  /** Stable key within the page (e.g. a CSS path). */
  key: string;
  kind: 'img' | 'picture' | 'css-background' | 'svg' | 'input-image' | 'area';
  src: string;
  /** null = no alt attribute (or no accessible name) at all. */
  alt: string | null;
  width: number;
  height: number;
  /** Text of the link the image sits in, minus the image itself; undefined when not in a link. */
  linkText?: string;
  /** The text right next to the image (caption, sibling text), bounded. */
  adjacentText?: string;
  /** role="presentation"/"none" or aria-hidden. */
  presentational?: boolean;
  /** An inline SVG as a self-contained `data:` URL (small ones only), for its thumbnail. */
  svg?: string;
}

export type VerdictId =
  | 'missing'
  | 'empty-meaningful'
  | 'filename'
  | 'generic'
  | 'too-long'
  | 'duplicate'
  | 'redundant'
  | 'link-no-text';

export interface Verdict {
  id: VerdictId;
  message: string;
  /** The WCAG 2.2 success criterion it relates to. */
  wcag: string;
}

const SC_111 = '1.1.1 Non-text Content (A)';
const SC_244 = '2.4.4 Link Purpose (In Context) (A)';

export const MAX_ALT = 125;
/** Images smaller than this on both sides are treated as spacers/decoration. */
const TINY = 16;

const FILENAME = /^(img|image|dsc|dscn|dcim|pxl|photo|screenshot|screen shot|untitled)[\s_-]?\d|\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$|^[\w-]*\d{4,}[\w-]*$/i;
const GENERIC = new Set(['image', 'img', 'photo', 'picture', 'pic', 'graphic', 'logo', 'icon', 'banner', 'spacer', 'thumbnail', 'bild', 'foto', 'grafik', 'chart', 'graph']);

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim();

export const isMeaningful = (img: AuditImage) => !img.presentational && img.width > TINY && img.height > TINY;

/** Every problem with one image's current alt text, given all images of the page (for duplicates). */
export function verdictsFor(img: AuditImage, all: AuditImage[]): Verdict[] {
  const out: Verdict[] = [];
  const alt = img.alt?.trim();
  const inLink = img.linkText !== undefined;
  if (inLink && !alt && !img.linkText?.trim()) {
    out.push({ id: 'link-no-text', message: 'This image is the only content of a link, and it has no text: the link has no name.', wcag: SC_244 });
  }
  if (img.alt === null && !img.presentational) {
    out.push({ id: 'missing', message: 'No alt attribute: screen readers may read the file name instead.', wcag: SC_111 });
    return out;
  }
  if (!alt) {
    if (isMeaningful(img) && !inLink && img.width * img.height > 100 * 100) {
      out.push({ id: 'empty-meaningful', message: 'Marked as decorative (alt=""), but it is large enough to carry meaning. Check that it is decorative.', wcag: SC_111 });
    }
    return out;
  }
  if (FILENAME.test(alt)) out.push({ id: 'filename', message: `The alt text “${alt}” looks like a file name.`, wcag: SC_111 });
  else if (GENERIC.has(norm(alt))) out.push({ id: 'generic', message: `The alt text “${alt}” is generic: it says what kind of thing it is, not what it shows.`, wcag: SC_111 });
  if (alt.length > MAX_ALT) {
    out.push({ id: 'too-long', message: `The alt text is ${alt.length} characters; keep it under ${MAX_ALT} and move detail to a long description.`, wcag: SC_111 });
  }
  const dup = all.filter((o) => o.key !== img.key && o.src !== img.src && o.alt?.trim() && norm(o.alt) === norm(alt));
  if (dup.length) out.push({ id: 'duplicate', message: `${dup.length + 1} different images share this alt text; each should say what it shows.`, wcag: SC_111 });
  const near = img.adjacentText ? norm(img.adjacentText) : '';
  if (near && norm(alt).length > 3 && (near === norm(alt) || near.includes(norm(alt)))) {
    out.push({ id: 'redundant', message: 'The alt text repeats the text next to the image, so screen readers hear it twice.', wcag: SC_111 });
  }
  return out;
}

/** Verdicts for every image on a page. */
export function auditPage(images: AuditImage[]): Map<string, Verdict[]> {
  return new Map(images.map((img) => [img.key, verdictsFor(img, images)]));
}
