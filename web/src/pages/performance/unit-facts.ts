import type { TFunction } from 'i18next';
import { HEAT_PUMP_TYPES } from '../../../../src/domain/heat-pump-types.js';

/** A heat-pump type's name in the page language (the registry's own bilingual names). */
export const unitTypeName = (key: string, lang: string): string => {
  const spec = HEAT_PUMP_TYPES.find((h) => h.key === key);
  return spec ? (lang.startsWith('zh') ? spec.nameZh : spec.nameEn) : key;
};
export const UNIT_TYPE_KEYS: readonly string[] = HEAT_PUMP_TYPES.map((h) => h.key);

export const emitterName = (key: string, t: TFunction): string => t(`emitter.${key}`, { defaultValue: key });
export const controlName = (key: string, t: TFunction): string => t(`control.${key}`, { defaultValue: key });
