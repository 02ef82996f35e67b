import { defineProvider } from './types';
import { chatBody, listChatModels, openaiClient, streamChat } from './openai-chat';

export default defineProvider({
  id: 'openai',
  label: 'OpenAI',
  defaultBaseUrl: 'https://api.openai.com/v1',
  defaultModel: 'gpt-6-luna',
  keyRequired: true,
  keyUrl: 'https://platform.openai.com/api-keys',
  stream: (cfg, req, signal) => streamChat(openaiClient(cfg), cfg, chatBody(req, { detail: true, schema: true }), signal),
  listModels: (cfg, signal) => listChatModels(openaiClient(cfg), cfg, signal),
});
