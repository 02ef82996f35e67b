import { db, newId, type Entry, type EntryError, type Thread } from '../store/db';
import { restoreOllamaOriginFix } from '../worker/ollama-origin';
import { costFromUsage, DEFAULT_PRICES, estimateCost, loadPriceTable, overBudget, PRICES_AS_OF } from '../settings/pricing';
import { ProviderError } from '../providers/errors';
import { getProvider } from '../providers/registry';
import type { ChatTurn, ProviderConfig, ProviderRequest } from '../providers/types';
import { isKnownTextOnly, noVisionMessage } from '../providers/vision';
import { getPreset } from '../settings/preset-store';
import { SYSTEM_PROMPT } from '../settings/presets';
import { resolveProfile, type Profile } from '../settings/items';
import { ImageError, type SendableImage } from '../image/prepare';
import { schemaOf } from '../answers/structured';
import { entryWriter } from './entry-writer';
import { availableModels, explainNoAccess, kb, notFoundMessage, reencodeTurns, retiredNotice } from './fault-help';
import { keepAlive, timing } from './keepalive';
import { addUsage, checkAndRepair } from './structured-repair';
import { SchemaAsk } from './schema-fallback';
import { providerConfig } from './provider-config';
import { mark } from '../marks';
import { buildTurns } from './turns';
import { sentences, t } from '../i18n';

const running = new Map<string, AbortController>();
/** Requests per answer, the first included; retries happen only before the first token. */
export const MAX_ATTEMPTS = 4;
/** The longest wait Glimpse accepts; a longer retry-after fails at once and says so. */
export const MAX_WAIT_MS = 60_000;
/** Backoff without retry-after: 2 s, 4 s, 8 s. */
const BACKOFF_MS = 1000;
/** The output-token limit of an answer; structured answers (a large table, a long receipt) get more, so they are not cut. */
export const MAX_TOKENS = 4096;
export const STRUCTURED_MAX_TOKENS = 16_384;

export const isRunning = (entryId: string) => running.has(entryId);

export function stopAnswer(entryId: string): boolean {
  const ctl = running.get(entryId);
  ctl?.abort();
  return !!ctl;
}

export interface AnswerRequest {
  threadId: string;
  presetId: string;
  prompt: string;
  question?: string;
  profileId?: string;
  /** Turns before this time form the conversation; later ones are ignored (regenerate). */
  before?: number;
  /** The profile for profileId when the caller has already read it. */
  profile?: Profile;
  /** A new thread, stored with the entry in one transaction. */
  thread?: Thread;
  /** That new thread's image, still being prepared: sent from memory (its row is stored after the request leaves). */
  image?: Promise<SendableImage>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/**
 * Creates the entry and starts streaming into it. Resolves with the entry id once the
 * request is on its way; the stream goes on in the background and is persisted as it arrives.
 */
export async function startAnswer(req: AnswerRequest): Promise<string> {
  const now = Date.now();
  const profile = req.profile ?? (await resolveProfile(req.profileId));
  const entry: Entry = {
    id: newId(),
    threadId: req.threadId,
    createdAt: now,
    updatedAt: now,
    presetId: req.presetId,
    prompt: req.prompt,
    question: req.question,
    profileId: profile?.id,
    profileName: profile?.name,
    provider: profile?.provider,
    model: profile?.model,
    status: 'streaming',
    text: '',
  };
  // A new thread and its first entry are stored together; otherwise the thread is touched.
  const store = (e: Entry) =>
    req.thread
      ? db.transaction('rw', db.threads, db.entries, async () => {
          await db.threads.add({ ...req.thread!, updatedAt: now });
          await db.entries.add(e);
        })
      : Promise.all([db.entries.add(e), db.threads.update(req.threadId, { updatedAt: now })]);
  const provider = profile && getProvider(profile.provider);
  if (!profile || !provider) {
    entry.status = 'failed';
    entry.error = {
      kind: 'no-provider',
      message: profile
        ? t('answerProviderMissing', profile.provider)
        : t('answerNoProvider'),
    };
    await store(entry);
    return entry.id;
  }
  // A model known to read text only would refuse (or worse, ignore) the image: say so, send nothing.
  if (isKnownTextOnly(profile.model)) {
    entry.status = 'failed';
    entry.error = { kind: 'no-vision', message: noVisionMessage(profile.model) };
    await store(entry);
    return entry.id;
  }
  // Registered before the row exists: a panel's `recover` in between must not mark it interrupted.
  const ctl = new AbortController();
  running.set(entry.id, ctl);
  const stored = store(entry);
  // Independent reads, started now: they overlap the entry's write, and all sit before the request.
  const reads = Promise.all([loadPriceTable(), buildTurns(req, now), getPreset(req.presetId)]);
  reads.catch(() => undefined); // awaited in run(); not an unhandled rejection meanwhile
  try {
    // The entry exists (streaming) before anything is sent: from here on nothing is lost.
    await stored;
  } catch (err) {
    running.delete(entry.id);
    throw err;
  }
  const writer = entryWriter(entry.id);
  const errorOf = (e: ProviderError, message = e.message, models?: string[]): EntryError => ({
    kind: e.kind, message, status: e.status, ...(models ? { models } : {}),
  });
  let text = '';
  let usage: Entry['usage'];
  let started!: () => void;
  const handedOver = new Promise<void>((r) => (started = r));

  const run = async () => {
    let prices = { asOf: PRICES_AS_OF, prices: DEFAULT_PRICES };
    const finish = (patch: Partial<Entry>) =>
      writer.update({ text, usage, cost: costFromUsage(profile, usage, prices), retryAt: undefined, notice: undefined, ...patch });
    try {
      const cfg = providerConfig(profile);
      const [table, built, preset] = await reads;
      prices = table;
      let turns = built.turns;
      const words = [SYSTEM_PROMPT, ...turns.map((t) => t.text)].join('\n');
      const estimate = estimateCost(profile, built.sizes, words, prices);
      writer.update({ estimate });
      const refusal = overBudget(estimate);
      if (refusal) return finish({ status: 'failed', error: { kind: 'bad-request', message: refusal } });
      if (provider.id === 'ollama') await restoreOllamaOriginFix(profile.baseUrl);
      const schemaName = schemaOf(preset);
      const ask = await SchemaAsk.start(profile, schemaName);
      const request = (t: ChatTurn[]): ProviderRequest =>
        ({ model: profile.model, system: SYSTEM_PROMPT, turns: t, maxTokens: schemaName ? STRUCTURED_MAX_TOKENS : MAX_TOKENS, detail: profile.detail, responseSchema: ask.schema });
      let reencoded: string | undefined;
      // What the entry keeps saying while it streams: a structured-output fallback, a re-encode.
      const retired = retiredNotice(profile.model);
      const kept = () => sentences(retired, ask.note, reencoded) || undefined;
      for (let attempt = 1; ; attempt++) {
        // Nothing yet after a while: say so (the model may be loading or thinking); Stop stays offered.
        const slow = setTimeout(() => {
          if (!text) writer.update({ notice: t('answerSlowStart', Math.round(timing().slowFirstTokenMs / 1000)) });
        }, timing().slowFirstTokenMs);
        try {
          mark('stream');
          const stream = provider.stream(cfg, request(turns), ctl.signal)[Symbol.asyncIterator]();
          const first = stream.next();
          started();
          for (let r = await first; !r.done; r = await stream.next()) {
            const ev = r.value;
            if (ev.type === 'text') {
              if (!text) clearTimeout(slow);
              text += ev.text;
              writer.update({ text, retryAt: undefined, error: undefined, ...(text === ev.text ? { notice: kept() } : {}) });
            } else if (ev.type === 'notice') {
              writer.update({ notice: ev.text });
            } else {
              usage = { inputTokens: ev.inputTokens ?? usage?.inputTokens, outputTokens: ev.outputTokens ?? usage?.outputTokens };
            }
          }
          // A structured answer is validated, and repaired once in the same conversation when invalid.
          if (schemaName) await ask.settle(text);
          const checked = schemaName
            ? await checkAndRepair({ schema: schemaName, text, turns, send: (t) => provider.stream(cfg, request(t), ctl.signal), onRepair: (notice) => writer.update({ notice }) })
            : { text };
          text = checked.text;
          usage = addUsage(usage, checked.usage);
          finish({ status: 'done', error: undefined, notice: checked.notice ? sentences(ask.note, checked.notice) : kept(), raw: checked.raw });
          return;
        } catch (err) {
          clearTimeout(slow);
          const e = err instanceof ProviderError ? err : new ProviderError('stream', String(err));
          if (ctl.signal.aborted || e.kind === 'aborted') return finish({ status: 'stopped' });
          // A server or model that refuses structured output (400) is asked once more without it; the prompt still asks for JSON.
          if (attempt < MAX_ATTEMPTS && ask.refused(e, text)) continue;
          // One automatic re-encode when the image itself was refused, before any text.
          if ((e.kind === 'too-large' || e.kind === 'image-format') && !reencoded && !text && attempt < MAX_ATTEMPTS) {
            const smaller = await reencodeTurns(turns, e.kind).catch(() => undefined);
            if (smaller) {
              turns = smaller.turns;
              reencoded = t('answerResent', t(e.kind === 'too-large' ? 'answerResentTooLarge' : 'answerResentUnreadable'), smaller.width, smaller.height, kb(smaller.bytes));
              writer.update({ notice: kept() });
              continue;
            }
          }
          if ((e.kind === 'too-large' || e.kind === 'image-format') && reencoded) {
            const advice = e.kind === 'too-large'
              ? t('answerStillTooLarge')
              : t('answerStillRefused');
            return finish({ status: 'failed', error: errorOf(e, `${e.message} ${reencoded} ${advice}`) });
          }
          if (e.kind === 'not-found') {
            const models = await availableModels(provider, cfg);
            return finish({ status: 'failed', error: errorOf(e, notFoundMessage(profile.model, models, e.message), models) });
          }
          const tooLong = (e.retryAfterMs ?? 0) > MAX_WAIT_MS;
          if (e.retryable && !text && attempt < MAX_ATTEMPTS && !tooLong) {
            const wait = e.retryAfterMs ?? BACKOFF_MS * 2 ** attempt;
            writer.update({ retryAt: Date.now() + wait, error: errorOf(e) });
            await sleep(wait, ctl.signal);
            if (ctl.signal.aborted) return finish({ status: 'stopped' });
            continue;
          }
          const why = tooLong
            ? ` ${t('answerWaitTooLong', Math.ceil(e.retryAfterMs! / 1000))}`
            : e.retryable && attempt > 1 ? ` ${t('answerTriedTimes', attempt)}` : '';
          const told = await explainNoAccess(e, cfg.baseUrl);
          return finish({ status: 'failed', error: errorOf(told, told.message + why) });
        } finally {
          clearTimeout(slow);
        }
      }
    } catch (err) {
      // The new thread's image could not be decoded: nothing was sent; say why.
      if (err instanceof ImageError) return finish({ status: 'failed', error: { kind: 'image', message: err.message } });
      const e = err instanceof ProviderError ? err : new ProviderError('stream', String(err));
      finish({ status: 'failed', error: errorOf(e) });
    } finally {
      started();
      await writer.settle();
      running.delete(entry.id);
    }
  };
  void keepAlive(run);
  await handedOver;
  return entry.id;
}

/** A new answer to the same question, optionally with another profile; the old one is kept. */
export async function retryAnswer(entryId: string, profileId?: string): Promise<string> {
  const old = await db.entries.get(entryId);
  if (!old) throw new Error(t('answerGone'));
  return startAnswer({
    threadId: old.threadId,
    presetId: old.presetId,
    prompt: old.prompt,
    question: old.question,
    profileId: profileId ?? old.profileId,
    before: old.createdAt,
  });
}

/** On worker start, nothing can still be streaming: mark orphans so the user can retry. */
export async function markInterrupted(): Promise<number> {
  const orphans = (await db.entries.where('status').equals('streaming').toArray()).filter((e) => !running.has(e.id));
  await Promise.all(
    orphans.map((e) =>
      db.entries.update(e.id, {
        status: 'interrupted',
        retryAt: undefined,
        error: {
          kind: 'interrupted',
          message: t('answerWasInterrupted'),
        },
      }),
    ),
  );
  return orphans.length;
}

