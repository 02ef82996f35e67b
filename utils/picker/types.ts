/** What the in-page picker hands back to the worker. Plain data: it crosses executeScript. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The top viewport in CSS px; `dpr` is exact where the size is rounded to whole pixels (a fractional zoom). */
export interface Viewport {
  width: number;
  height: number;
  dpr?: number;
}

export interface PickResult {
  kind: 'region' | 'element';
  /** CSS pixels, relative to the viewport, at the moment of capture. */
  rect: Rect;
  viewport: Viewport;
  /** Bytes read in the page (data:, blob:, same-origin, a clean canvas), as a data URL. */
  dataUrl?: string;
  /** A URL the worker may fetch for the original file. */
  src?: string;
  /** Short description of the element, for provenance. */
  element?: string;
  /** A cross-origin frame, which this page cannot look into: its URL and the point inside it (its own CSS px). */
  frame?: { src: string; x: number; y: number };
}

export type PickMode = 'region' | 'element';

/** An image element found by its URL, read in the page. */
export interface Located {
  element: string;
  /** Its pixels, when the page may read them (not a cross-origin source without CORS). */
  dataUrl?: string;
  /** Its box in the top viewport (CSS px), for a screenshot crop; absent behind a cross-origin frame. */
  rect?: Rect;
  viewport?: Viewport;
}

/** The picker's words in the UI language, from the worker (the page script has no i18n); `{1}`… are filled in the page. */
export interface PickerText {
  region: string;
  element: string;
  noImages: string;
  imageOf: string;
  selection: string;
  /** How a picked element is named in the answer's provenance. */
  videoFrame: string;
  background: string;
}

/** Set by entrypoints/pointer.ts on each right-click; the picker script shares its isolated world. */
export interface PointerMark {
  x: number;
  y: number;
  at: number;
}
export const POINTER_KEY = '__glimpsePointer';

/** Where a frame's content starts in the top viewport, and that viewport's size. */
export interface FramePlace {
  offset: { x: number; y: number };
  viewport: PickResult['viewport'];
}

/** The srcset strings an <img> could choose from (its own, its <picture>'s sources) and their base URL. */
export interface Srcsets {
  sets: string[];
  base: string;
}

/** What the injected picker script offers the worker, as `globalThis.__glimpse`. */
export interface PageApi {
  /** `panelComing`: the side panel is about to show and shrink the page; the picker waits for that first. */
  pick(mode: PickMode, text: PickerText, panelComing?: boolean): Promise<PickResult | null>;
  /** Pixels of the element the last pick chose (see `PickResult.src` when its file cannot be used). */
  readPicked(vector: boolean): string | undefined;
  locate(url: string, vector: boolean): Promise<Located | undefined>;
  srcsetsOf(url: string): Srcsets | undefined;
  readBlob(url: string): Promise<string | undefined>;
  /** The image under the last right-click in this frame, when the user lets Glimpse remember it (see at-pointer.ts). */
  atPointer(maxAgeMs: number, text: PickerText, place?: FramePlace): Promise<PickResult | { unplaced: string } | null>;
  /** In the top document: where a frame showing this URL sits. */
  framePlace(href: string): FramePlace | null;
  /** The image at a point of this frame, which sits at `offset` in the top viewport (for a pick on a cross-origin frame). */
  imageAt(x: number, y: number, offset: { x: number; y: number }, viewport: PickResult['viewport'], text: PickerText): Promise<PickResult | null>;
}
