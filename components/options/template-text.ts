import { tData, type MessageName } from '../../utils/i18n';
import type { ProfileTemplate } from '../../utils/settings/templates';

/** Message names for the texts of the profile templates; labels that are only brand names stay as they are. */
const TEXT: Record<string, { label?: MessageName; note: MessageName }> = {
  blank: { label: 'templateBlank', note: 'templateBlankNote' },
  'gpt-4o': { note: 'templateGpt4oNote' },
  claude: { note: 'templateClaudeNote' },
  gemini: { note: 'templateGeminiNote' },
  llava: { label: 'templateLlava', note: 'templateLlavaNote' },
  'qwen-vl': { label: 'templateQwen', note: 'templateQwenNote' },
  'phi-3-vision': { label: 'templatePhi', note: 'templatePhiNote' },
  litellm: { label: 'templateLitellm', note: 'templateLitellmNote' },
  openrouter: { label: 'templateOpenRouter', note: 'templateOpenRouterNote' },
};

export const templateLabel = (tpl: ProfileTemplate): string => tData(TEXT[tpl.id]?.label, tpl.label);
export const templateNote = (tpl: ProfileTemplate): string => tData(TEXT[tpl.id]?.note, tpl.note);
