import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Profile } from './settings';
import type { ProviderInfo } from './providers/types';

export interface TestResult {
  ok: boolean;
  message: string;
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
  /** Side panel: attach an image (paste, drop or URL). Returns the new thread id. */
  attachImage(data: AttachRequest): string;
  /** Side panel, on open: wakes the worker, which marks answers orphaned by a killed worker as interrupted. */
  recover(): number;
  /** Options: the registered providers. */
  providers(): ProviderInfo[];
  testConnection(data: { profile: Profile }): TestResult;
  listModels(data: { profile: Profile }): string[];
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
