import { storage } from 'wxt/utils/storage';

/** Where labelling of one tab stands; the panel shows the newest. Session storage: gone when the browser closes. */
export interface LabelState {
  tabId: number;
  pageUrl: string;
  phase: 'reading' | 'confirm' | 'running' | 'done' | 'budget' | 'failed' | 'removed';
  /** Images that need a label, and how many of them need a request (the rest come from the cache). */
  count: number;
  toSend: number;
  /** Estimated cost of the requests, USD (undefined: unknown price). */
  usd?: number;
  labelled: number;
  cached: number;
  failed: number;
  removed?: number;
  error?: string;
  updatedAt: number;
}

export const labelStatesItem = storage.defineItem<Record<string, LabelState>>('session:labelStates', { fallback: {} });

/** The state of the tab labelled most recently. */
export const newestState = (states: Record<string, LabelState>): LabelState | undefined =>
  Object.values(states).sort((a, b) => b.updatedAt - a.updatedAt)[0];
