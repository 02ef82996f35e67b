import { browser } from 'wxt/browser';
import { base64ToBytes, bytesToBase64 } from '../base64';
import { sentences, t, tPlural } from '../i18n';
import { modelStatus } from '../settings/retired-models';
import { reencodeJpeg } from '../image/reencode';
import { ProviderError } from '../providers/errors';
import type { ChatTurn, ProviderConfig, ProviderDefinition } from '../providers/types';

/** How much the one automatic re-encode shrinks after a 413: half the long edge, JPEG quality 0.7. */
export const SHRINK_SCALE = 0.5;
export const SHRINK_QUALITY = 0.7;
const MAX_MODELS_SHOWN = 15;

/** The model ids the provider offers, or undefined when it cannot say (wrong URL, no list endpoint). */
export async function availableModels(provider: ProviderDefinition, cfg: ProviderConfig): Promise<string[] | undefined> {
  if (!provider.listModels) return undefined;
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), 10_000);
  try {
    const ids = await provider.listModels(cfg, ctl.signal);
    return ids.length ? ids : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(t);
  }
}

/** "Model not found" plus the models there are, so the user can pick one. */
export function notFoundMessage(model: string, models: string[] | undefined, original: string): string {
  // A retired model is the likeliest cause of a 404 on a profile that used to work: say so first.
  const retired = retiredNotice(model);
  if (!models) return sentences(retired, original);
  const shown = models.slice(0, MAX_MODELS_SHOWN).join(', ');
  const more = models.length > MAX_MODELS_SHOWN ? ` ${tPlural('modelsMore', models.length - MAX_MODELS_SHOWN)}` : '';
  return sentences(retired, t('modelNotFoundList', model, `${shown}${more}`));
}

/** Said in the entry when the profile's model is past its retirement date: the answer may come from its successor. */
export function retiredNotice(model: string): string | undefined {
  const gone = modelStatus(model);
  return gone?.retired ? t('modelRetired', gone.model, gone.retires, gone.replacement) : undefined;
}

/**
 * A request that never got an answer, to a server Glimpse has no host access for: the browser's cross-origin
 * check stopped it (the SDKs say only "Connection error"). Says so, and the two ways forward.
 */
export async function explainNoAccess(err: ProviderError, baseUrl: string): Promise<ProviderError> {
  if (err.kind !== 'network' || (typeof navigator !== 'undefined' && navigator.onLine === false)) return err;
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return err;
  }
  const granted = await browser.permissions.contains({ origins: [`${u.protocol}//${u.hostname}/*`] }).catch(() => true);
  return granted ? err : new ProviderError('network', t('errNoAccess', u.hostname));
}

export interface Shrunk {
  turns: ChatTurn[];
  width: number;
  height: number;
  bytes: number;
}

/**
 * The turns with their images (the image, or each of its tiles) re-encoded as JPEG: smaller for
 * `too-large`, same size for an unreadable format. Width and height are the first image's; bytes are all of them.
 */
export async function reencodeTurns(turns: ChatTurn[], why: ProviderError['kind']): Promise<Shrunk | undefined> {
  const i = turns.findIndex((t) => t.images?.length);
  if (i === -1) return undefined;
  const outs = await Promise.all(
    turns[i]!.images!.map((img) => reencodeJpeg(base64ToBytes(img.base64), img.mime, why === 'too-large' ? SHRINK_SCALE : 1, SHRINK_QUALITY)),
  );
  const images = outs.map((out) => ({ mime: out.mime, base64: bytesToBase64(out.bytes) }));
  const next = turns.map((t, j) => (j === i ? { ...t, images } : t));
  return { turns: next, width: outs[0]!.width, height: outs[0]!.height, bytes: outs.reduce((n, o) => n + o.bytes.length, 0) };
}

export const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;
