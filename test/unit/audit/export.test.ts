import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditCSV, auditHTML, auditJSON } from '../../../utils/audit/export';
import type { Audit } from '../../../utils/store/db';

const audit: Audit = {
  id: 'a', createdAt: 0, pageUrl: 'https://e.test/page', pageTitle: 'P', pageLang: 'en',
  items: [
    { key: 'k1', kind: 'img', src: 'https://e.test/a.jpg', alt: null, width: 100, height: 100, context: '', status: 'done',
      verdicts: [{ id: 'missing', message: 'm', wcag: '1.1.1 Non-text Content (A)' }], suggested: 'A "red", bike', long: 'Long <b>text</b>' },
    { key: 'k2', kind: 'img', src: 'https://e.test/s.gif', alt: '', width: 1, height: 1, context: '', status: 'done', verdicts: [], decorative: true, suggested: '' },
    { key: 'k3', kind: 'img', src: 'https://e.test/c.png', alt: 'ok', width: 50, height: 50, context: '', status: 'idle', verdicts: [] },
  ],
};

describe('audit export', () => {
  it('CSV has the agreed columns and survives quotes and commas', () => {
    const back = Papa.parse<Record<string, string>>(auditCSV(audit), { header: true }).data;
    expect(Object.keys(back[0]!)).toEqual(['page_url', 'image_src', 'current_alt', 'verdict', 'suggested_alt', 'long_description']);
    expect(back[0]).toMatchObject({ image_src: 'https://e.test/a.jpg', verdict: 'missing (WCAG 1.1.1 Non-text Content (A))', suggested_alt: 'A "red", bike' });
    expect(back[2]!.verdict).toBe('ok');
  });
  it('CSV escapes page text a spreadsheet would run as a formula', () => {
    const hostile: Audit = { ...audit, pageUrl: '=cmd|x', items: [{ ...audit.items[0]!, src: '+1+cmd', alt: '@SUM(1)', suggested: '-2+3', long: '\t=x' }] };
    const back = Papa.parse<Record<string, string>>(auditCSV(hostile), { header: true }).data;
    expect(back[0]).toMatchObject({ page_url: "'=cmd|x", image_src: "'+1+cmd", current_alt: "'@SUM(1)", suggested_alt: "'-2+3", long_description: "'\t=x" });
  });
  it('JSON has the same rows', () => expect(JSON.parse(auditJSON(audit))).toHaveLength(3));
  it('HTML snippets escape and mark decorative images alt=""', () => {
    expect(auditHTML(audit)).toBe(
      '<figure>\n  <img src="https://e.test/a.jpg" alt="A &quot;red&quot;, bike">\n  <figcaption>Long &lt;b&gt;text&lt;/b&gt;</figcaption>\n</figure>\n<img src="https://e.test/s.gif" alt="">',
    );
  });
});
