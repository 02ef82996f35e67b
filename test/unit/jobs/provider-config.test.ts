import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../utils/providers/errors';
import { providerConfig } from '../../../utils/jobs/provider-config';
import type { Profile } from '../../../utils/settings/items';

const profile = (extra: Partial<Profile>): Profile => ({
  id: 'p', name: 'P', provider: 'openai-compatible', baseUrl: 'http://gw.example/v1', apiKey: 'sk-gw', model: 'm', ...extra,
});

describe('providerConfig: what every request of a profile carries', () => {
  it('parses the extra headers of an OpenAI-compatible or Ollama profile', () => {
    expect(providerConfig(profile({ extraHeaders: 'X-Title: Glimpse\nX-Team: vision' }))).toEqual({
      baseUrl: 'http://gw.example/v1', apiKey: 'sk-gw', model: 'm', detail: undefined, headers: { 'X-Title': 'Glimpse', 'X-Team': 'vision' },
    });
    expect(providerConfig(profile({ provider: 'ollama', extraHeaders: 'X-Team: vision' })).headers).toEqual({ 'X-Team': 'vision' });
  });

  it('sends none when there are none, and none on providers without the field (a profile switched to OpenAI keeps its text unsent)', () => {
    expect(providerConfig(profile({}))).not.toHaveProperty('headers');
    expect(providerConfig(profile({ provider: 'openai', extraHeaders: 'X-Team: vision' }))).not.toHaveProperty('headers');
  });

  it('refuses a stored bad line before anything is sent, naming the line', () => {
    const bad = () => providerConfig(profile({ extraHeaders: 'X-Ok: 1\nCookie: session=1' }));
    expect(bad).toThrow(ProviderError);
    expect(bad).toThrow('Extra headers, line 2: the browser sets Cookie itself and would drop it. Remove this line. Nothing was sent.');
  });
});
