import { t } from '../i18n';
import { defineProvider } from './types';
import { chatBody, listChatModels, openaiClient, streamChat } from './openai-chat';

/**
 * OpenRouter, LM Studio, vLLM, LiteLLM and other servers that speak Chat Completions. No response_format:
 * support differs by server and model, and the prompt already asks for JSON in the text.
 */
export default defineProvider({
  id: 'openai-compatible',
  label: 'OpenAI-compatible',
  defaultBaseUrl: 'http://localhost:1234/v1',
  defaultModel: '',
  keyRequired: false,
  baseUrlHint: t('providerCompatibleHint'),
  stream: (cfg, req, signal) => streamChat(openaiClient(cfg), cfg, chatBody(req), signal),
  listModels: (cfg, signal) => listChatModels(openaiClient(cfg), cfg, signal),
});
