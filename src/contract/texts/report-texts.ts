/**
 * zh-CN and English wording of the post-evaluation texts of the season report: credit rules and the statistic a
 * credit entry was judged on, "insufficient data" reasons of credit rules and rankings, the rankings' data rules,
 * and the influence model's reason, factor notes and method. Codes are made in src/analytics/fleet-eval
 * (credit-rules.ts, rankings.ts, influence-factors.ts); the English templates give the same words as the English
 * fields (src/app/season-report/report-texts.test.ts checks it on real cases).
 */
import type { TextCatalogue } from './render-text.js';

/** "models" / "manufacturers": the groupBy of a rule, worded per language. */
const WHO = { who: { model: { en: 'models', 'zh-CN': '型号' }, manufacturer: { en: 'manufacturers', 'zh-CN': '厂家' } } } as const;
const SPF_DATA_EN = 'over ≥ {{minUnits}} units with ≥ {{minCoveragePct}} % coverage';
const SPF_DATA_ZH = '至少 {{minUnits}} 台，每台覆盖率 ≥ {{minCoveragePct}}%';

export const CREDIT_RULE_TEXTS = {
  'median-spf-below': {
    en: `{{who}} whose median measured SPF {{boundary}} is below {{thresholdSpf}} ${SPF_DATA_EN}`,
    'zh-CN': `实测 SPF {{boundary}} 中位数低于 {{thresholdSpf}} 的{{who}}（${SPF_DATA_ZH}）`,
    terms: WHO,
  },
  'median-spf-below-min-heat': {
    en: `{{who}} whose median measured SPF {{boundary}} is below {{thresholdSpf}} ${SPF_DATA_EN} and ≥ {{minHeatKWh}} kWh heat`,
    'zh-CN': `实测 SPF {{boundary}} 中位数低于 {{thresholdSpf}} 的{{who}}（${SPF_DATA_ZH}，制热量 ≥ {{minHeatKWh}} kWh）`,
    terms: WHO,
  },
  'share-below-floor': {
    en: `{{who}} with more than {{maxSharePct}} % of units below SPF {{boundary}} {{floorSpf}} ${SPF_DATA_EN}`,
    'zh-CN': `超过 {{maxSharePct}}% 的机组 SPF {{boundary}} 低于 {{floorSpf}} 的{{who}}（${SPF_DATA_ZH}）`,
    terms: WHO,
  },
  'share-below-floor-min-heat': {
    en: `{{who}} with more than {{maxSharePct}} % of units below SPF {{boundary}} {{floorSpf}} ${SPF_DATA_EN} and ≥ {{minHeatKWh}} kWh heat`,
    'zh-CN': `超过 {{maxSharePct}}% 的机组 SPF {{boundary}} 低于 {{floorSpf}} 的{{who}}（${SPF_DATA_ZH}，制热量 ≥ {{minHeatKWh}} kWh）`,
    terms: WHO,
  },
  'comfort-failure-share': {
    en: '{{who}} with more than {{maxSharePct}} % of units spending over {{maxHoursBelowPct}} % of hours below the target indoor temperature (indoor coverage ≥ {{minIndoorCoveragePct}} %) over ≥ {{minUnits}} units',
    'zh-CN': '超过 {{maxSharePct}}% 的机组有超过 {{maxHoursBelowPct}}% 的时间室温低于目标的{{who}}（室温数据覆盖率 ≥ {{minIndoorCoveragePct}}%，至少 {{minUnits}} 台）',
    terms: WHO,
  },
  'fault-rate': {
    en: '{{who}} with more than {{maxEventsPerUnitSeason}} fault events per unit-season ({{seasonDays}}-day season) over ≥ {{minUnits}} units',
    'zh-CN': '每台每季（{{seasonDays}} 天）故障次数超过 {{maxEventsPerUnitSeason}} 的{{who}}（至少 {{minUnits}} 台）',
    terms: WHO,
  },
  'not-evaluable-share': {
    en: '{{who}} with more than {{maxSharePct}} % of units not evaluable for metering faults over ≥ {{minUnits}} units',
    'zh-CN': '超过 {{maxSharePct}}% 的机组因计量故障无法评价的{{who}}（至少 {{minUnits}} 台）',
    terms: WHO,
  },
} as const satisfies TextCatalogue;
export type CreditRuleTextCode = keyof typeof CREDIT_RULE_TEXTS;

export const CREDIT_STATISTIC_TEXTS = {
  'median-spf': { en: 'median SPF {{boundary}}', 'zh-CN': 'SPF {{boundary}} 中位数' },
  'share-below-floor': { en: '% of units below SPF {{boundary}} {{floorSpf}}', 'zh-CN': 'SPF {{boundary}} 低于 {{floorSpf}} 的机组占比 %' },
  'comfort-failure-share': { en: '% of units over {{maxHoursBelowPct}} % of hours below target', 'zh-CN': '室温低于目标超过 {{maxHoursBelowPct}}% 时间的机组占比 %' },
  'fault-rate': { en: 'fault events per unit-season', 'zh-CN': '每台每季故障次数' },
  'not-evaluable-share': { en: '% of units not evaluable (metering faults)', 'zh-CN': '因计量故障无法评价的机组占比 %' },
} as const satisfies TextCatalogue;
export type CreditStatisticTextCode = keyof typeof CREDIT_STATISTIC_TEXTS;

/** Why a group is not judged (credit rules) or not ranked (rankings). */
export const INSUFFICIENT_DATA_TEXTS = {
  'credit-data-rules': {
    en: 'insufficient data: {{eligible}} of {{units}} units meet the data rules, {{minUnits}} needed',
    'zh-CN': '数据不足：{{units}} 台中有 {{eligible}} 台满足数据要求，需要 {{minUnits}} 台',
  },
  'ranking-unit-rules': {
    en: 'insufficient data: {{eligible}} of {{units}} units meet the unit rules, {{minUnits}} needed',
    'zh-CN': '数据不足：{{units}} 台中有 {{eligible}} 台满足机组数据要求，需要 {{minUnits}} 台',
  },
} as const satisfies TextCatalogue;
export type InsufficientDataTextCode = keyof typeof INSUFFICIENT_DATA_TEXTS;

export const RANKING_RULE_TEXTS = {
  'median-spf': {
    en: 'units with coverage ≥ {{minCoveragePct}} %, heat ≥ {{minHeatKWh}} kWh at {{boundary}} and no metering fault; groups with ≥ {{minUnits}} such units',
    'zh-CN': '纳入覆盖率 ≥ {{minCoveragePct}}%、{{boundary}} 边界制热量 ≥ {{minHeatKWh}} kWh 且无计量故障的机组；此类机组不少于 {{minUnits}} 台的分组参与排名',
  },
} as const satisfies TextCatalogue;
export type RankingRuleTextCode = keyof typeof RANKING_RULE_TEXTS;

/** The influence model: why it was not fitted, the note on each factor, and the method. */
export const INFLUENCE_TEXTS = {
  'no-estimable-factor': { en: 'no estimable factor', 'zh-CN': '没有可估计的因素' },
  'too-few-units': {
    en: '{{n}} units for {{coefficients}} coefficients: {{needed}} needed (≥ {{minUnits}} and {{perCoefficient}} per coefficient)',
    'zh-CN': '{{n}} 台机组估计 {{coefficients}} 个系数：需要 {{needed}} 台（至少 {{minUnits}} 台，且每个系数 {{perCoefficient}} 台）',
  },
  'not-known': { en: 'not known for {{missing}} of {{units}} units', 'zh-CN': '{{units}} 台机组中有 {{missing}} 台缺少该因素' },
  'every-unit-is': { en: 'every unit is {{level}}', 'zh-CN': '所有机组均为 {{level}}' },
  'too-few-levels': {
    en: 'fewer than two levels with ≥ {{minUnitsPerLevel}} units ({{levelCounts}})',
    'zh-CN': '机组数 ≥ {{minUnitsPerLevel}} 的水平不足两个（{{levelCounts}}）',
    lists: ['levelCounts'],
  },
  'same-value': { en: 'the same value ({{value}}) for every unit', 'zh-CN': '所有机组取值相同（{{value}}）' },
  collinear: {
    en: 'a linear combination of the other factors (|r| = {{r}} with {{term}}): its effect cannot be told apart',
    'zh-CN': '是其他因素的线性组合（与 {{term}} 的 |r| = {{r}}）：其影响无法单独区分',
    numbers: { r: { digits: 2 } },
  },
  'collinear-alone': {
    en: 'a linear combination of the other factors: its effect cannot be told apart',
    'zh-CN': '是其他因素的线性组合：其影响无法单独区分',
  },
  confounded: {
    en: 'confounded with {{with}}: read its coefficient with care',
    'zh-CN': '与 {{with}} 存在混杂：解读其系数需谨慎',
  },
  method: {
    en: 'multiple linear regression of SPF on the factors (least squares, HC3 robust standard errors, t intervals), VIF for confounding; per-factor median contrasts with a seeded bootstrap CI (src/analytics/fleet-eval/influence-factors.md)',
    'zh-CN': 'SPF 对各因素的多元线性回归（最小二乘，HC3 稳健标准误，t 分布区间），以 VIF 判断混杂；各因素的中位数对比及固定种子自助法置信区间（src/analytics/fleet-eval/influence-factors.md）',
  },
} as const satisfies TextCatalogue;
export type InfluenceTextCode = keyof typeof INFLUENCE_TEXTS;

/** Whose units a report covers (the population's `scope`, src/app/season-report/population.ts). */
export const SCOPE_TEXTS = {
  'whole-installation': { en: 'the whole installation', 'zh-CN': '全部设施' },
  area: { en: 'every site in {{area}}', 'zh-CN': '{{area}}内的所有用户' },
  'no-area': { en: 'every site in no area', 'zh-CN': '未分配辖区（无可见用户）' },
  household: { en: 'your household (site {{siteId}})', 'zh-CN': '您的住户（用户 {{siteId}}）' },
  org: { en: 'sites operated or serviced by {{orgId}}', 'zh-CN': '由 {{orgId}} 运营或维护的用户' },
  'org-in-area': { en: 'sites operated or serviced by {{orgId}} in {{area}}', 'zh-CN': '{{area}}内由 {{orgId}} 运营或维护的用户' },
} as const satisfies TextCatalogue;
export type ScopeTextCode = keyof typeof SCOPE_TEXTS;
