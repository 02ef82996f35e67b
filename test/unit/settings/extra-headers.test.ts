import { describe, expect, it } from 'vitest';
import { parseExtraHeaders } from '../../../utils/settings/extra-headers';

describe('Extra headers: one Name: value per line', () => {
  it('reads good lines, trims them, keeps the name as typed and skips blank lines', () => {
    const text = 'HTTP-Referer: https://example.org/app\r\n\n  X-Title:   Glimpse  \nx-litellm-tags: team-a,vision\nOpenAI-Project: proj_123\n';
    expect(parseExtraHeaders(text)).toEqual({
      ok: true,
      headers: { 'HTTP-Referer': 'https://example.org/app', 'X-Title': 'Glimpse', 'x-litellm-tags': 'team-a,vision', 'OpenAI-Project': 'proj_123' },
    });
  });

  it('keeps a colon inside the value (URLs, times)', () => {
    expect(parseExtraHeaders('X-Upstream: http://10.0.0.2:8080/v1')).toEqual({ ok: true, headers: { 'X-Upstream': 'http://10.0.0.2:8080/v1' } });
  });

  it('no text and blank text are no headers', () => {
    expect(parseExtraHeaders(undefined)).toEqual({ ok: true, headers: {} });
    expect(parseExtraHeaders(' \n\n ')).toEqual({ ok: true, headers: {} });
  });

  it.each([
    ['X-Title Glimpse', 1, 'Extra headers, line 1 has no colon. Write one header per line as Name: value.'],
    ['X-Title: ok\n: no name', 2, 'Extra headers, line 2: “” is not a header name. Use letters, digits and hyphens, then a colon.'],
    ['X Title: Glimpse', 1, 'Extra headers, line 1: “X Title” is not a header name. Use letters, digits and hyphens, then a colon.'],
    ['X-Title: Glimpse\n\nX-Empty:', 3, 'Extra headers, line 3: X-Empty has no value. Write Name: value, or remove the line.'],
    ['X-Title: Glimpse – beta', 1, 'Extra headers, line 1: the value of X-Title has characters a request header cannot carry. Use plain ASCII letters, digits and punctuation.'],
    ['X-Title: a\nx-title: b', 2, 'Extra headers, line 2: x-title is already set on line 1. Keep one of them.'],
  ])('refuses %j on line %i with a message naming the line', (text, line, error) => {
    expect(parseExtraHeaders(text)).toEqual({ ok: false, line, error });
  });

  it.each(['Host', 'Content-Length', 'Cookie', 'Origin', 'Referer', 'Connection', 'Transfer-Encoding', 'User-Agent', 'Proxy-Authorization', 'Sec-Fetch-Mode', 'Accept-Encoding', 'X-HTTP-Method-Override'])(
    'refuses %s, which the browser sets itself',
    (name) => {
      expect(parseExtraHeaders(`X-Ok: 1\n${name}: x`)).toEqual({
        ok: false, line: 2, error: `Extra headers, line 2: the browser sets ${name} itself and would drop it. Remove this line.`,
      });
    },
  );

  it.each(['Content-Type', 'accept'])('refuses %s, which the wire format needs', (name) => {
    expect(parseExtraHeaders(`${name}: text/plain`)).toMatchObject({ ok: false, line: 1, error: `Extra headers, line 1: Glimpse sets ${name} for the request format. Remove this line.` });
  });

  it('never lets Authorization replace the API key, in any spelling', () => {
    for (const name of ['Authorization', 'authorization', 'AUTHORIZATION']) {
      const r = parseExtraHeaders(`${name}: Bearer sk-other`);
      expect(r).toMatchObject({ ok: false, line: 1 });
      expect(!r.ok && r.error).toContain('Paste the token into the API key field');
    }
  });
});
