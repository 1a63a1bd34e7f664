/**
 * The per-unit columns shared by the CSV and XLSX exports: every KPI column names its unit and boundary. The
 * English headers are the stable, machine-readable keys (CSV default); `zh-CN` gives Chinese headers with the
 * same units and boundaries. Cell values stay codes and numbers in both (e.g. `no-heat-meter`, `ok`).
 */
import type { FleetRow, FleetTable, KpiColumn } from '../../contract/season-report.js';
import { renderText } from '../../contract/texts/render-text.js';
import { SCOPE_TEXTS } from '../../contract/texts/report-texts.js';
import { BOUNDARY_DEFINITIONS_ZH, KPI_LABELS_ZH, type Lang } from './labels.js';

export interface ExportColumn { readonly header: string; readonly value: (r: FleetRow) => string | number | null }

export const kpiHeader = (c: KpiColumn, lang: Lang = 'en'): string => `${lang === 'zh-CN' ? KPI_LABELS_ZH[c.key] : c.label}${c.boundary ? ` (${c.boundary.toUpperCase()})` : ''} [${c.unit}]`;

const H = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const HEADERS = {
  unitId: H('unit_id', '机组编号'), site: H('site', '用户'), village: H('village', '村'), manufacturer: H('manufacturer', '制造商'), model: H('model', '型号'),
  unitType: H('unit_type', '机组类型'), capacityControl: H('capacity_control', '容量调节方式'), emitter: H('emitter', '末端'),
  nominalCapacity: H('nominal_capacity [kW]', '名义制热量 [kW]'), installedOn: H('installed_on', '安装日期'), status: H('status', '状态'),
  notEvaluable: H('not evaluable (metering)', '无法评价（计量问题代码）'), channelsLeftOut: H('channels left out', '剔除的通道'),
} as const;

export function unitColumns(t: FleetTable, lang: Lang = 'en'): ExportColumn[] {
  const h = (k: keyof typeof HEADERS): string => HEADERS[k][lang];
  return [
    { header: h('unitId'), value: (r) => r.unitId },
    { header: h('site'), value: (r) => r.siteName },
    { header: h('village'), value: (r) => r.villageId },
    { header: h('manufacturer'), value: (r) => r.manufacturer },
    { header: h('model'), value: (r) => r.model },
    { header: h('unitType'), value: (r) => r.unitType },
    { header: h('capacityControl'), value: (r) => r.capacityControl },
    { header: h('emitter'), value: (r) => r.emitter },
    { header: h('nominalCapacity'), value: (r) => r.nominalCapacityKw },
    { header: h('installedOn'), value: (r) => r.installedOn },
    { header: h('status'), value: (r) => r.status },
    ...t.columns.map((c) => ({ header: kpiHeader(c, lang), value: (r: FleetRow) => r.values[c.key] ?? null })),
    ...(['h1', 'h2', 'h3', 'h4'] as const).map((b) => ({
      header: lang === 'zh-CN' ? `SPF ${b.toUpperCase()} 无法计算的原因（代码）` : `SPF ${b.toUpperCase()} not computable because`,
      value: (r: FleetRow) => r.spfReasons[b],
    })),
    { header: h('notEvaluable'), value: (r) => r.notEvaluable.join('; ') },
    { header: h('channelsLeftOut'), value: (r) => r.excludedChannels.join('; ') },
  ];
}

/** The population's scope in `lang`, from its code (the English `scope` when the code is unknown). */
export const scopeIn = (pop: FleetTable['population'], lang: Lang): string => renderText(SCOPE_TEXTS, pop.scopeRef, lang) ?? pop.scope;

/** One line each: period, boundaries, population, notes — for the CSV comment header and the XLSX title block. */
export function reportHeaderLines(t: FleetTable, lang: Lang = 'en'): string[] {
  const p = t.period;
  const pop = t.population;
  if (lang === 'zh-CN') {
    const notes = t.notesZh.length === t.notes.length ? t.notesZh : t.notes;
    return [
      `heatfleet 采暖季报告；统计期 ${p.label}（北京时间自然日，${p.timezone}；[${p.fromIso}, ${p.toIso})；${p.source === 'requested' ? '按请求' : '默认采暖季'}${p.clampedToData ? '，已截至有读数的日期' : ''}）`,
      `统计对象：${scopeIn(pop, lang)}；范围内 ${pop.unitsInScope} 台，匹配 ${pop.unitsMatched} 台，统计期内有读数 ${pop.unitsWithData} 台；筛选条件 ${JSON.stringify(pop.filter)}`,
      `系统边界：${Object.values(BOUNDARY_DEFINITIONS_ZH).join('；')}`,
      ...notes.map((n) => `说明：${n}`),
    ];
  }
  return [
    `heatfleet season report; period ${p.label} (local days, ${p.timezone}; [${p.fromIso}, ${p.toIso}); ${p.source}${p.clampedToData ? ', clamped to the days with readings' : ''})`,
    `population: ${pop.scope}; ${pop.unitsMatched} units matched of ${pop.unitsInScope} in scope, ${pop.unitsWithData} with readings in the period; filter ${JSON.stringify(pop.filter)}`,
    `boundaries: ${Object.values(t.boundaries).join('; ')}`,
    ...t.notes.map((n) => `note: ${n}`),
  ];
}
