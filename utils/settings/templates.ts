/** Ready-made profiles for the vision models users arrive with. Data only. */
export interface ProfileTemplate {
  id: string;
  label: string;
  provider: string;
  baseUrl: string;
  model: string;
  /** Where to get a key, or how to set the local server up. */
  helpUrl?: string;
  /** Runs on this machine: Glimpse checks the server and the model before the first request. */
  local?: boolean;
  /** Exact instruction when the model is missing on a local server. */
  installHint?: string;
  /** Extra headers the gateway wants, pre-filled (one `Name: value` per line). */
  headers?: string;
  note: string;
}

export const TEMPLATES: ProfileTemplate[] = [
  { id: 'blank', label: 'Blank profile', provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: '', note: 'Fill in every field yourself.' },
  {
    // The id is kept from the GPT-4o days: saved profiles name their template by it.
    id: 'gpt-4o', label: 'GPT-6.2 Sol (OpenAI)', provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-6.2-sol',
    helpUrl: 'https://platform.openai.com/api-keys', note: 'Paste an OpenAI API key. Images go within 2048 px and 2,500 patches of 32 px, all that Image detail High reads; GPT-5.4 and later bill 1.2 tokens a patch. For the cheapest requests choose gpt-6-luna.',
  },
  {
    id: 'claude', label: 'Claude (Anthropic)', provider: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'claude-sonnet-5-5',
    helpUrl: 'https://console.anthropic.com/settings/keys', note: 'Paste an Anthropic API key. Images are resized to Anthropic’s own limit for the model: 2576 px and 4784 patches of 28 px on Opus 4.7 and later and Sonnet 5 and later (Glimpse sends at most 2048 px), 1568 px and 1568 patches on the others.',
  },
  {
    id: 'gemini', label: 'Gemini (Google)', provider: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', model: 'gemini-3.5-flash',
    helpUrl: 'https://aistudio.google.com/apikey', note: 'Paste a Gemini API key from Google AI Studio. Images go as data URLs through Gemini’s OpenAI-compatible endpoint; Gemini 3 and later count 1120 tokens an image, whatever its size.',
  },
  {
    id: 'llava', label: 'LLaVA (local, Ollama)', provider: 'ollama', baseUrl: 'http://localhost:11434', model: 'llava', local: true,
    helpUrl: 'https://ollama.com/download', installHint: 'ollama pull llava',
    note: 'Install Ollama, then run: ollama pull llava. No key needed; images stay on your machine (≤ 1344 px).',
  },
  {
    id: 'qwen-vl', label: 'Qwen-VL (local, Ollama)', provider: 'ollama', baseUrl: 'http://localhost:11434', model: 'qwen2.5vl', local: true,
    helpUrl: 'https://ollama.com/library/qwen2.5vl', installHint: 'ollama pull qwen2.5vl',
    note: 'Run: ollama pull qwen2.5vl. To use a hosted Qwen-VL instead, choose the Blank profile with OpenAI-compatible and your host’s URL.',
  },
  {
    id: 'phi-3-vision', label: 'Phi-3 Vision (local, LM Studio or vLLM)', provider: 'openai-compatible', baseUrl: 'http://localhost:1234/v1',
    model: 'microsoft/Phi-3-vision-128k-instruct', local: true, helpUrl: 'https://lmstudio.ai/docs/app/api',
    installHint: 'In LM Studio, download and load Phi-3 Vision, then start the server (Developer → Start server). For vLLM run: vllm serve microsoft/Phi-3-vision-128k-instruct --trust-remote-code --port 1234',
    note: 'LM Studio serves on http://localhost:1234/v1, vLLM on http://localhost:8000/v1 by default. Use the model id the server lists (Load model list).',
  },
  {
    id: 'litellm', label: 'LiteLLM (gateway)', provider: 'openai-compatible', baseUrl: 'http://localhost:4000/v1', model: '',
    helpUrl: 'https://docs.litellm.ai/docs/proxy/virtual_keys',
    note: 'A LiteLLM proxy serves on http://localhost:4000 by default; use your company’s proxy URL instead, with /v1. Paste a LiteLLM virtual key (sk-…) as the API key: it is sent as Authorization: Bearer. LiteLLM needs no other header; add any your proxy’s admins ask for under Extra headers. The model is a model_name from the proxy’s config (Load model list).',
  },
  {
    id: 'openrouter', label: 'OpenRouter (gateway)', provider: 'openai-compatible', baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-6-luna',
    helpUrl: 'https://openrouter.ai/settings/keys', headers: 'X-Title: Glimpse',
    note: 'Paste an OpenRouter API key. OpenRouter reads two optional headers to credit the app: X-Title (filled in as Glimpse) and HTTP-Referer (a URL of your app or site; add it under Extra headers to be listed). Any vision model id works, e.g. openai/gpt-6-luna or google/gemini-3.5-flash.',
  },
];

export const findTemplate = (id: string) => TEMPLATES.find((t) => t.id === id);
