import { beforeEach, describe, expect, it } from 'vitest';
import { db, type Audit, type AuditItem } from '../../../utils/store/db';
import { trimOldThumbs } from '../../../utils/audit/thumbs';
import { auditWriter } from '../../../utils/audit/writer';
import { INTERRUPTED_AUDIT, markAuditsInterrupted } from '../../../utils/audit/run';

const item = (key: string): AuditItem => ({ key, kind: 'img', src: `https://e.test/${key}.png`, alt: null, width: 10, height: 10, verdicts: [], context: '', status: 'idle', thumb: 'data:image/jpeg;base64,AAAA' });
const audit = (id: string, createdAt: number): Audit => ({ id, createdAt, pageUrl: 'https://e.test/', pageTitle: 'E', pageLang: 'en', items: ['a', 'b', 'c'].map(item) });

beforeEach(async () => {
  await db.audits.clear();
});

describe('auditWriter', () => {
  it('patches that arrive while a write is under way go out together, and each caller learns when its own is stored', async () => {
    await db.audits.add(audit('x', 1));
    let writes = 0;
    const count = () => void writes++;
    db.audits.hook('updating', count);
    try {
      const patch = auditWriter('x');
      const first = patch('a', { status: 'running' });
      const rest = [patch('b', { status: 'running' }), patch('a', { status: 'done', suggested: 'A cat' }), patch('c', { status: 'failed', error: 'boom' })];
      await first;
      await Promise.all(rest);
      expect(writes).toBe(2);
      const stored = (await db.audits.get('x'))!.items;
      expect(stored.map((i) => [i.key, i.status])).toEqual([['a', 'done'], ['b', 'running'], ['c', 'failed']]);
      expect(stored[0]).toMatchObject({ suggested: 'A cat', thumb: 'data:image/jpeg;base64,AAAA' });
    } finally {
      db.audits.hook('updating').unsubscribe(count);
    }
  });
});

describe('trimOldThumbs', () => {
  it('keeps the pictures of the newest audits and every result of the older ones', async () => {
    await db.audits.bulkAdd([1, 2, 3, 4].map((n) => audit(`a${n}`, n)));
    await db.audits.where('id').equals('a1').modify((a) => void (a.items[0]!.suggested = 'kept'));
    await trimOldThumbs(2);
    const all = await db.audits.orderBy('createdAt').toArray();
    expect(all.map((a) => a.items.some((i) => i.thumb))).toEqual([false, false, true, true]);
    expect(all[0]!.items[0]!.suggested).toBe('kept');
  });
});

describe('markAuditsInterrupted', () => {
  it('after a killed worker, waiting and running items get the reason; finished ones and other audits are untouched', async () => {
    const a = audit('k', 1);
    a.items[0]!.status = 'running';
    a.items[1]!.status = 'queued';
    Object.assign(a.items[2]!, { status: 'done', suggested: 'A dog' });
    a.retryAt = Date.now() + 5000;
    await db.audits.bulkAdd([a, audit('calm', 2)]);
    expect(await markAuditsInterrupted()).toBe(2);
    const k = (await db.audits.get('k'))!;
    expect(k.items.map((i) => i.status)).toEqual(['failed', 'failed', 'done']);
    expect(k.items[0]!.error).toBe(INTERRUPTED_AUDIT);
    expect(k.items[2]).toMatchObject({ status: 'done', suggested: 'A dog' });
    expect(k.items[2]!.error).toBeUndefined();
    expect(k.retryAt).toBeUndefined();
    expect((await db.audits.get('calm'))!.items.every((i) => i.status === 'idle')).toBe(true);
    expect(await markAuditsInterrupted()).toBe(0);
  });
});
