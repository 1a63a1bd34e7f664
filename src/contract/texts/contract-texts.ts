/**
 * zh-CN and English wording of heating fee contracts (src/optimize/contracts/contracts.md) as operators and
 * regulators read them at GET /api/v1/contracts: each preset's name and note, the business model (`model-<business model>`), each fee term
 * and the comfort guarantee with its refund rule. Codes `<preset id>-name` / `<preset id>-note` per preset.
 */
import type { TextCatalogue } from './render-text.js';

export const HEATING_CONTRACT_TEXTS = {
  'example-heating-fee-per-area-name': {
    en: 'Example: heating company owns the units, per-m² heating fee, 18 °C guaranteed',
    'zh-CN': '示例：供热公司拥有机组，按供暖面积收费，保证室温 18 °C',
  },
  'example-heating-fee-per-area-note': {
    en: 'Unverified example: the 25 yuan/m² fee is an illustrative round number; the 18 °C guarantee follows the Beijing residential rule (secondary sources); the refund of 0.1 yuan per K·h is chosen to match the Beijing model contract\'s banded refund for a 100 m² home.',
    'zh-CN': '未经核实的示例：25 元/平方米为示意性整数，并非有出处的价格；18 °C 保证参照北京居民供热规定（二手来源）；每 K·h 退费 0.1 元按北京居民供热合同范本对 100 平方米住户的分档退费折算。',
  },
  'example-heating-fee-metered-name': {
    en: 'Example: heating company owns the units, two-part fee (per m² + metered heat), 18 °C guaranteed',
    'zh-CN': '示例：供热公司拥有机组，两部制收费（按面积+按计量热量），保证室温 18 °C',
  },
  'example-heating-fee-metered-note': {
    en: 'Unverified example: 0.12 yuan per kWh of heat covers the unsubsidised valley price 0.30 yuan/kWh at a seasonal COP of 2.5; the 8 yuan/m² fixed part is an illustrative round number; refund cap 50 %.',
    'zh-CN': '未经核实的示例：每千瓦时热量 0.12 元按无补贴谷电价 0.30 元/千瓦时、季节性能系数 2.5 折算；8 元/平方米固定部分为示意性整数；退费上限 50 %。',
  },
  'example-equipment-sale-om-name': {
    en: 'Example: equipment sale + O&M service, household pays its own electricity',
    'zh-CN': '示例：设备销售+运维服务，农户自行缴纳电费',
  },
  'example-equipment-sale-om-note': {
    en: 'Unverified example: 300 yuan per household per season for operation and maintenance is an illustrative round number; no temperature is guaranteed.',
    'zh-CN': '未经核实的示例：每户每采暖季 300 元运维服务费为示意性整数，并非有出处的价格；不保证室温。',
  },
  'model-household-pays-electricity': { en: 'equipment sale + O&M, the household pays its electricity', 'zh-CN': '设备销售+运维，农户自行缴纳电费' },
  'model-heating-fee': { en: 'heating company invests and charges a heating fee; it pays the electricity', 'zh-CN': '供热公司投资并收取供暖费，电费由供热公司承担' },
  'fee-per-area-season': {
    en: '{{yuanPerM2PerSeason}} yuan per m² of heated area per heating season (pro-rated by days)',
    'zh-CN': '每采暖季每平方米供暖面积 {{yuanPerM2PerSeason}} 元（按天数折算）',
    numbers: { yuanPerM2PerSeason: { digits: 2 } },
  },
  'fee-per-heat': {
    en: '{{yuanPerKWhHeat}} yuan per kWh of delivered heat (heat meter)',
    'zh-CN': '按热量表计量，每千瓦时热量 {{yuanPerKWhHeat}} 元',
    numbers: { yuanPerKWhHeat: { digits: 3 } },
  },
  'fee-fixed-season': {
    en: '{{yuanPerHouseholdPerSeason}} yuan per household per heating season (pro-rated by days)',
    'zh-CN': '每户每采暖季 {{yuanPerHouseholdPerSeason}} 元（按天数折算）',
    numbers: { yuanPerHouseholdPerSeason: { digits: 0 } },
  },
  'service-fee': {
    en: 'operation and maintenance service: {{yuanPerHouseholdPerSeason}} yuan per household per heating season',
    'zh-CN': '运维服务费：每户每采暖季 {{yuanPerHouseholdPerSeason}} 元',
    numbers: { yuanPerHouseholdPerSeason: { digits: 0 } },
  },
  guarantee: {
    en: 'indoor at least {{indoorTempC}} °C during {{hours}} (Beijing time); refund {{refundYuanPerKh}} yuan per K·h below it, at most {{refundCapPct}} % of the period\'s charges',
    'zh-CN': '北京时间 {{hours}} 室温不低于 {{indoorTempC}} °C；低于该温度每 K·h 退费 {{refundYuanPerKh}} 元，最多退还当期费用的 {{refundCapPct}} %',
    numbers: { indoorTempC: { digits: 1 }, refundYuanPerKh: { digits: 2 }, refundCapPct: { digits: 0 } },
    lists: ['hours'],
  },
  'no-guarantee': { en: 'no indoor temperature guaranteed', 'zh-CN': '不保证室温' },
} as const satisfies TextCatalogue;
