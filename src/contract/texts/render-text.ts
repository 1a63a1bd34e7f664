/**
 * Words a `TextRef` from its catalogue: numbers formatted as the template says in the reader's language, lists
 * joined, placeholders filled. No zod here: the dashboard bundles this file (docs/i18n.md).
 */
export const TEXT_LANGS = ['zh-CN', 'en'] as const;
export type TextLang = (typeof TEXT_LANGS)[number];
export type TextParam = string | number | null;
/** A server-made text as a code of a catalogue and its parameters (the wire schema is TextRefSchema in text-ref.ts). */
export interface TextRef { readonly code: string; readonly params: Readonly<Record<string, TextParam>> }

/** How a numeric parameter is shown: fixed decimals, or significant digits (a raw reading of unknown scale). */
export type NumberStyle = { readonly digits: number } | { readonly significant: number };

export interface TextTemplate {
  readonly 'zh-CN': string;
  readonly en: string;
  /** Numeric parameters and their formatting; a number not named here is shown as it comes. */
  readonly numbers?: Readonly<Record<string, NumberStyle>>;
  /** Parameters that are lists joined with the language's separator (sent as one string joined by "\u001f"). */
  readonly lists?: readonly string[];
  /** Parameters whose value is a code worded per language (e.g. a command kind); an unknown value is shown as it is. */
  readonly terms?: Readonly<Record<string, Readonly<Record<string, { readonly en: string; readonly 'zh-CN': string }>>>>;
}
export type TextCatalogue = Readonly<Record<string, TextTemplate>>;

/** Separator of list parameters on the wire (a control character never found in ids or names). */
export const LIST_SEPARATOR = '\u001f';
export const listParam = (items: readonly (string | number)[]): string => items.map(String).join(LIST_SEPARATOR);

const DASH = '—';
const locale = (lang: TextLang): string => (lang === 'zh-CN' ? 'zh-CN' : 'en-GB');
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: TextLang, style: NumberStyle | undefined): Intl.NumberFormat {
  const key = `${lang}|${style === undefined ? '' : 'digits' in style ? `d${style.digits}` : `s${style.significant}`}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.NumberFormatOptions = style === undefined ? { maximumFractionDigits: 6, useGrouping: false }
      : 'digits' in style ? { minimumFractionDigits: style.digits, maximumFractionDigits: style.digits, useGrouping: false }
        : { minimumSignificantDigits: style.significant, maximumSignificantDigits: style.significant, useGrouping: false };
    f = new Intl.NumberFormat(locale(lang), opts);
    formatters.set(key, f);
  }
  return f;
}

/** The parameters of `ref` as display strings in `lang` (numbers formatted as the template says, lists joined). */
export function formatTextParams(template: TextTemplate, ref: TextRef, lang: TextLang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(ref.params)) {
    if (v === null) out[name] = DASH;
    else if (typeof v === 'number') out[name] = Number.isFinite(v) ? numberFormat(lang, template.numbers?.[name]).format(v) : DASH;
    else {
      const term = (x: string): string => template.terms?.[name]?.[x]?.[lang] ?? x;
      out[name] = template.lists?.includes(name) ? v.split(LIST_SEPARATOR).map(term).join(lang === 'zh-CN' ? '、' : ', ') : term(v);
    }
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
export const placeholdersOf = (template: string): string[] => [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();

/** Fills `{{name}}` placeholders (what i18next does on the web). */
export const fillTemplate = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);

/** The text of `ref` in `lang`; null when the catalogue has no such code (the caller keeps its English field). */
export function renderText(catalogue: TextCatalogue, ref: TextRef, lang: TextLang): string | null {
  const t = catalogue[ref.code];
  if (t === undefined) return null;
  return fillTemplate(t[lang], formatTextParams(t, ref, lang));
}

/** A ref with a copy of its params. */
export const textRef = (code: string, params: Readonly<Record<string, TextParam>> = {}): { code: string; params: Record<string, TextParam> } => ({ code, params: { ...params } });
