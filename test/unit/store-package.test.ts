import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import config, { privacyPage } from '../../wxt.config';
import { db } from '../../utils/store/db';
import { POSTINGS } from '../../utils/store/postings';
import { META } from '../../utils/store/entries-index';
import { drawIcon, ICON_SIZES } from '../store/icons';

const ROOT = resolve(__dirname, '../..');
const PRIVACY = readFileSync(resolve(ROOT, 'PRIVACY.md'), 'utf8');

type ManifestFn = (env: { browser: string; mode: string; manifestVersion: number; command: string }) => Record<string, any>;
const manifest = (browser: string) => (config.manifest as ManifestFn)({ browser, mode: 'production', manifestVersion: browser === 'firefox' ? 2 : 3, command: 'build' });

/** Width, height, colour type and RGBA pixels of a PNG written by test/support/png.ts (filter 0 rows only). */
function readPng(buf: Buffer) {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const type = buf[25]!;
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    if (buf.toString('ascii', o + 4, o + 8) === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const at = (x: number, y: number) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)];
  return { width, height, type, at };
}

/** WCAG contrast ratio of two sRGB colours. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.slice(0, 3).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is a square RGBA PNG of that size, exactly what test/store/icons.ts draws', (size) => {
    const file = readFileSync(resolve(ROOT, `public/icon/${size}.png`));
    const png = readPng(file);
    expect([png.width, png.height, png.type]).toEqual([size, size, 6]);
    expect(file.equals(drawIcon(size))).toBe(true);
    // Transparent corners, an opaque mark in the middle.
    expect(png.at(0, 0)[3]).toBe(0);
    expect(png.at(Math.floor(size / 2), Math.floor(size / 2))[3]).toBe(255);
  });

  it.each(ICON_SIZES)('%i px: the disc stands out on a light toolbar and its rim on a dark one', (size) => {
    const { at } = readPng(drawIcon(size));
    const mid = Math.floor(size / 2);
    // Walk in from the top edge along the centre column: the first opaque pixel is the rim, further in is the disc.
    let y = 0;
    while (at(mid, y)[3]! < 250) y++;
    const rim = at(mid, y);
    const disc = at(mid, y + Math.ceil(size * 0.08));
    const LIGHT = [255, 255, 255];
    const DARK = [32, 33, 36];
    expect(contrast(disc, LIGHT)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rim, DARK)).toBeGreaterThanOrEqual(4.5);
    // The eye is white on the disc.
    expect(contrast(at(Math.round(size * 0.25), mid), disc)).toBeGreaterThanOrEqual(4.5);
  });

  it('the toolbar button names its icons, and each exists', () => {
    const icons: Record<string, string> = manifest('chrome').action.default_icon;
    expect(Object.keys(icons).sort()).toEqual(['16', '32', '48']);
    for (const [size, path] of Object.entries(icons)) expect(readPng(readFileSync(resolve(ROOT, 'public', path))).width).toBe(Number(size));
  });
});

describe('privacy disclosure', () => {
  it('Firefox declares that page content goes out (to the provider the user chose), and nothing else', () => {
    const gecko = manifest('firefox').browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['websiteContent'] });
  });

  it('privacy.html is PRIVACY.md rendered, with no script', async () => {
    const html = await privacyPage();
    expect(html).toContain('<h1>Glimpse privacy</h1>');
    expect(html).toContain('Nothing is ever sent to Glimpse&#39;s authors.');
    expect(html).toContain('<table>');
    expect(html).not.toMatch(/<script/i);
  });

  it('names every IndexedDB table the code keeps (the search index as such)', () => {
    const tables = db.tables.map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['threads', 'entries', 'images', 'audits']));
    for (const name of tables) {
      if (name === POSTINGS || name === META) expect(PRIVACY).toContain('search index');
      else expect(PRIVACY, `PRIVACY.md does not mention the table ${name}`).toContain(`\`${name}\``);
    }
  });

  it('names every storage.local item the code defines', () => {
    // How PRIVACY.md words each key; a new key fails here until it is disclosed.
    const WORDS: Record<string, string> = {
      profiles: 'API keys',
      defaultProfileId: 'default profile',
      answerSettings: 'answer settings',
      skipPicker: 'capture option',
      presets: 'presets',
      priceTable: 'price table',
      ollamaOriginFix: 'Ollama origin fix',
      droppedImages: 'images dropped',
      schemaRefusals: 'refused structured output',
    };
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.tsx?$/.test(n) ? [join(dir, n)] : []));
    const keys = files(resolve(ROOT, 'utils')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/defineItem<[^(]*\(\s*'local:([A-Za-z]+)'/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThanOrEqual(8);
    for (const k of keys) {
      expect(WORDS[k], `storage.local key ${k}: disclose it in PRIVACY.md and add it here`).toBeDefined();
      expect(PRIVACY).toContain(WORDS[k]);
    }
  });
});
