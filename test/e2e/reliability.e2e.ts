import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, killWorker, liveWorker, launch, menuClick, openPanel, poll, setProfile } from './harness';

let fake: FakeProvider;
const profileDir = mkdtempSync(join(tmpdir(), 'glimpse-restart-'));

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png">' });
  fake.pages.set('/q.png', { type: 'image/png', body: quadrants(320, 240) });
});
afterAll(async () => {
  await fake?.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

describe('nothing is lost', () => {
  it('a killed service worker leaves an interrupted entry with its partial text, and Retry works', async () => {
    const s = await launch({ profileDir });
    try {
      await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
      const page = await s.ctx.newPage();
      await page.goto(`${fake.origin}/img.html`);
      fake.plan = { chunks: ['Partial', ' answer', ' kept.', ' never-sent'], holdBeforeLast: true, delayMs: 20 };
      const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
      await poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id)?.text.includes('kept.'), 'partial text persisted');

      await killWorker(s);

      // Opening the panel wakes the worker; on start it marks the orphan interrupted.
      const panel = await openPanel(s);
      const worker = await liveWorker(s.ctx);
      const entry = await poll(async () => (await dbRows(worker, 'entries')).find((e) => e.id === id && e.status === 'interrupted'), 'interrupted entry');
      expect(entry.text).toBe('Partial answer kept.');
      await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('interrupted');
      expect(await panel.getByTestId('error').first().textContent()).toContain('interrupted');

      fake.release();
      fake.plan = { chunks: ['Full', ' answer.'] };
      await panel.getByRole('button', { name: 'Retry' }).first().click();
      await expect.poll(async () => (await dbRows(worker, 'entries')).filter((e) => e.status === 'done').map((e) => e.text)).toContain('Full answer.');
      await page.close();
    } finally {
      await s.close();
    }
  });

  it('answers survive a browser restart', async () => {
    const s = await launch({ profileDir });
    try {
      const panel = await openPanel(s);
      const answers = panel.getByTestId('answer-text');
      await expect.poll(async () => (await answers.allTextContents()).map((t) => t.trim())).toEqual(['Partial answer kept.', 'Full answer.']);
    } finally {
      await s.close();
    }
  });

  it('Stop keeps the partial answer and marks it stopped', async () => {
    const s = await launch({ profileDir });
    try {
      const page = await s.ctx.newPage();
      await page.goto(`${fake.origin}/img.html`);
      const panel = await openPanel(s);
      await panel.getByTestId('history').waitFor();
      fake.plan = { chunks: ['Half', ' an', ' answer', ' lost?'], holdBeforeLast: true };
      const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
      await poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id)?.text.includes('answer'), 'partial text');
      await expect.poll(() => panel.getByTestId('announcer').textContent()).toBe('Answer started.');
      await panel.getByRole('button', { name: 'Stop' }).click();
      const entry = await poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id && e.status === 'stopped'), 'stopped');
      expect(entry.text).toBe('Half an answer');
      await expect.poll(() => panel.getByTestId('announcer').textContent()).toBe('Answer stopped.');
      fake.release();
      await page.close();
    } finally {
      await s.close();
    }
  });
});
