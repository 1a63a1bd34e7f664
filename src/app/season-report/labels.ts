/** Words of the exports in English and Chinese (zh-CN); KPI labels in English come from the KPI catalogue. */
import type { BoundaryKey, SeasonKpiKey } from '../../contract/season-report.js';

export type Lang = 'en' | 'zh-CN';

export const KPI_LABELS_ZH: Readonly<Record<SeasonKpiKey, string>> = {
  spfH1: '季节性能系数 SPF H1', spfH2: '季节性能系数 SPF H2', spfH3: '季节性能系数 SPF H3', spfH4: '季节性能系数 SPF H4',
  copRunning: '运行时 COP', heatKWh: '供热量（计量）', electricityH2KWh: '机组耗电量', backupElectricityKWh: '辅助电加热耗电量', pumpElectricityKWh: '循环泵耗电量',
  defrostSharePct: '除霜能量占供热量比例', startsPerRunningHour: '每运行小时压缩机启动次数', shortCycles: '短周期次数', loadRatio: '负荷率（相对名义制热量）',
  flowTempC: '供水温度（按热量加权）', deltaTK: '供回水温差（按热量加权）', carnotPct: '卡诺效率百分比', hoursBelowTarget: '室温低于目标温度的小时数',
  degreeHoursBelowKh: '低于目标温度的度时数', meanIndoorC: '平均室内温度', meanOutdoorC: '平均室外温度', hddKd: '采暖度日数', heatPerHddKWhPerKd: '单位度日供热量',
  coveragePct: '数据覆盖率（热表与电表较小者）',
};

/** BOUNDARY_DEFINITIONS (src/contract/season-report.ts) in Chinese, as the dashboard words them. */
export const BOUNDARY_DEFINITIONS_ZH: Readonly<Record<BoundaryKey, string>> = {
  h1: 'SPF H1 = 热泵制热量 ÷ 压缩机耗电量',
  h2: 'SPF H2 = 热泵制热量 ÷（压缩机 + 室外风机 + 控制）耗电量',
  h3: 'SPF H3 =（热泵 + 电辅热）制热量 ÷（H2 耗电量 + 电辅热耗电量）',
  h4: 'SPF H4 =（热泵 + 电辅热）制热量 ÷（H3 耗电量 + 循环泵耗电量）',
};

const WORDS = {
  title: { en: 'Season report: heat-pump performance', 'zh-CN': '采暖季报告：热泵运行性能' },
  period: { en: 'Period (local days, Asia/Shanghai UTC+08:00)', 'zh-CN': '统计期（北京时间 UTC+08:00，按自然日）' },
  population: { en: 'Population', 'zh-CN': '统计对象' },
  boundaries: { en: 'Boundaries (SEPEMO)', 'zh-CN': '系统边界（SEPEMO）' },
  units: { en: 'Units', 'zh-CN': '机组' },
  unit: { en: 'Unit', 'zh-CN': '机组' },
  site: { en: 'Site', 'zh-CN': '用户' },
  manufacturer: { en: 'Manufacturer', 'zh-CN': '制造商' },
  model: { en: 'Model', 'zh-CN': '型号' },
  emitter: { en: 'Emitter', 'zh-CN': '末端' },
  status: { en: 'Status', 'zh-CN': '状态' },
  rankingsModel: { en: 'Ranking of models by median measured SPF', 'zh-CN': '按实测 SPF 中位数的型号排名' },
  rankingsManufacturer: { en: 'Ranking of manufacturers by median measured SPF', 'zh-CN': '按实测 SPF 中位数的制造商排名' },
  rank: { en: 'Rank', 'zh-CN': '名次' },
  group: { en: 'Group', 'zh-CN': '分组' },
  n: { en: 'Units (n)', 'zh-CN': '机组数' },
  median: { en: 'Median SPF', 'zh-CN': 'SPF 中位数' },
  ci: { en: '95 % CI of the median', 'zh-CN': '中位数 95% 置信区间' },
  insufficient: { en: 'Not ranked (insufficient data)', 'zh-CN': '数据不足，未排名' },
  credit: { en: 'Credit list', 'zh-CN': '信用名单' },
  rule: { en: 'Rule', 'zh-CN': '规则' },
  statistic: { en: 'Statistic', 'zh-CN': '统计量' },
  value: { en: 'Value', 'zh-CN': '数值' },
  threshold: { en: 'Threshold', 'zh-CN': '阈值' },
  evidence: { en: 'Evidence (units and figures)', 'zh-CN': '依据（机组及数值）' },
  withData: { en: '{n} with data', 'zh-CN': '{n} 台有数据' },
  outcome: { en: 'listed / passed / not judged:', 'zh-CN': '列入 / 通过 / 未判定：' },
  notJudged: { en: 'Not judged', 'zh-CN': '未判定' },
  modelFitted: { en: 'Model fitted', 'zh-CN': '模型已拟合' },
  modelInsufficient: { en: 'Model not fitted (insufficient data)', 'zh-CN': '数据不足，模型未拟合' },
  noEntries: { en: 'No group is listed by these rules.', 'zh-CN': '按上述规则，没有列入名单的分组。' },
  influence: { en: 'Key influence factors', 'zh-CN': '关键影响因素' },
  term: { en: 'Term', 'zh-CN': '项' },
  estimate: { en: 'Effect on SPF', 'zh-CN': '对 SPF 的影响' },
  pValue: { en: 'p', 'zh-CN': 'p 值' },
  method: { en: 'Method notes', 'zh-CN': '方法说明' },
  notes: { en: 'Notes', 'zh-CN': '说明' },
  warnings: { en: 'Data-quality warnings per unit', 'zh-CN': '各机组数据质量提示' },
  warning: { en: 'Warning', 'zh-CN': '提示' },
  none: { en: '—', 'zh-CN': '—' },
} as const;

export const word = (k: keyof typeof WORDS, lang: Lang): string => WORDS[k][lang];

export const METHOD_NOTES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'SPF = Σ heat / Σ electricity over the period (energy-weighted, never a mean of ratios), at the SEPEMO boundary named with each figure.',
    'Readings are resampled to 1 minute; gaps up to 15 min are bridged with the last value, longer gaps are left out (coverage says how much).',
    'A figure that cannot be computed is empty with its reason (e.g. no-heat-meter); a channel that looks like kW sent as W is flagged and left out.',
    'Units with a metering fault (heat-meter fault, registers disagreeing with integrated power, implausible units) are not ranked.',
    'Rankings: median SPF per group with a bootstrap 95 % CI; groups with too few units meeting the data rules are not ranked.',
    'Source: heatfleet docs/analytics/unit-kpis.md, season-report.md, reports.md.',
  ],
  'zh-CN': [
    'SPF = 统计期内供热量之和 / 耗电量之和（按能量加权，不对比值取平均），系统边界按 SEPEMO 标注于每个数值。',
    '数据按 1 分钟重采样；不超过 15 分钟的缺口以前值补齐，更长的缺口不计入（见数据覆盖率）。',
    '无法计算的数值留空并注明原因（如无热量表）；疑似以 W 上报 kW 的通道会被标记并剔除。',
    '存在计量故障（热量表故障、累计表与功率积分不一致、单位异常）的机组不参与排名。',
    '排名：各组 SPF 中位数及自助法 95% 置信区间；满足数据要求的机组数不足的分组不排名。',
    '依据：heatfleet 文档 docs/analytics/unit-kpis.md、season-report.md、reports.md。',
  ],
};
