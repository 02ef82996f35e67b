import { LIVE_TEXT_CHANNEL, type LiveTextMessage } from '../messages';

/** Posts an answer's text so far at most this often; the panel draws once per frame anyway. */
export const LIVE_TEXT_MS = 16;

/**
 * Worker side: sends an entry's streamed text straight to open panels. IndexedDB stays the record
 * (entryWriter writes it every STREAM_WRITE_MS); this only makes tokens appear sooner than a
 * write, its change message and the panel's re-read would.
 */
export function liveTextPoster(id: string, channel: Pick<BroadcastChannel, 'postMessage'> | undefined = openChannel()) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = '';
  let last = 0;
  const post = () => {
    timer = undefined;
    last = Date.now();
    channel?.postMessage({ id, text: latest } satisfies LiveTextMessage);
  };
  return {
    text(text: string): void {
      latest = text;
      const wait = last + LIVE_TEXT_MS - Date.now();
      if (wait <= 0) post();
      else timer ??= setTimeout(post, wait);
    },
    /** The answer settled: its text is in the database now; nothing more to send. */
    close(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

let shared: BroadcastChannel | undefined;
/** One channel per context, opened on first use. */
function openChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel !== 'undefined') shared ??= new BroadcastChannel(LIVE_TEXT_CHANNEL);
  return shared;
}

type Listener = () => void;

/**
 * Panel side: the newest streamed text per entry, with one notification per animation frame.
 * While an answer streams its text only grows, so the longer of this and the stored text is current.
 */
export function liveTextStore(channel: Pick<BroadcastChannel, 'addEventListener'> | undefined = openChannel()) {
  const texts = new Map<string, string>();
  const listeners = new Map<string, Set<Listener>>();
  const dirty = new Set<string>();
  let frame = 0;
  const flush = () => {
    frame = 0;
    const ids = [...dirty];
    dirty.clear();
    for (const id of ids) listeners.get(id)?.forEach((l) => l());
  };
  channel?.addEventListener('message', (ev: Event) => {
    const m = (ev as MessageEvent<LiveTextMessage>).data;
    if (typeof m?.id !== 'string' || typeof m.text !== 'string' || !listeners.has(m.id)) return;
    texts.set(m.id, m.text);
    dirty.add(m.id);
    frame ||= (globalThis.requestAnimationFrame ?? ((f: () => void) => setTimeout(f, 16)))(flush) as number;
  });
  return {
    get: (id: string): string | undefined => texts.get(id),
    /** Only entries someone is showing are kept; the text goes when the last viewer leaves. */
    subscribe(id: string, l: Listener): () => void {
      const set = listeners.get(id) ?? new Set();
      listeners.set(id, set.add(l));
      return () => {
        set.delete(l);
        if (!set.size) listeners.delete(id), texts.delete(id);
      };
    },
  };
}

/** The text to show: while streaming, whichever of the stored and the live text is further along. */
export const currentText = (stored: string, streaming: boolean, live: string | undefined): string =>
  streaming && live !== undefined && live.length > stored.length && live.startsWith(stored.slice(0, 64)) ? live : stored;
