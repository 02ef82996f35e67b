import { describe, expect, it } from 'vitest';
import { refererFor, refererRule } from '../../../utils/capture/referer';

describe('Referer for a hotlink-protected download', () => {
  it('is the page origin only, as browsers send it to another site; none for non-web pages', () => {
    expect(refererFor('https://www.pixiv.net/artworks/123?x=1#y')).toBe('https://www.pixiv.net/');
    expect(refererFor('http://127.0.0.1:8080/a/b')).toBe('http://127.0.0.1:8080/');
    expect(refererFor('file:///home/me/page.html')).toBeUndefined();
    expect(refererFor('chrome://newtab/')).toBeUndefined();
    expect(refererFor('not a url')).toBeUndefined();
  });

  it('the rule touches one exact URL, only this extension’s own background requests', () => {
    const r = refererRule('https://i.pximg.net/img/1.jpg', 'https://www.pixiv.net/', 'abcdef', 9200);
    expect(r.action.requestHeaders).toEqual([{ header: 'referer', operation: 'set', value: 'https://www.pixiv.net/' }]);
    expect(r.condition).toMatchObject({
      urlFilter: '|https://i.pximg.net/img/1.jpg|',
      requestDomains: ['i.pximg.net'],
      initiatorDomains: ['abcdef'],
      tabIds: [-1],
    });
  });
});
