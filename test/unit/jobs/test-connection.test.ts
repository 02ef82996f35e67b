import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testConnection } from '../../../utils/jobs/test-connection';
import { checkLocal } from '../../../utils/jobs/local-check';
import type { Profile } from '../../../utils/settings/items';
import { sendJson, startWireServer, type WireServer } from '../helpers/wire-server';

let server: WireServer;
const moved = (): Profile => ({
  id: 'p', name: 'Was OpenAI', provider: 'openai-compatible', baseUrl: `${server.url}/v1`, apiKey: 'sk-openai-secret',
  keyFor: 'openai https://api.openai.com', model: 'm',
});

describe('Test connection and model lists with a key saved for another endpoint', () => {
  beforeAll(async () => {
    server = await startWireServer((_r, res) => sendJson(res, 200, { data: [{ id: 'm' }] }));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    fakeBrowser.reset();
    server.requests.length = 0;
  });

  it('sends nothing and says the key belongs elsewhere', async () => {
    const r = await testConnection(moved());
    expect(r).toMatchObject({ ok: false, kind: 'auth', message: expect.stringContaining('https://api.openai.com') });
    const local = await checkLocal(moved());
    expect(local).toMatchObject({ ok: false, message: expect.stringContaining('https://api.openai.com') });
    expect(server.requests).toHaveLength(0);
  });

  it('sends the key where it was saved for', async () => {
    await checkLocal({ ...moved(), keyFor: `openai-compatible ${server.url}` });
    expect(server.requests.map((q) => q.headers.authorization)).toEqual(['Bearer sk-openai-secret']);
  });
});
