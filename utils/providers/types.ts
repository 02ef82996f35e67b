import type { Detail } from '../settings/items';

export interface ImagePart {
  mime: string;
  base64: string;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
  images?: ImagePart[];
}

/** A JSON Schema the answer must follow, asked for through the provider's own structured-output mechanism. */
export interface ResponseSchema {
  /** a-z, A-Z, 0-9, _ and -, at most 64 characters (OpenAI's rule for json_schema.name). */
  name: string;
  schema: Record<string, unknown>;
}

export interface ProviderRequest {
  model: string;
  system?: string;
  turns: ChatTurn[];
  maxTokens: number;
  detail?: Detail;
  responseSchema?: ResponseSchema;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number }
  /** Progress the user should see before the first token, e.g. an on-device model downloading. */
  | { type: 'notice'; text: string };

export interface ProviderConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  detail?: Detail;
  /** The profile's extra headers (gateways), already validated; sent on every request, model lists included. */
  headers?: Record<string, string>;
}

/** What the options page needs to draw the form; sent over messaging, so no functions. */
export interface ProviderInfo {
  id: string;
  label: string;
  defaultBaseUrl: string;
  defaultModel: string;
  keyRequired: boolean;
  keyUrl?: string;
  /** Hint shown under the Base URL field. */
  baseUrlHint?: string;
}

export interface ProviderDefinition extends ProviderInfo {
  /** Streams one answer. Throws ProviderError for every failure the user should see. */
  stream(cfg: ProviderConfig, req: ProviderRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
  listModels?(cfg: ProviderConfig, signal: AbortSignal): Promise<string[]>;
}

export function defineProvider(def: ProviderDefinition): ProviderDefinition {
  return def;
}
