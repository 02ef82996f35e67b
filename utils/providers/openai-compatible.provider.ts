import { t } from '../i18n';
import { defineProvider } from './types';
import { chatBody, listChatModels, openaiClient, streamChat } from './openai-chat';

/**
 * OpenRouter, LM Studio, vLLM, LiteLLM and other servers that speak Chat Completions. They are asked for
 * `response_format: json_schema` like OpenAI; support differs by server and model, so jobs/schema-fallback.ts
 * falls back to the prompt's JSON-in-text when one refuses or ignores it, and remembers that per profile.
 */
export default defineProvider({
  id: 'openai-compatible',
  label: 'OpenAI-compatible',
  defaultBaseUrl: 'http://localhost:1234/v1',
  defaultModel: '',
  keyRequired: false,
  baseUrlHint: t('providerCompatibleHint'),
  stream: (cfg, req, signal) => streamChat(openaiClient(cfg), cfg, chatBody(req, { schema: true }), signal),
  listModels: (cfg, signal) => listChatModels(openaiClient(cfg), cfg, signal),
});
