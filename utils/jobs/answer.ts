import { bytesToBase64 } from '../base64';
import { db, newId, type Entry } from '../db';
import { ProviderError } from '../providers/errors';
import { getProvider } from '../providers/registry';
import type { ChatTurn } from '../providers/types';
import { SYSTEM_PROMPT } from '../presets';
import { resolveProfile } from '../settings';
import { entryWriter } from './entry-writer';
import { keepAlive } from './keepalive';

const running = new Map<string, AbortController>();
const MAX_ATTEMPTS = 4;
const MAX_WAIT_MS = 60_000;
const MAX_TOKENS = 2048;

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
}

async function buildTurns(req: AnswerRequest, createdAt: number): Promise<ChatTurn[]> {
  const thread = await db.threads.get(req.threadId);
  const image = thread?.imageId ? await db.images.get(thread.imageId) : undefined;
  if (!image) throw new ProviderError('bad-request', 'The image for this conversation is missing, so there is nothing to ask about.');
  const images = [{ mime: image.mime, base64: bytesToBase64(image.bytes) }];
  const earlier = (await db.entries.where('threadId').equals(req.threadId).sortBy('createdAt')).filter(
    (e) => e.createdAt < (req.before ?? createdAt) && (e.status === 'done' || e.status === 'stopped') && e.text,
  );
  const turns: ChatTurn[] = [];
  for (const e of earlier) {
    turns.push({ role: 'user', text: e.prompt, images: turns.length === 0 ? images : undefined });
    turns.push({ role: 'assistant', text: e.text });
  }
  turns.push({ role: 'user', text: req.prompt, images: turns.length === 0 ? images : undefined });
  return turns;
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
  const profile = await resolveProfile(req.profileId);
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
  const provider = profile && getProvider(profile.provider);
  if (!profile || !provider) {
    entry.status = 'failed';
    entry.error = {
      kind: 'no-provider',
      message: profile
        ? `The provider “${profile.provider}” is not available in this version. Choose another provider in Options.`
        : 'No model provider is set up yet. Open Options, choose a provider, paste your key and press Save; then press Retry.',
    };
    await db.entries.add(entry);
    await db.threads.update(req.threadId, { updatedAt: now });
    return entry.id;
  }
  await db.entries.add(entry);
  await db.threads.update(req.threadId, { updatedAt: now });

  const ctl = new AbortController();
  running.set(entry.id, ctl);
  const writer = entryWriter(entry.id);
  let text = '';
  let started!: () => void;
  const handedOver = new Promise<void>((r) => (started = r));

  const run = async () => {
    let usage: Entry['usage'];
    try {
      const turns = await buildTurns(req, now);
      for (let attempt = 1; ; attempt++) {
        try {
          const stream = provider.stream(
            { baseUrl: profile.baseUrl, apiKey: profile.apiKey, model: profile.model, detail: profile.detail },
            { model: profile.model, system: SYSTEM_PROMPT, turns, maxTokens: MAX_TOKENS, detail: profile.detail },
            ctl.signal,
          )[Symbol.asyncIterator]();
          const first = stream.next();
          started();
          for (let r = await first; !r.done; r = await stream.next()) {
            const ev = r.value;
            if (ev.type === 'text') {
              text += ev.text;
              writer.update({ text, retryAt: undefined, error: undefined });
            } else {
              usage = { inputTokens: ev.inputTokens ?? usage?.inputTokens, outputTokens: ev.outputTokens ?? usage?.outputTokens };
            }
          }
          writer.update({ status: 'done', text, usage, retryAt: undefined, error: undefined });
          return;
        } catch (err) {
          const e = err instanceof ProviderError ? err : new ProviderError('stream', String(err));
          if (ctl.signal.aborted || e.kind === 'aborted') {
            writer.update({ status: 'stopped', text, usage, retryAt: undefined });
            return;
          }
          const wait = Math.min(e.retryAfterMs ?? 1000 * 2 ** attempt, MAX_WAIT_MS);
          if (e.retryable && !text && attempt < MAX_ATTEMPTS && (e.retryAfterMs ?? 0) <= MAX_WAIT_MS) {
            writer.update({ retryAt: Date.now() + wait, error: { kind: e.kind, message: e.message, status: e.status } });
            await sleep(wait, ctl.signal);
            if (ctl.signal.aborted) {
              writer.update({ status: 'stopped', retryAt: undefined });
              return;
            }
            continue;
          }
          writer.update({ status: 'failed', text, usage, retryAt: undefined, error: { kind: e.kind, message: e.message, status: e.status } });
          return;
        }
      }
    } catch (err) {
      const e = err instanceof ProviderError ? err : new ProviderError('stream', String(err));
      writer.update({ status: 'failed', text, error: { kind: e.kind, message: e.message, status: e.status } });
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
  if (!old) throw new Error('That answer no longer exists.');
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
          message: 'This answer was interrupted: the browser stopped Glimpse’s background worker. The text so far is kept; press Retry for a full answer.',
        },
      }),
    ),
  );
  return orphans.length;
}

