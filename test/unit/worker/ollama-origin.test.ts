import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  disableOllamaOriginFix,
  enableOllamaOriginFix,
  isOllamaOriginFixOn,
  ollamaOriginRule,
  ollamaTarget,
  restoreOllamaOriginFix,
} from '../../../utils/worker/ollama-origin';

/** Whether a URL matches a DNR urlFilter of the form `|scheme://host[:port]/` (the only form the fix writes). */
const matches = (filter: string, url: string) => filter.startsWith('|') && url.startsWith(filter.slice(1));

describe('the Ollama Origin rule', () => {
  it('is scoped to this extension, no tab, XHR/fetch, one host and port', () => {
    const rule = ollamaOriginRule('http://127.0.0.1:11434', 'abcdefghijklmnop', 9100);
    expect(rule).toEqual({
      id: 9100,
      priority: 1,
      action: { type: 'modifyHeaders', requestHeaders: [{ header: 'origin', operation: 'set', value: 'http://127.0.0.1:11434' }] },
      condition: {
        urlFilter: '|http://127.0.0.1:11434/',
        requestDomains: ['127.0.0.1'],
        initiatorDomains: ['abcdefghijklmnop'],
        tabIds: [-1],
        resourceTypes: ['xmlhttprequest'],
      },
    });
  });

  it('the URL filter includes the port: another port on the same host does not match', () => {
    const { urlFilter } = ollamaTarget('http://localhost:11434/v1');
    expect(matches(urlFilter, 'http://localhost:11434/api/chat')).toBe(true);
    expect(matches(urlFilter, 'http://localhost:1143/api/chat')).toBe(false);
    expect(matches(urlFilter, 'http://localhost:114340/api/chat')).toBe(false);
    expect(matches(urlFilter, 'http://localhost:11434.evil.test/api/chat')).toBe(false);
    expect(matches(urlFilter, 'https://localhost:11434/api/chat')).toBe(false);
  });

  it('a default port is written out for the Origin and kept out of the filter', () => {
    expect(ollamaTarget('http://ollama.lan')).toMatchObject({ key: 'http://ollama.lan:80', port: '80', urlFilter: '|http://ollama.lan/' });
    expect(ollamaOriginRule('https://gpu.example.com/', 'x', 1).action.requestHeaders![0]!.value).toBe('http://127.0.0.1:443');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => ollamaTarget('localhost:11434')).toThrow(/http/);
    expect(() => ollamaTarget('not a url')).toThrow(/not a URL/);
  });
});

describe('enable / disable / restore', () => {
  let rules: any[];
  beforeEach(() => {
    fakeBrowser.reset();
    rules = [];
    // fakeBrowser has no declarativeNetRequest; this keeps session rules the way Chrome does.
    (fakeBrowser as any).declarativeNetRequest = {
      getSessionRules: async () => structuredClone(rules),
      updateSessionRules: async ({ removeRuleIds = [], addRules = [] }: any) => {
        rules = [...rules.filter((r) => !removeRuleIds.includes(r.id)), ...structuredClone(addRules)];
      },
    };
  });

  it('installs one rule per server, remembers it, and reuses the id when enabled twice', async () => {
    expect(await enableOllamaOriginFix('http://127.0.0.1:11434')).toBe(true);
    expect(await enableOllamaOriginFix('http://127.0.0.1:11434/')).toBe(true);
    expect(await enableOllamaOriginFix('http://10.0.0.5:11434')).toBe(true);
    expect(rules.map((r) => [r.id, r.condition.urlFilter])).toEqual([
      [9100, '|http://127.0.0.1:11434/'],
      [9101, '|http://10.0.0.5:11434/'],
    ]);
    expect(await isOllamaOriginFixOn('http://127.0.0.1:11434')).toBe(true);
    expect(await isOllamaOriginFixOn('http://127.0.0.1:11435')).toBe(false);
  });

  it('leaves other extensions’ rule ids alone', async () => {
    rules = [{ id: 1, priority: 1, action: { type: 'block' }, condition: { urlFilter: 'ads' } }];
    await enableOllamaOriginFix('http://127.0.0.1:11434');
    await disableOllamaOriginFix('http://127.0.0.1:11434');
    expect(rules.map((r) => r.id)).toEqual([1]);
    expect(await isOllamaOriginFixOn('http://127.0.0.1:11434')).toBe(false);
  });

  it('restore puts a remembered rule back after a restart, and does nothing when the fix is off', async () => {
    await restoreOllamaOriginFix('http://127.0.0.1:11434');
    expect(rules).toEqual([]);
    await enableOllamaOriginFix('http://127.0.0.1:11434');
    rules = []; // session rules are gone after a browser restart
    await restoreOllamaOriginFix('http://127.0.0.1:11434');
    expect(rules.map((r) => r.condition.urlFilter)).toEqual(['|http://127.0.0.1:11434/']);
  });
});
