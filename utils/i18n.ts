import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';

/**
 * UI text from `public/_locales/<lang>/messages.json` (Chrome's format; `en` is the default locale).
 * `npx wxt prepare` generates the union of valid names from the en file, so a typo is a type error.
 */
export type MessageName = Exclude<Parameters<typeof browser.i18n.getMessage>[0], `@@${string}`>;
/** Names that have `<name>_one` and `<name>_other` variants, for tPlural. */
type PluralBase<N> = N extends `${infer B}_one` ? B : never;
export type PluralName = PluralBase<MessageName>;
type Sub = string | number;

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
const EN: Record<MessageName, Message> = en;

/** Chrome's substitution rules, for the English fallback: `$NAME$` → placeholder content, `$1`…`$9` → subs, `$$` → `$`. */
function format(m: Message, subs: string[]): string {
  const named = new Map(Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const withContent = m.message.replace(/\$([a-zA-Z0-9_@]+)\$/g, (all, n: string) => named.get(n.toLowerCase()) ?? all);
  return withContent.replace(/\$(\$|[1-9])/g, (_all, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

export const isMessageName = (name: string | undefined): name is MessageName => !!name && Object.hasOwn(EN, name);

/**
 * The message in the browser's UI language, with `subs` for $1…$9. Falls back to the English text when
 * the platform has none (unit tests, or a missing translation), so the UI never shows an empty string.
 */
export function t(name: MessageName, ...subs: Sub[]): string {
  const s = subs.map(String);
  let text = '';
  try {
    text = browser.i18n.getMessage(name, s);
  } catch {
    // No extension runtime (unit tests): use the bundled English text.
  }
  return text || format(EN[name], s);
}

/** The English text of a message (the default locale), whatever the UI language. */
export const english = (name: MessageName, ...subs: Sub[]): string => format(EN[name], subs.map(String));

/**
 * The translation of an English string that lives in data (e.g. a template note), or the string itself when it
 * no longer matches the English message: an edited string is shown as written rather than a stale translation.
 */
export const tData = (name: MessageName | undefined, text: string): string => (name && english(name) === text ? t(name) : text);

/** `t(name)` when `name` is a known message name (e.g. a preset's stored titleKey), else `fallback`. */
export const tOr = (name: string | undefined, fallback: string): string => (isMessageName(name) ? t(name) : fallback);

/** Count-dependent text: `<base>_one` / `<base>_other` (more CLDR categories when a language adds them), count as $1. */
export function tPlural(base: PluralName, count: number, ...subs: Sub[]): string {
  let category: string = count === 1 ? 'one' : 'other';
  try {
    category = new Intl.PluralRules(t('localeCode')).select(count);
  } catch {
    // An unknown locale code keeps the English rule.
  }
  const name = `${base}_${category}`;
  return t(isMessageName(name) ? name : (`${base}_other` as MessageName), count, ...subs);
}

/**
 * A message split around its substitutions, for rich text: strings, and at each substitution its index
 * (0 for $1). The caller renders the pieces, e.g. `<strong>` for the numbers.
 */
export function tParts(name: MessageName, count: number): (string | number)[] {
  const marks = Array.from({ length: count }, (_, i) => `\u0001${i}\u0001`);
  return t(name, ...marks)
    .split(/\u0001(\d)\u0001/)
    .map((part, i) => (i % 2 ? Number(part) : part))
    .filter((part) => part !== '');
}

/** Sentences (each a whole message) joined with a space; empty ones are left out. */
export const sentences = (...parts: (string | false | undefined)[]): string => parts.filter(Boolean).join(' ');

/**
 * The user's language for answers when they chose none and the page names none: the browser's first
 * preferred language. `i18n.getUILanguage()` can disagree with the language the extension's own text is
 * in: Debian's Chromium 156 with `--lang=de` (only en-US.pak installed) shows German messages, but its
 * service worker reports `en-US`. So it is only the fallback.
 */
export const userLanguage = (): string => globalThis.navigator?.language || browser.i18n.getUILanguage();
