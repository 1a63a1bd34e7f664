import type { TFunction } from 'i18next';
import { unitTypeName } from '../performance/unit-facts.js';

/** A factor level in words: emitter, capacity control, envelope and unit type have names in both languages. */
export function levelName(factor: string, level: string, t: TFunction, lang: string): string {
  if (factor === 'emitter') return t(`emitter.${level}`, { defaultValue: level });
  if (factor === 'capacityControl') return t(`control.${level}`, { defaultValue: level });
  if (factor === 'envelope') return t(`envelope.${level}`, { defaultValue: level });
  if (factor === 'unitType') return unitTypeName(level, lang);
  return level;
}

export const factorName = (factor: string, t: TFunction): string => t(`factor.${factor}`, { defaultValue: factor });

/**
 * Regression terms as the analytics name them (influence-factors.ts): `emitter=radiator vs floor` for a level
 * against the reference level, `loadRatio (per 0.1)` for a numeric factor per step.
 */
export function termLabel(term: string, t: TFunction, lang: string): string {
  const level = term.match(/^([A-Za-z0-9]+)=(.+) vs (.+)$/);
  if (level) {
    const [, f = '', a = '', b = ''] = level;
    return t('influence.levelTerm', { factor: factorName(f, t), level: levelName(f, a, t, lang), ref: levelName(f, b, t, lang) });
  }
  const numeric = term.match(/^([A-Za-z0-9]+) \(per (.+)\)$/);
  if (numeric) {
    const [, f = '', step = ''] = numeric;
    return t('influence.numericTerm', { factor: factorName(f, t), step });
  }
  return term;
}

/** Univariate contrasts: `radiator − floor` (a level against the most frequent) or `loadRatio above 0.42 − at or below`. */
export function contrastLabel(factor: string, comparison: string, t: TFunction, lang: string): string {
  const numeric = comparison.match(/^[A-Za-z0-9]+ above (\S+) − at or below$/);
  if (numeric) return t('influence.numericContrast', { factor: factorName(factor, t), cut: numeric[1] ?? '' });
  const level = comparison.match(/^(.+) − (.+)$/);
  if (level) return `${factorName(factor, t)}: ${levelName(factor, level[1] ?? '', t, lang)} − ${levelName(factor, level[2] ?? '', t, lang)}`;
  return comparison;
}
