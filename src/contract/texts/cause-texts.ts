/**
 * zh-CN and English wording of the likely causes of a shortfall against the digital twin (expected vs actual,
 * src/analytics/fleet-eval/causes.ts): the cause's sentence (`textRef` beside `text`) and the name of each
 * piece of evidence (`figureRef` beside `figure`). English templates give the analytics' own English words.
 */
import type { TextCatalogue } from './render-text.js';

const pct1 = { digits: 1 } as const;

export const CAUSE_TEXTS = {
  cycling: {
    en: 'short cycling: {{startsPerH}} starts per running hour (twin {{expectedStartsPerH}})',
    'zh-CN': '频繁启停：每运行小时启动 {{startsPerH}} 次（数字孪生 {{expectedStartsPerH}} 次）',
    numbers: { startsPerH: pct1, expectedStartsPerH: pct1 },
  },
  oversizing: {
    en: 'oversized for the load: load ratio {{loadRatio}} (twin {{expectedLoadRatio}})',
    'zh-CN': '机组选型相对负荷偏大：负荷率 {{loadRatio}}（数字孪生 {{expectedLoadRatio}}）',
    numbers: { loadRatio: { digits: 2 }, expectedLoadRatio: { digits: 2 } },
  },
  'high-flow-temperature': {
    en: 'flow temperature {{flowC}} °C vs {{expectedFlowC}} °C expected (heat-weighted)',
    'zh-CN': '供水温度 {{flowC}} °C，预期 {{expectedFlowC}} °C（按热量加权）',
    numbers: { flowC: pct1, expectedFlowC: pct1 },
  },
  'high-flow-temperature-loss': {
    en: 'flow temperature {{flowC}} °C vs {{expectedFlowC}} °C expected (heat-weighted): about {{spfLoss}} SPF H2 lost',
    'zh-CN': '供水温度 {{flowC}} °C，预期 {{expectedFlowC}} °C（按热量加权）：约损失 SPF H2 {{spfLoss}}',
    numbers: { flowC: pct1, expectedFlowC: pct1, spfLoss: { digits: 2 } },
  },
  defrost: {
    en: 'defrost draws {{sharePct}} % of heat back (twin {{expectedSharePct}} %)',
    'zh-CN': '除霜消耗了 {{sharePct}}% 的供热量（数字孪生 {{expectedSharePct}}%）',
    numbers: { sharePct: pct1, expectedSharePct: pct1 },
  },
  'circulation-pump': {
    en: 'circulation pump uses {{sharePct}} % of electricity (twin {{expectedSharePct}} %)',
    'zh-CN': '循环泵耗电占总耗电的 {{sharePct}}%（数字孪生 {{expectedSharePct}}%）',
    numbers: { sharePct: pct1, expectedSharePct: pct1 },
  },
  'backup-heater': {
    en: 'backup heater uses {{sharePct}} % of electricity (twin {{expectedSharePct}} %)',
    'zh-CN': '电辅热耗电占总耗电的 {{sharePct}}%（数字孪生 {{expectedSharePct}}%）',
    numbers: { sharePct: pct1, expectedSharePct: pct1 },
  },
  'comfort-shortfall': {
    en: 'below {{targetC}} °C for {{belowPct}} % of hours (twin {{expectedBelowPct}} %)',
    'zh-CN': '室温低于 {{targetC}} °C 的时间占 {{belowPct}}%（数字孪生 {{expectedBelowPct}}%）',
    numbers: { belowPct: pct1, expectedBelowPct: pct1 },
  },
} as const satisfies TextCatalogue;
export type CauseTextCode = keyof typeof CAUSE_TEXTS;

export const EVIDENCE_FIGURE_TEXTS = {
  starts: { en: 'compressor starts per running hour', 'zh-CN': '每运行小时压缩机启动次数' },
  'short-cycles': { en: 'share of cycles shorter than {{minutes}} min', 'zh-CN': '短于 {{minutes}} 分钟的启停占比' },
  'load-ratio': { en: 'load ratio (heat while running / nominal capacity)', 'zh-CN': '负荷率（运行时制热功率 ÷ 额定制热量）' },
  flow: { en: 'heat-weighted flow temperature', 'zh-CN': '按热量加权的供水温度' },
  defrost: { en: 'defrost energy / heat', 'zh-CN': '除霜能耗 ÷ 制热量' },
  pump: { en: 'pump electricity / H4 electricity', 'zh-CN': '循环泵耗电 ÷ H4 耗电' },
  backup: { en: 'backup electricity / {{boundary}} electricity', 'zh-CN': '电辅热耗电 ÷ {{boundary}} 耗电' },
  comfort: { en: 'hours below {{targetC}} °C / covered hours', 'zh-CN': '低于 {{targetC}} °C 的小时 ÷ 有数据小时' },
} as const satisfies TextCatalogue;
export type EvidenceFigureTextCode = keyof typeof EVIDENCE_FIGURE_TEXTS;
