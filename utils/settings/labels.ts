import { storage } from 'wxt/utils/storage';

/** How labels in the page are written and what they may cost (Options → Labels on the page). */
export interface LabelSettings {
  /** Appended to every label, so a listener knows a machine wrote it. */
  marker: string;
  /** A page estimated above this (USD) asks first; below it labelling starts at once. */
  askAboveUsd: number;
  /** Spend per day (USD) for the sites labelled always; labelling stops when it is reached. */
  dailyBudgetUsd: number;
}

export const DEFAULT_LABEL_SETTINGS: LabelSettings = { marker: ' (Glimpse)', askAboveUsd: 0.05, dailyBudgetUsd: 0.5 };

export const labelSettingsItem = storage.defineItem<LabelSettings>('local:labelSettings', { fallback: DEFAULT_LABEL_SETTINGS, version: 1 });

/** Origins (`https://example.com`) the user asked to label on every page load. */
export const labelSitesItem = storage.defineItem<string[]>('local:labelSites', { fallback: [], version: 1 });

/** Estimated spend of automatic labelling today (local date). */
export const labelSpendItem = storage.defineItem<{ day: string; usd: number }>('local:labelSpend', { fallback: { day: '', usd: 0 }, version: 1 });

export const today = (now = new Date()) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
