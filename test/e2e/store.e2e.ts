import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXT_DIR, type Session } from './harness';
import { suite } from './suite';

let s: Session;
suite({ ready: (env) => ({ s } = env) });

describe('what a store sees', () => {
  it('the built manifest lists the icons at 16, 32, 48 and 128 px, and each is a PNG of that size', () => {
    const m = JSON.parse(readFileSync(resolve(EXT_DIR, 'manifest.json'), 'utf8'));
    expect(Object.keys(m.icons).sort((a, b) => +a - +b)).toEqual(['16', '32', '48', '128']);
    for (const [size, path] of [...Object.entries(m.icons), ...Object.entries(m.action.default_icon)] as [string, string][]) {
      const png = readFileSync(resolve(EXT_DIR, path));
      expect(png.toString('ascii', 1, 4)).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([+size, +size]);
    }
  });

  it('Options links to the privacy disclosure, which opens inside the extension', async () => {
    const options = await s.ctx.newPage();
    await options.goto(`chrome-extension://${s.extId}/options.html`);
    await options.getByLabel('Model', { exact: true }).waitFor();
    const link = options.getByRole('link', { name: 'Privacy: what Glimpse sends and keeps' });
    expect(await link.count()).toBe(1);
    const [privacy] = await Promise.all([s.ctx.waitForEvent('page'), link.click()]);
    await privacy.waitForLoadState();
    expect(privacy.url()).toBe(`chrome-extension://${s.extId}/privacy.html`);
    expect(await privacy.getByRole('heading', { level: 1 }).textContent()).toBe('Glimpse privacy');
    expect(await privacy.locator('body').textContent()).toContain('Nothing is ever sent to Glimpse');
    expect(await privacy.getByRole('heading', { name: 'How to delete it' }).count()).toBe(1);
    await privacy.close();
    await options.close();
  });
});
