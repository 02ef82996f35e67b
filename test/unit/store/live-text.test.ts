import { describe, expect, it, vi } from 'vitest';
import { LIVE_TEXT_MS, currentText, liveTextPoster, liveTextStore } from '../../../utils/store/live-text';
import { LIVE_TEXT_CHANNEL, type LiveTextMessage } from '../../../utils/messages';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live text', () => {
  it('the poster sends the first text at once, then at most one per interval, always the newest', async () => {
    const sent: LiveTextMessage[] = [];
    const p = liveTextPoster('e1', { postMessage: (m: LiveTextMessage) => sent.push(m) });
    p.text('a');
    p.text('ab');
    p.text('abc');
    expect(sent).toEqual([{ id: 'e1', text: 'a' }]);
    await tick(LIVE_TEXT_MS + 20);
    expect(sent).toEqual([{ id: 'e1', text: 'a' }, { id: 'e1', text: 'abc' }]);
    p.text('abcd');
    p.text('abcde');
    p.close();
    await tick(LIVE_TEXT_MS + 20);
    // Once settled, the database has the text: a deferred post is dropped.
    expect(sent.map((m) => m.text)).toEqual(['a', 'abc', 'abcd']);
  });

  it('the store keeps text only for entries shown, and notifies once per frame', async () => {
    const post = new BroadcastChannel(LIVE_TEXT_CHANNEL);
    const store = liveTextStore(new BroadcastChannel(LIVE_TEXT_CHANNEL));
    const seen = vi.fn();
    post.postMessage({ id: 'other', text: 'ignored' });
    const off = store.subscribe('e1', seen);
    post.postMessage({ id: 'e1', text: 'Hel' });
    post.postMessage({ id: 'e1', text: 'Hello' });
    await vi.waitFor(() => expect(store.get('e1')).toBe('Hello'));
    await tick(40);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(store.get('other')).toBeUndefined();
    off();
    expect(store.get('e1')).toBeUndefined();
    post.close();
  });

  it('shows the live text only while streaming and only when it is further along the same answer', () => {
    expect(currentText('Hel', true, 'Hello')).toBe('Hello');
    expect(currentText('Hello there', true, 'Hello')).toBe('Hello there');
    expect(currentText('Hel', false, 'Hello')).toBe('Hel');
    expect(currentText('Hel', true, undefined)).toBe('Hel');
    expect(currentText('Another answer', true, 'Hello, a longer one')).toBe('Another answer');
  });
});
