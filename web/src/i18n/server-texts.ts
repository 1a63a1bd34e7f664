/**
 * Server-made texts in the page's language. The server sends a stable code with its parameters beside the
 * English text (src/contract/texts); the wording of every code is loaded into the i18n dictionaries under
 * `srv.<catalogue>.<code>` from the same catalogues the printable HTML uses, and numbers are formatted in the
 * reader's language as the catalogue says (never re-computed here).
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TEXT_CATALOGUES, type TextCatalogueName } from '../../../src/contract/texts/catalogues.js';
import { formatTextParams, type TextCatalogue, type TextLang, type TextRef } from '../../../src/contract/texts/render-text.js';

export function serverTextResources(lang: TextLang): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, catalogue] of Object.entries(TEXT_CATALOGUES)) {
    out[name] = Object.fromEntries(Object.entries(catalogue).map(([code, t]) => [code, t[lang]]));
  }
  return out;
}

export type ServerText = (catalogue: TextCatalogueName, ref: TextRef | null | undefined, english: string) => string;

/** The text of `ref` in `lang` from the `srv` dictionaries; the server's English when the ref is missing or unknown. */
export function serverText(t: TFunction, lang: string, catalogue: TextCatalogueName, ref: TextRef | null | undefined, english: string): string {
  const template = ref ? (TEXT_CATALOGUES[catalogue] as TextCatalogue)[ref.code] : undefined;
  if (!ref || template === undefined) return english;
  return t(`srv.${catalogue}.${ref.code}`, { ...formatTextParams(template, ref, lang === 'en' ? 'en' : 'zh-CN'), defaultValue: english });
}

/** `(catalogue, ref, english)` → the text in the page's language (serverText bound to the page's i18n). */
export function useServerText(): ServerText {
  const { t, i18n } = useTranslation();
  return (catalogue, ref, english) => serverText(t, i18n.language, catalogue, ref, english);
}
