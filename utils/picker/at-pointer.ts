import { contentOffset, findImageAt, readBlobUrl, setLabels, videoFrameName, viewportOf, type Found, type Offset } from './find-image';
import { frameOffset, readPixels, rememberPicked } from './read-element';
import { POINTER_KEY, type FramePlace, type PickerText, type PickResult, type PointerMark } from './types';

/** What a found element becomes for the worker; the element itself stays here for a later read. */
export function pickedResult(found: Found, viewport: PickResult['viewport']): PickResult {
  const { node, ...plain } = found;
  rememberPicked(node);
  if (node && (node.tagName === 'CANVAS' || node.tagName === 'VIDEO')) plain.dataUrl = readPixels(node);
  if (node?.tagName === 'VIDEO') plain.element = videoFrameName(node as HTMLVideoElement);
  return { ...plain, viewport };
}

/**
 * The image under the last right-click in this frame, as if picked there, so the picker can be
 * skipped. Null when there was no recent right-click here or nothing image-like under it. A frame
 * behind a cross-origin parent cannot know its place in the top viewport (which a screenshot crop
 * needs): it answers with its URL, and the worker asks the top document (`framePlace`) and calls
 * again with that place.
 */
export async function atPointer(maxAgeMs: number, text: PickerText, place?: FramePlace): Promise<PickResult | { unplaced: string } | null> {
  const mark = (globalThis as Record<string, unknown>)[POINTER_KEY] as PointerMark | undefined;
  if (!mark || Date.now() - mark.at > maxAgeMs) return null;
  const top = place ?? frameOffset();
  return top ? imageAt(mark.x, mark.y, top.offset, top.viewport, text) : { unplaced: location.href };
}

/** In the top document: where the content of the one frame showing `href` starts in the viewport. */
export function framePlace(href: string): FramePlace | null {
  const frames = [...document.querySelectorAll('iframe, frame')].filter((f) => (f as HTMLIFrameElement).src === href);
  return frames.length === 1 ? { offset: contentOffset(frames[0]!), viewport: viewportOf(window) } : null;
}

/** The image at a point of this frame (its CSS px), with its box in the top viewport, where this frame sits at `offset`. */
export async function imageAt(x: number, y: number, offset: Offset, viewport: PickResult['viewport'], text: PickerText): Promise<PickResult | null> {
  setLabels(text);
  const found = findImageAt(x, y, document.createElement('i'), document, offset);
  if (!found) return null;
  const result = pickedResult(found, viewport);
  if (result.src?.startsWith('blob:')) result.dataUrl ??= await readBlobUrl(result.src);
  return result;
}
