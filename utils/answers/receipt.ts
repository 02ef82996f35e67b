import { z } from './zod';
import { extractJson, issuesText, strictJsonSchema } from './json-schema';

/** Structured receipt, as the Receipt → JSON preset asks for it. */
export const Receipt = z.object({
  vendor: z.nullable(z.string()),
  // Descriptions reach the model through the JSON Schema; the parser still accepts what was printed.
  date: z.nullable(z.string()).check(z.describe('The purchase date as YYYY-MM-DD')),
  currency: z.nullable(z.string()).check(z.describe('ISO 4217 code, e.g. MYR, USD, EUR')),
  total: z.nullable(z.union([z.number(), z.string()])),
  tax: z.nullable(z.union([z.number(), z.string()])),
  items: z.array(z.object({ name: z.string(), quantity: z.nullable(z.number()), price: z.nullable(z.union([z.number(), z.string()])) })),
});
export type Receipt = z.infer<typeof Receipt>;

/** JSON Schema for providers' structured output, strict-mode compatible. */
export function receiptJsonSchema(): Record<string, unknown> {
  return strictJsonSchema(Receipt);
}

export type ReceiptResult = { ok: true; receipt: Receipt } | { ok: false; error: string };

/** Bare or fenced JSON → a Receipt, or a sentence saying what is wrong. */
export function parseReceipt(text: string): ReceiptResult {
  const json = extractJson(text);
  if (!json.ok) return json;
  const r = Receipt.safeParse(json.json);
  return r.success ? { ok: true, receipt: r.data } : { ok: false, error: issuesText(r.error, 'receipt') };
}

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

/** A receipt with an ISO date where one can be read, an ISO currency and numeric amounts: what Copy JSON gives. */
export interface CleanReceipt {
  vendor: string | null;
  /** YYYY-MM-DD, or the date as printed when it cannot be read (`dateIso` false). */
  date: string | null;
  dateIso: boolean;
  currency: string | null;
  total: number | null;
  tax: number | null;
  items: { name: string; quantity: number | null; price: number | null }[];
}

const amountOf = (v: string | number | null): number | null => (v === null ? null : (normalizeAmount(v).amount ?? null));

export function cleanReceipt(r: Receipt): CleanReceipt {
  const iso = r.date ? normalizeDate(r.date) : undefined;
  // "RM" or "$" as the currency, or printed with the total: both become the ISO code.
  const printed = [r.currency, typeof r.total === 'string' ? r.total : null].find((s) => s && normalizeAmount(s).currency);
  const code = /^[A-Z]{3}$/i.test(r.currency?.trim() ?? '') ? r.currency!.trim().toUpperCase() : undefined;
  return {
    vendor: r.vendor,
    date: iso ?? r.date,
    dateIso: !!iso,
    currency: code ?? (printed ? normalizeAmount(printed).currency! : r.currency),
    total: amountOf(r.total),
    tax: amountOf(r.tax),
    items: r.items.map((i) => ({ name: i.name, quantity: i.quantity, price: amountOf(i.price) })),
  };
}
