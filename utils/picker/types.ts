/** What the in-page picker hands back to the worker. Plain data: it crosses executeScript. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PickResult {
  kind: 'region' | 'element';
  /** CSS pixels, relative to the viewport, at the moment of capture. */
  rect: Rect;
  viewport: { width: number; height: number };
  /** Bytes read in the page (data:, blob:, same-origin, a clean canvas), as a data URL. */
  dataUrl?: string;
  /** A URL the worker may fetch for the original file. */
  src?: string;
  /** Short description of the element, for provenance. */
  element?: string;
}

export type PickMode = 'region' | 'element';
