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
    en: "UNVERIFIED EXAMPLE. 25 yuan/m² per season is an illustrative round number, not a sourced price. The 18 °C all-day guarantee follows the Beijing residential rule (secondary sources). 0.1 yuan per K·h is chosen to match the Beijing model contract's banded refund for a 100 m² home at this fee (1 K short for a day = 24 K·h ≈ 10 % of the 20.7 yuan daily fee, i.e. ≈ 0.09 yuan/K·h); cap 100 % of the period's fee as there. Season 15 Nov – 15 Mar (Beijing, not in FACTS.md).",
    'zh-CN': '未经核实的示例。每采暖季 25 元/平方米为示意性整数，并非有出处的价格。全天 18 °C 的保证参照北京居民供热规定（二手来源）。每 K·h 退费 0.1 元按北京居民供热合同范本对 100 平方米住户在此收费下的分档退费折算（全天低 1 K = 24 K·h ≈ 日热费 20.7 元的 10 %，即约 0.09 元/K·h）；退费上限为当期费用的 100 %，与范本一致。采暖季 11 月 15 日至 3 月 15 日（北京，FACTS.md 中无此项）。',
  },
  'example-heating-fee-metered-name': {
    en: 'Example: heating company owns the units, two-part fee (per m² + metered heat), 18 °C guaranteed',
    'zh-CN': '示例：供热公司拥有机组，两部制收费（按面积+按计量热量），保证室温 18 °C',
  },
  'example-heating-fee-metered-note': {
    en: 'UNVERIFIED EXAMPLE. 0.12 yuan per kWh of heat is chosen to cover the unsubsidised valley electricity price 0.30 yuan/kWh (FACTS.md §1) at a seasonal COP of 2.5; the 8 yuan/m² fixed part is an illustrative round number for capital. Guarantee and refund as in example-heating-fee-per-area, cap 50 %.',
    'zh-CN': '未经核实的示例。每千瓦时热量 0.12 元按无补贴谷电价 0.30 元/千瓦时（FACTS.md 第 1 节）和季节性能系数 2.5 折算；8 元/平方米的固定部分为覆盖投资的示意性整数。室温保证和退费规则同 example-heating-fee-per-area，退费上限 50 %。',
  },
  'example-equipment-sale-om-name': {
    en: 'Example: equipment sale + O&M service, household pays its own electricity',
    'zh-CN': '示例：设备销售+运维服务，农户自行缴纳电费',
  },
  'example-equipment-sale-om-note': {
    en: 'UNVERIFIED EXAMPLE. 300 yuan per household per season for operation and maintenance is an illustrative round number, not a sourced price. The business model (the company supplies and installs, the household pays its electricity) is the one named in the seed talk; it guarantees no temperature.',
    'zh-CN': '未经核实的示例。每户每采暖季 300 元运维费为示意性整数，并非有出处的价格。该商业模式（企业提供设备并安装，农户自行缴纳电费）即种子报告中所述模式；不保证室温。',
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
