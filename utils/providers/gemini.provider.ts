import { defineProvider } from './types';
import { chatBody, listChatModels, openaiClient, streamChat } from './openai-chat';

/** Gemini through its OpenAI-compatible endpoint; images go as data URLs only. */
export default defineProvider({
  id: 'gemini',
  label: 'Gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
  defaultModel: 'gemini-2.5-flash',
  keyRequired: true,
  keyUrl: 'https://aistudio.google.com/apikey',
  stream: (cfg, req, signal) => streamChat(openaiClient(cfg), cfg, chatBody(req), signal),
  listModels: (cfg, signal) => listChatModels(openaiClient(cfg), cfg, signal),
});
