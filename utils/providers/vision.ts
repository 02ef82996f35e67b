import { sentences, t } from '../i18n';

/**
 * What a provider's words mean for images. Pure, so the job layer, the test-connection
 * check and the options page can all ask the same questions.
 */

/**
 * Model ids that are known to take text only. Deliberately short and specific: a wrong
 * "text-only" verdict blocks a working model, a missed one only costs one refused request.
 */
const TEXT_ONLY: RegExp[] = [
  /^gpt-3\.5/,
  /^gpt-4(-0314|-0613|-32k[-\w]*)?$/,
  /^(o1-mini|o1-preview|o3-mini)(-\d{4}-\d{2}-\d{2})?$/,
  /^(text-|davinci|babbage)/,
  /^claude-(2|instant)/,
  /^deepseek-(chat|coder|reasoner|r1|v3)/,
  /^(llama-?2|llama-?3(\.[0-3])?)(:|-|$)/,
  /^(mistral|mistral-7b|mixtral|codellama|phi3|phi-3|phi4|gemma|gemma2)(:|-instruct|$)/,
  /^qwen2(\.5)?(:|-coder|-instruct|$)/,
];

export function isKnownTextOnly(model: string): boolean {
  // Routers prefix the vendor: openai/gpt-4, meta-llama/llama-3-8b, models/gemini-….
  const id = model.trim().toLowerCase().replace(/^[\w.-]+\//, '');
  if (!id || /vision|vl\b|vl[:-]|llava|pixtral|moondream|multimodal|minicpm-v/.test(id)) return false;
  return TEXT_ONLY.some((re) => re.test(id));
}

/** Servers saying the chosen model cannot see images (OpenAI, Ollama, LM Studio, vLLM, OpenRouter, Groq). */
const NO_VISION =
  /only supported by certain models|missing data required for image input|does not support (image|vision|multimodal|multi-modal)|doesn'?t support (image|vision)|not a multimodal model|image input (is )?not supported|no endpoints found that support image input|model does not support images|image_url is not supported|vision is not supported|cannot (read|process|accept) images/i;

/** Servers saying the image is too big (OpenAI invalid_image, Anthropic 400 "exceeds 5 MB maximum", gateways). */
const TOO_LARGE = /image size exceeds|image exceeds .*maximum|image (is )?too large|exceeds the (maximum|limit).*image|request entity too large|payload too large|request_too_large|maximum allowed number of bytes|below 20 ?MB/i;

/** Servers saying the bytes are not an image they can read. */
const BAD_FORMAT =
  /invalid_image(_format)?|unsupported image|image format|could not process image|does not match the provided media type|invalid image|failed to (decode|load) image|image_parse_error|not a valid image/i;

export type ImageVerdict = 'no-vision' | 'too-large' | 'image-format' | undefined;

/** Classifies a refusal from the server's code and message; undefined when it is not about the image. */
export function imageVerdict(code: string | undefined, message: string): ImageVerdict {
  const text = `${code ?? ''} ${message}`;
  if (NO_VISION.test(text)) return 'no-vision';
  if (TOO_LARGE.test(text)) return 'too-large';
  if (BAD_FORMAT.test(text)) return 'image-format';
  return undefined;
}

export function noVisionMessage(model?: string, serverSaid?: string): string {
  return sentences(t('noVision'), model && t('noVisionModel', model), t('noVisionChoose'), serverSaid && t('errServerSaid', serverSaid.slice(0, 300)));
}
