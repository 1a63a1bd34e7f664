/**
 * zh-CN and English wording of a unit's KPI warnings (`warningRefs` beside `warnings` in the fleet table and the
 * unit report) and of the details of "not evaluable" reasons (`text` beside `detail`). Codes are made in
 * src/analytics/unit-kpis/warnings.ts and src/analytics/fleet-eval/evaluability.ts; the English templates give
 * the same words as the English fields (a test in src/app/season-report checks it on real cases).
 */
import type { TextCatalogue } from './render-text.js';

export const UNIT_WARNING_TEXTS = {
  'other-units-ignored': { en: '{{count}} readings of other units ignored', 'zh-CN': '已忽略 {{count}} 条属于其他机组的读数' },
  'conflicting-duplicates': { en: '{{count}} duplicate readings carried a different value; the first was kept', 'zh-CN': '{{count}} 条重复读数的数值不一致，保留最先收到的一条' },
  'kw-sent-as-w': {
    en: '{{channel}}: median positive value {{medianW}} looks like kW sent as W; channel left out',
    'zh-CN': '{{channel}}：正值中位数为 {{medianW}}，疑似以 W 为单位上报了 kW 数值；该通道不参与计算',
    numbers: { medianW: { significant: 3 } },
  },
  'kw-sent-as-w-day-aggregates': {
    en: '{{channel}}: most positive values are below {{limitW}} W, which looks like kW sent as W; channel left out',
    'zh-CN': '{{channel}}：多数正值低于 {{limitW}} W，疑似以 W 为单位上报了 kW 数值；该通道不参与计算',
  },
  'backup-not-reported': {
    en: 'backupPowerW not reported: metered heat taken as heat-pump heat for H1 and H2',
    'zh-CN': '未上报电辅热功率（backupPowerW）：计量供热量按热泵供热量计入 H1、H2',
  },
  'exceeds-carnot': {
    en: 'COP above the Carnot limit ({{carnotPct}} % of Carnot): heat or electricity is mis-scaled or mis-wired',
    'zh-CN': 'COP 超过卡诺极限（达卡诺效率的 {{carnotPct}}%）：热量或电量的量程或接线有误',
    numbers: { carnotPct: { digits: 0 } },
  },
  'register-disagrees': { en: '{{register}} vs {{power}}: disagree', 'zh-CN': '累计读数 {{register}} 与功率积分 {{power}} 不符' },
  'register-went-backwards': { en: '{{register}} vs {{power}}: register-went-backwards', 'zh-CN': '累计读数 {{register}} 出现倒退（对照功率 {{power}}）' },
  'heat-meter-fault': {
    en: 'heat meter read 0 while running with a temperature rise for {{hours}} h: SPF understated',
    'zh-CN': '机组运行且供回水有温升时热量表读数为 0，累计 {{hours}} 小时：SPF 被低估',
    numbers: { hours: { digits: 2 } },
  },
  'no-readings': { en: 'no readings of this unit in the period', 'zh-CN': '该机组在统计期内没有读数' },
} as const satisfies TextCatalogue;
export type UnitWarningTextCode = keyof typeof UNIT_WARNING_TEXTS;

export const NOT_EVALUABLE_TEXTS = {
  'no-data': { en: 'no readings in the period', 'zh-CN': '统计期内没有读数' },
  'heat-meter-fault': {
    en: 'heat meter read 0 while running with a temperature rise for {{hours}} h',
    'zh-CN': '机组运行且供回水有温升时热量表读数为 0，累计 {{hours}} 小时',
    numbers: { hours: { digits: 1 } },
  },
  'register-disagrees': {
    en: '{{register}} {{registerKWh}} kWh vs integrated {{power}} {{integratedKWh}} kWh (tolerance {{toleranceKWh}})',
    'zh-CN': '累计读数 {{register}} 为 {{registerKWh}} kWh，功率 {{power}} 积分为 {{integratedKWh}} kWh（允差 {{toleranceKWh}} kWh）',
    numbers: { registerKWh: { digits: 1 }, integratedKWh: { digits: 1 }, toleranceKWh: { digits: 1 } },
  },
  'register-went-backwards': { en: '{{register}} went backwards', 'zh-CN': '累计读数 {{register}} 出现倒退' },
  'implausible-units': {
    en: '{{channel}} median {{medianW}} looks like kW sent as W',
    'zh-CN': '{{channel}} 中位数为 {{medianW}}，疑似以 W 为单位上报了 kW 数值',
    numbers: { medianW: { significant: 3 } },
  },
  'exceeds-carnot': {
    en: '{{channel}}: {{carnotPct}} % of Carnot is physically impossible',
    'zh-CN': '{{channel}}：达卡诺效率的 {{carnotPct}}%，物理上不可能',
    numbers: { carnotPct: { digits: 0 } },
  },
  'boundary-not-available': { en: 'SPF {{boundary}} not computable ({{reason}})', 'zh-CN': '无法计算 SPF {{boundary}}（原因代码：{{reason}}）' },
  'low-coverage': {
    en: 'coverage {{coveragePct}} % < {{minCoveragePct}} %',
    'zh-CN': '数据覆盖率 {{coveragePct}}%，低于要求的 {{minCoveragePct}}%',
    numbers: { coveragePct: { digits: 1 } },
  },
  'too-little-heat': {
    en: 'heat {{heatKWh}} kWh < {{minHeatKWh}} kWh',
    'zh-CN': '供热量 {{heatKWh}} kWh，低于要求的 {{minHeatKWh}} kWh',
    numbers: { heatKWh: { digits: 0 } },
  },
  'no-building': {
    en: 'no building registered for the unit\'s site: the twin has nothing to simulate',
    'zh-CN': '该机组所在用户未登记建筑信息：数字孪生无从模拟',
  },
  'twin-no-spf': {
    en: 'the twin gives no SPF {{boundary}} (no electricity in the period)',
    'zh-CN': '数字孪生未给出 SPF {{boundary}}（统计期内无耗电量）',
  },
} as const satisfies TextCatalogue;
export type NotEvaluableTextCode = keyof typeof NOT_EVALUABLE_TEXTS;

/** The detail of a plausibility flag on the unit report (`text` beside `detail`). */
export const PLAUSIBILITY_TEXTS = {
  'looks-like-kw-sent-as-w': {
    en: 'positive values mostly below {{medianW}} W: looks like kW sent as W; the channel is left out',
    'zh-CN': '正值大多低于 {{medianW}} W：疑似以 W 为单位上报了 kW 数值；该通道不参与计算',
  },
  'exceeds-carnot': { en: '{{carnotPct}} % of Carnot is physically impossible', 'zh-CN': '达卡诺效率的 {{carnotPct}}%，物理上不可能', numbers: { carnotPct: { digits: 0 } } },
} as const satisfies TextCatalogue;
export type PlausibilityTextCode = keyof typeof PLAUSIBILITY_TEXTS;
