import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeAmount, normalizeDate } from '../../../utils/answers/receipt';

const SROIE = '../shared/corpus/receipts/sroie';

describe('receipt normalisation', () => {
  it.each([
    ['25/12/2018', '2018-12-25'],
    ['12/28/2017', '2017-12-28'],
    ['29-10-2017', '2017-10-29'],
    ['27/02/18', '2018-02-27'],
    ['19-04-18', '2018-04-19'],
    ['2018-04-22', '2018-04-22'],
    ['09/05/2018', '2018-05-09'],
    ['3 Mar 2019', '2019-03-03'],
    ['31/02/2018', undefined],
    ['yesterday', undefined],
  ])('date %s → %s', (s, iso) => expect(normalizeDate(s)).toBe(iso));
  it('month-first when asked', () => expect(normalizeDate('09/05/2018', 'mdy')).toBe('2018-09-05'));
  it.each([
    ['RM96.20', 96.2, 'MYR'],
    ['RM 34.80', 34.8, 'MYR'],
    ['9.00', 9, undefined],
    ['$1,234.50', 1234.5, 'USD'],
    ['12,50 €', 12.5, 'EUR'],
  ])('amount %s', (s, amount, currency) => expect(normalizeAmount(s)).toEqual({ amount, currency }));

  it.skipIf(!existsSync(SROIE))('every SROIE ground-truth date and total normalises', () => {
    const keys = readdirSync(SROIE).filter((f) => f.endsWith('.key.json'));
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const f of keys) {
      const k = JSON.parse(readFileSync(`${SROIE}/${f}`, 'utf8')) as { date: string; total: string };
      expect(normalizeDate(k.date), `${f} ${k.date}`).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(normalizeAmount(k.total).amount, `${f} ${k.total}`).toBeGreaterThan(0);
    }
  });
});
