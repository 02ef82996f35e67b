import { t } from '../i18n';

/** Alt-text audit rules: pure functions over what the page says about each image. */
export interface AuditImage {
  /** Stable key within the page (e.g. a CSS path). */
  key: string;
  kind: 'img' | 'picture' | 'css-background' | 'svg' | 'input-image' | 'area' | 'canvas';
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

// Functions, not constants: verdicts are made in the worker, in the UI language of that moment.
const SC_111 = () => t('wcagNonText');
const SC_244 = () => t('wcagLinkPurpose');

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
    out.push({ id: 'link-no-text', message: t('verdictLinkNoText'), wcag: SC_244() });
  }
  if (img.alt === null && !img.presentational) {
    out.push({ id: 'missing', message: t('verdictMissing'), wcag: SC_111() });
    return out;
  }
  if (!alt) {
    if (isMeaningful(img) && !inLink && img.width * img.height > 100 * 100) {
      out.push({ id: 'empty-meaningful', message: t('verdictEmptyMeaningful'), wcag: SC_111() });
    }
    return out;
  }
  if (FILENAME.test(alt)) out.push({ id: 'filename', message: t('verdictFilename', alt), wcag: SC_111() });
  else if (GENERIC.has(norm(alt))) out.push({ id: 'generic', message: t('verdictGeneric', alt), wcag: SC_111() });
  if (alt.length > MAX_ALT) {
    out.push({ id: 'too-long', message: t('verdictTooLong', alt.length, MAX_ALT), wcag: SC_111() });
  }
  const dup = all.filter((o) => o.key !== img.key && o.src !== img.src && o.alt?.trim() && norm(o.alt) === norm(alt));
  if (dup.length) out.push({ id: 'duplicate', message: t('verdictDuplicate', dup.length + 1), wcag: SC_111() });
  const near = img.adjacentText ? norm(img.adjacentText) : '';
  if (near && norm(alt).length > 3 && (near === norm(alt) || near.includes(norm(alt)))) {
    out.push({ id: 'redundant', message: t('verdictRedundant'), wcag: SC_111() });
  }
  return out;
}

/** Verdicts for every image on a page. */
export function auditPage(images: AuditImage[]): Map<string, Verdict[]> {
  return new Map(images.map((img) => [img.key, verdictsFor(img, images)]));
}
