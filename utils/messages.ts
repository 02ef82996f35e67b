import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Profile } from './settings/items';
import type { ProviderInfo } from './providers/types';

export interface TestResult {
  ok: boolean;
  message: string;
  /** On failure, the ProviderError kind (e.g. `ollama-origin` → offer the one-click fix, `no-vision`, `not-found`). */
  kind?: string;
  /** With kind `not-found`: the models the provider offers. */
  models?: string[];
}

/** A profile as the panel may see it: never the key. */
export interface ProfileSummary {
  id: string;
  name: string;
  provider: string;
  model: string;
  isDefault: boolean;
}

export interface AttachRequest {
  /** A `data:` URL from a paste or drop, or an http(s) URL the user typed. */
  url: string;
  method: 'paste' | 'drop' | 'url';
  name?: string;
}

/** Every message between the extension's contexts. The worker answers all of them. */
export interface ProtocolMap {
  /** Side panel: a typed question about the thread's image. Returns the new entry id. */
  ask(data: { threadId: string; question: string }): string;
  stop(data: { entryId: string }): boolean;
  /** A new answer to the same prompt, optionally with another profile. */
  retry(data: { entryId: string; profileId?: string }): string;
  /** Side panel: run a preset on the thread's image. Returns the new entry id. */
  runPreset(data: { threadId: string; presetId: string; profileId?: string }): string;
  /** Side panel: the same image and prompt to two or more profiles, shown side by side. Returns the entry ids. */
  compare(data: { threadId: string; presetId: string; question?: string; profileIds: string[] }): string[];
  /** Side panel: profile names for the Regenerate and Compare choices. */
  listProfiles(): ProfileSummary[];
  /** Side panel, once all-sites access is granted: the thread's image captured again as its original file, in a new thread. */
  recapture(data: { threadId: string }): string;
  /** Side panel: attach an image (paste, drop or URL). Returns the new thread id. */
  attachImage(data: AttachRequest): string;
  /** Side panel, on open: wakes the worker, which marks answers orphaned by a killed worker as interrupted. */
  recover(): number;
  /** Panel: list every image on the active page with its alt-text verdicts. Returns the audit id. */
  startAudit(data: { tabId?: number }): string;
  auditHighlight(data: { auditId: string; key: string }): boolean;
  /** Starts batch generation (runs on in the worker; results land in the audit row). */
  auditGenerate(data: { auditId: string; keys: string[]; maxLength?: number; language?: string }): void;
  auditCancel(data: { auditId: string }): boolean;
  /**
   * Panel: label the active page's flagged images in place (utils/labels/run.ts); `confirmed` once the user
   * pressed "Label N images" after a cost above the threshold. Progress lands in the label state.
   */
  labelPage(data: { tabId?: number; confirmed?: boolean }): void;
  /** Panel: take every Glimpse label off the page again. Returns how many images were restored. */
  removeLabels(data: { tabId?: number }): number;
  /** Panel / options: label this site on every page load (host access asked by the caller), or stop. */
  labelSite(data: { origin: string; on: boolean; tabId?: number }): boolean;
  /** The labels page script, on load and when images arrive: labels them when the site is on. Returns whether it is. */
  labelAuto(): boolean;
  /** Options: the registered providers. */
  providers(): ProviderInfo[];
  testConnection(data: { profile: Profile }): TestResult;
  listModels(data: { profile: Profile }): string[];
  /** Options: for local templates, is the server up and the model there? */
  checkLocal(data: { profile: Profile; installHint?: string }): TestResult;
  /**
   * Options / panel: the one-click fix for Ollama's 403 (utils/worker/ollama-origin.ts), for a base URL or a
   * profile's (the panel knows only the profile id). `enable: false` turns it off. Returns whether it is on.
   */
  fixOllamaOrigin(data: { baseUrl?: string; profileId?: string; enable?: boolean }): boolean;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Worker → open panels, on a BroadcastChannel: an answer's text so far while it streams (utils/store/live-text.ts). */
export const LIVE_TEXT_CHANNEL = 'glimpse-live-text';
export interface LiveTextMessage {
  id: string;
  text: string;
}

/** Worker → the offscreen decoder document (utils/decoder/), by client postMessage: a port for decode requests. */
export interface DecoderPortMessage {
  type: 'glimpse-decoder-port';
  port: MessagePort;
}
/** On that port, worker → document: `bytes` decoded upright (EXIF `orientation` applied) at `width`×`height`. */
export interface DecodeRequest {
  id: number;
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  orientation: number;
}
/** On that port, document → worker: the decoded bitmap or why not. Id 0 says it listens, −1 that it is closing. */
export interface DecodeReply {
  id: number;
  bitmap?: ImageBitmap;
  error?: string;
}
