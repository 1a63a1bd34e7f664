/** Sheet names, column headers and cell words of the XLSX season report in English and Chinese (zh-CN). */
import type { Lang } from './labels.js';

const W = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const XLSX_WORDS = {
  sheetUnits: W('units', '机组'),
  sheetRankingsModel: W('rankings by model', '型号排名'),
  sheetRankingsManufacturer: W('rankings by manufacturer', '厂家排名'),
  sheetCredit: W('credit list', '信用名单'),
  sheetInfluence: W('influence factors', '影响因素'),
  sheetAfterSales: W('after-sales', '售后'),
  sheetMethod: W('method notes', '方法说明'),
  rankedBy: W('ranked by median SPF {b} ({def}); rules: {rules}', '按 SPF {b} 中位数排名（{def}）；规则：{rules}'),
  rank: W('rank', '名次'), group: W('group', '分组'), manufacturer: W('manufacturer', '制造商'), model: W('model', '型号'), unitsN: W('units (n)', '机组数 (n)'),
  medianSpf: W('median SPF {b} [-]', 'SPF {b} 中位数 [-]'), q25: W('q25 [-]', '下四分位数 [-]'), q75: W('q75 [-]', '上四分位数 [-]'),
  ciLow: W('CI low [-]', '置信区间下限 [-]'), ciHigh: W('CI high [-]', '置信区间上限 [-]'), meanCoverage: W('mean coverage [%]', '平均覆盖率 [%]'),
  heatAt: W('heat at {b} [kWh]', '{b} 边界制热量 [kWh]'), notRankedBecause: W('not ranked because', '未排名原因'),
  rulesSource: W('rules: {source}', '规则来源：{source}'),
  rule: W('rule', '规则'), ruleText: W('rule text', '规则内容'), boundary: W('boundary', '系统边界'), statisticOutcome: W('statistic / outcome', '统计量 / 结果'),
  value: W('value', '数值'), threshold: W('threshold', '阈值'), unitsJudged: W('units judged (n)', '参与判定机组数 (n)'),
  evUnit: W('evidence: unit', '依据：机组'), evFigure: W('evidence: figure', '依据：数值'), evCoverage: W('evidence: coverage [%]', '依据：覆盖率 [%]'),
  evHeat: W('evidence: heat [kWh]', '依据：制热量 [kWh]'), evFails: W('evidence: unit fails', '依据：该机组不达标'),
  yes: W('yes', '是'), no: W('no', '否'), passed: W('passed', '通过'),
  response: W('response: {r}; {def}; model {status}{reason}; R² {r2}', '因变量：{r}；{def}；模型{status}{reason}；R² {r2}'),
  fitted: W('fitted', '已拟合'), insufficient: W('insufficient-data', '数据不足'),
  kind: W('kind', '类别'), factor: W('factor', '因素'), termComparison: W('term / comparison', '项 / 对比'), estimate: W('estimate [SPF]', '估计值 [SPF]'),
  se: W('SE (HC3)', '标准误 (HC3)'), ciLowPlain: W('CI low', '置信区间下限'), ciHighPlain: W('CI high', '置信区间上限'), p: W('p', 'p 值'), vif: W('VIF', 'VIF'),
  confoundedWith: W('confounded with', '混杂因素'), nA: W('n A', 'A 组 n'), nB: W('n B', 'B 组 n'),
  regressionTerm: W('regression term', '回归项'), medianContrast: W('median contrast', '中位数对比'), notEstimated: W('not estimated', '未估计'),
  units: W('units', '机组数'), unitSeasons: W('unit-seasons', '台·季'), faultEvents: W('fault events', '故障次数'), eventsPerUnitSeason: W('events per unit-season', '每台每季故障次数'),
  unitsWithFaults: W('units with faults [%]', '有故障机组占比 [%]'), mtbf: W('mean time between faults [h]', '平均故障间隔 [h]'), eventsByCode: W('events by code', '按故障代码计次'),
  fleet: W('fleet', '全部机组'), note: W('note', '说明'),
} as const;

/** The word `k` in `lang` with `{name}` placeholders filled. */
export function xw(k: keyof typeof XLSX_WORDS, lang: Lang, vars: Readonly<Record<string, string | number>> = {}): string {
  return XLSX_WORDS[k][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
