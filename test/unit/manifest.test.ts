import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import config, { EXTENSION_CSP, PAGE_CSP, pageCsp } from '../../wxt.config';

type ManifestFn = (env: { browser: string; mode: string; manifestVersion: number; command: string }) => Record<string, any>;
const manifest = (browser: string, mode: string) => (config.manifest as ManifestFn)({ browser, mode, manifestVersion: browser === 'firefox' ? 2 : 3, command: 'build' });

describe('permissions at install', () => {
  it('the production manifest asks for no all-sites host access; it is optional, requested when needed', () => {
    const m = manifest('chrome', 'production');
    const hosts: string[] = m.host_permissions;
    expect(hosts.some((h) => h === '<all_urls>' || h.startsWith('*://') || h === 'http://*/*' || h === 'https://*/*')).toBe(false);
    expect(hosts.every((h) => /^https:\/\/[a-z.]+\/\*$/.test(h))).toBe(true);
    expect(m.optional_host_permissions).toEqual(['<all_urls>']);
    // Exactly these: none shows the user a warning beyond reading and changing what they pick.
    expect([...m.permissions].sort()).toEqual(['activeTab', 'contextMenus', 'declarativeNetRequestWithHostAccess', 'offscreen', 'scripting', 'sidePanel', 'storage']);
    expect(m.permissions).not.toContain('tabs');
    expect(m.permissions).not.toContain('webRequest');
  });
  it('only the e2e build stands in <all_urls> for a user’s grants', () => {
    expect(manifest('chrome', 'e2e').host_permissions).toContain('<all_urls>');
  });
  it('Firefox: the same, as optional permissions', () => {
    const m = manifest('firefox', 'production');
    expect(m.host_permissions).not.toContain('<all_urls>');
    expect(m.optional_permissions).toEqual(['<all_urls>']);
    // No offscreen API or side panel there: the background page decodes itself, the sidebar is the panel.
    expect(m.permissions).not.toContain('offscreen');
    expect(m.permissions).not.toContain('sidePanel');
  });
});

describe('the README explains every permission the production manifest asks for', () => {
  // The first column of README.md's "Permissions, and why" table: every `name` in it.
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions, and why'), readme.indexOf('\n## ', readme.indexOf('## Permissions, and why') + 3));
  const explained = new Set(
    section
      .split('\n')
      .filter((l) => l.startsWith('| ') && !/^\| *(permission|---)/.test(l))
      .flatMap((l) => [...l.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)),
  );
  const asked = (m: Record<string, any>): string[] => [
    ...(m.permissions ?? []),
    ...(m.optional_permissions ?? []),
    ...(m.optional_host_permissions ?? []),
    // A host pattern is explained by its host name.
    ...(m.host_permissions ?? []).map((h: string) => (h === '<all_urls>' ? h : new URL(h.replace('*://', 'https://')).hostname)),
  ];

  it('reads the table', () => {
    expect(explained.has('contextMenus')).toBe(true);
    expect(explained.size).toBeGreaterThan(8);
  });
  for (const browser of ['chrome', 'firefox']) {
    it(`${browser}: each permission, host and optional grant has its row`, () => {
      const m = manifest(browser, 'production');
      expect(asked(m).filter((p) => !explained.has(p))).toEqual([]);
    });
  }
});

describe('extension CSP', () => {
  const directives = (csp: string): Record<string, string[]> => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
  it('Chrome and Firefox, production and e2e: self only, no plugins, no <base>, no form posts; images also from data: and blob:', () => {
    for (const mode of ['production', 'e2e']) {
      expect(manifest('chrome', mode).content_security_policy).toEqual({ extension_pages: EXTENSION_CSP });
      expect(manifest('firefox', mode).content_security_policy).toBe(EXTENSION_CSP);
    }
    const d = directives(EXTENSION_CSP);
    expect(d).toMatchObject({ 'default-src': ["'self'"], 'script-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'img-src': ["'self'", 'data:', 'blob:'] });
    // Only connections may leave: the worker calls providers and downloads images (MV3 applies this policy to it too).
    expect(d['connect-src']).toEqual(["'self'", 'https:', 'http:', 'data:', 'blob:']);
    expect(Object.keys(d).sort()).toEqual(['base-uri', 'connect-src', 'default-src', 'form-action', 'img-src', 'object-src', 'script-src']);
  });

  it('every built page adds a policy of its own under which it reaches nothing remote', () => {
    const d = directives(PAGE_CSP);
    expect(d).toMatchObject({ 'default-src': ["'self'"], 'connect-src': ["'self'", 'data:', 'blob:'], 'object-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'img-src': ["'self'", 'data:', 'blob:'] });
    expect(Object.values(d).flat().filter((v) => !["'self'", "'none'", 'data:', 'blob:'].includes(v))).toEqual([]);
    const html = (pageCsp().transformIndexHtml as (h: string) => string)('<!doctype html><html><head><title>x</title></head></html>');
    expect(html).toContain(`<head>\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`);
  });
});
