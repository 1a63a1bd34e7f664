/**
 * zh-CN and English wording of the tariff presets' name, note and "not available" reason (src/optimize/tariff/
 * presets.ts), keyed by preset id: the dispatch pages show them to operators. The English templates are the
 * presets' own words (src/app/dispatch/tariff-presets.test.ts checks it). A tariff entered as a file has no
 * code and shows its own text.
 */
import type { TextCatalogue } from './render-text.js';

export const TARIFF_NAME_TEXTS = {
  'beijing-rural-coal-to-electricity': {
    en: 'Beijing rural coal-to-electricity household tariff (heating season, 2018 plan)',
    'zh-CN': '北京农村“煤改电”居民电价（采暖季，2018 年方案）',
  },
  'tianjin-rural-coal-to-electricity': {
    en: 'Tianjin coal-to-electricity household tariff (heating season, from 1 Nov 2019)',
    'zh-CN': '天津“煤改电”居民电价（采暖季，2019 年 11 月 1 日起）',
  },
} as const satisfies TextCatalogue;

export const TARIFF_NOTE_TEXTS = {
  'beijing-rural-coal-to-electricity': {
    en: 'Valley window, price, 0.1 + 0.1 yuan/kWh subsidy, 10,000 kWh cap and season are sourced (high confidence). '
      + 'The 0.4883 yuan/kWh outside the valley is the commonly cited tier-1 residential price and was NOT verified; '
      + 'the residential tiering itself is not modelled.',
    'zh-CN': '谷段时段、谷段电价、0.1 + 0.1 元/kWh 补贴、10,000 kWh 补贴上限及采暖季均有出处（可信度高）。'
      + '谷段以外的 0.4883 元/kWh 为常见引用的居民第一档电价，未经核实；居民阶梯电价本身未建模。',
  },
} as const satisfies TextCatalogue;

export const TARIFF_REASON_TEXTS = {
  'hebei-rural-coal-to-electricity': {
    en: 'No stored source for the Hebei coal-to-electricity tariff was found (FACTS.md): enter the local notice as a tariff file.',
    'zh-CN': '未找到河北“煤改电”电价的存档出处（FACTS.md）：请将当地电价通知录入为电价文件。',
  },
} as const satisfies TextCatalogue;
