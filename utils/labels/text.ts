import { checkAltStyle } from '../alt-text/style';
import { IMAGE_OF } from '../alt-text/style';
import { isMeaningful, type Verdict, type VerdictId } from '../alt-text/verdicts';
import type { LabelTarget } from './page';

/** The audit's verdicts a label mends. Too long, duplicate or redundant alt was written by a person: left alone. */
const MENDS: VerdictId[] = ['missing', 'empty-meaningful', 'filename', 'generic', 'link-no-text'];
/** A bare CSS background smaller than this (px²) is taken as decoration, like an empty alt on a small image. */
const MIN_PICTURE_AREA = 100 * 100;

/**
 * The images to label, visible ones first, then in page order. Never one a person described well, one marked
 * decorative (role=presentation, aria-hidden, alt="" on a small image), a tiny one, or a map area (its
 * bytes are the whole map).
 */
export function pickTargets<T extends LabelTarget>(images: T[], verdicts: Map<string, Verdict[]>): T[] {
  const wanted = images.filter((img) => {
    if (img.kind === 'area') return false;
    const v = verdicts.get(img.key) ?? [];
    if (v.some((x) => x.id === 'link-no-text')) return true;
    if (img.bareBackground) return img.width * img.height >= MIN_PICTURE_AREA;
    return isMeaningful(img) && v.some((x) => MENDS.includes(x.id));
  });
  return [...wanted.filter((i) => i.visible), ...wanted.filter((i) => !i.visible)];
}

/** `example.com/about` for a link target: what a listener needs to know where it goes. */
export function destination(href: string): string {
  try {
    const u = new URL(href);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return href;
  }
}

const names = (text: string, dest: string) => {
  const lower = text.toLowerCase();
  const [host, ...path] = dest.toLowerCase().split('/');
  const last = path.at(-1)?.replace(/[-_]+/g, ' ');
  return lower.includes(host!) || (!!last && lower.includes(last));
};

export interface LabelTextOptions {
  maxLength: number;
  marker: string;
  /** The link the image is the only content of. */
  linkHref?: string | null;
  linkTo: (dest: string) => string;
}

/**
 * The label for the page from the model's short alt, mended by the alt-text style checks: no "image of",
 * within the length limit (cut at a word); a link's label names where it goes; then the marker.
 */
export function labelText(short: string, o: LabelTextOptions): string {
  let text = short.trim();
  const issues = checkAltStyle(text, { maxLength: o.maxLength }).map((i) => i.rule);
  if (issues.includes('image-of')) {
    text = text.replace(IMAGE_OF, '').trim();
    text = text.charAt(0).toUpperCase() + text.slice(1);
  }
  const link = o.linkHref ? destination(o.linkHref) : '';
  // Nothing to say about the picture: a link is still named by where it goes.
  if (!text && link) return `${o.linkTo(link).replace(/^./, (c) => c.toUpperCase())}${o.marker}`;
  const suffix = link && !names(text, link) ? `, ${o.linkTo(link)}` : '';
  const room = Math.max(20, o.maxLength - suffix.length);
  if (text.length > room) text = `${text.slice(0, room - 1).replace(/\s+\S*$/, '')}…`;
  text = text.replace(/[.\s]+$/, '');
  return `${text}${suffix}${o.marker}`;
}
