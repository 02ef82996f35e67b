import { defineProvider } from './types';
import { chatBody, listChatModels, openaiClient, streamChat } from './openai-chat';

/**
 * Gemini through its OpenAI-compatible endpoint; images go as data URLs only. Whether it honours
 * response_format is unconfirmed, so the answer is still parsed as JSON-in-text when it does not.
 */
export default defineProvider({
  id: 'gemini',
  label: 'Gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
  defaultModel: 'gemini-3.5-flash',
  keyRequired: true,
  keyUrl: 'https://aistudio.google.com/apikey',
  stream: (cfg, req, signal) => streamChat(openaiClient(cfg), cfg, chatBody(req, { schema: true }), signal),
  listModels: (cfg, signal) => listChatModels(openaiClient(cfg), cfg, signal),
});
