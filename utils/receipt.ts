import { z } from 'zod';

/** Structured receipt, as the Receipt → JSON preset asks for it. */
export const Receipt = z.object({
  vendor: z.string().nullable(),
  date: z.string().nullable(),
  currency: z.string().nullable(),
  total: z.union([z.number(), z.string()]).nullable(),
  tax: z.union([z.number(), z.string()]).nullable(),
  items: z.array(z.object({ name: z.string(), quantity: z.number().nullable(), price: z.union([z.number(), z.string()]).nullable() })),
});
export type Receipt = z.infer<typeof Receipt>;

const pad = (n: number) => String(n).padStart(2, '0');
const valid = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

/**
 * Any common printed date to ISO 8601 (YYYY-MM-DD). Day-first unless that is impossible
 * (12/28/2017 can only be month-first); two-digit years are 20xx. Undefined when unreadable.
 */
export function normalizeDate(s: string, prefer: 'dmy' | 'mdy' = 'dmy'): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
    return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    const [a, b] = [+m[1]!, +m[2]!];
    const order: [number, number][] = prefer === 'dmy' ? [[b, a], [a, b]] : [[a, b], [b, a]];
    for (const [mo, d] of order) if (valid(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`;
    return undefined;
  }
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  m = /^(\d{1,2})\s*([a-z]{3})[a-z]*\.?,?\s*(\d{2}|\d{4})$/i.exec(t);
  if (m) {
    const mo = months.indexOf(m[2]!.toLowerCase()) + 1;
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    return mo && valid(y, mo, +m[1]!) ? `${y}-${pad(mo)}-${pad(+m[1]!)}` : undefined;
  }
  return undefined;
}

const CURRENCIES: Record<string, string> = { RM: 'MYR', MYR: 'MYR', $: 'USD', US$: 'USD', USD: 'USD', '€': 'EUR', EUR: 'EUR', '£': 'GBP', GBP: 'GBP', S$: 'SGD', SGD: 'SGD' };

/** "RM 34.80", "$1,234.50", "12,50 €" → amount and ISO currency (when printed). */
export function normalizeAmount(s: string | number): { amount?: number; currency?: string } {
  if (typeof s === 'number') return { amount: s };
  const cur = /(US\$|S\$|RM|MYR|USD|EUR|GBP|SGD|[$€£])/i.exec(s)?.[1];
  let num = s.replace(/[^\d.,-]/g, '');
  // "12,50" is a decimal comma; "1,234.50" has a thousands comma.
  if (/^\d+,\d{2}$/.test(num)) num = num.replace(',', '.');
  num = num.replace(/,/g, '');
  const amount = num && /^-?\d+(\.\d+)?$/.test(num) ? Number(num) : undefined;
  return { amount, currency: cur ? CURRENCIES[cur.toUpperCase()] ?? CURRENCIES[cur] : undefined };
}
