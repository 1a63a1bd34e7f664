import type { TFunction } from 'i18next';

/** The analytics name cause evidence in English words (causes.ts); these patterns give them the page's language. */
const PATTERNS: readonly [RegExp, string, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^compressor starts per running hour$/, 'starts', () => ({})],
  [/^share of cycles shorter than ([\d.]+) min$/, 'shortCycles', (m) => ({ min: m[1] ?? '' })],
  [/^load ratio/, 'loadRatio', () => ({})],
  [/^heat-weighted flow temperature$/, 'flow', () => ({})],
  [/^defrost energy \/ heat$/, 'defrost', () => ({})],
  [/^pump electricity \/ H4 electricity$/, 'pump', () => ({})],
  [/^backup electricity \/ (H\d) electricity$/, 'backup', (m) => ({ boundary: m[1] ?? '' })],
  [/^hours below ([\d.]+) °C \/ covered hours$/, 'comfort', (m) => ({ target: m[1] ?? '' })],
];

export function evidenceLabel(figure: string, t: TFunction): string {
  for (const [re, key, vars] of PATTERNS) {
    const m = figure.match(re);
    if (m) return t(`evidence.${key}`, vars(m));
  }
  return figure;
}
