/**
 * The season report as a printable HTML page (server-rendered, zh-CN or English): no script, no external
 * resource (the CSP allows inline styles only), print CSS, every table captioned with its period, boundary and
 * population. All text from the registry or the request is escaped.
 */
import type { FleetTable, RankingWire } from '../../contract/season-report.js';
import { renderText, type TextCatalogue, type TextRef } from '../../contract/texts/render-text.js';
import { CREDIT_RULE_TEXTS, CREDIT_STATISTIC_TEXTS, INFLUENCE_TEXTS, INSUFFICIENT_DATA_TEXTS, RANKING_RULE_TEXTS } from '../../contract/texts/report-texts.js';
import { UNIT_WARNING_TEXTS } from '../../contract/texts/unit-texts.js';
import { scopeIn } from './export-columns.js';
import { BOUNDARY_DEFINITIONS_ZH, KPI_LABELS_ZH, METHOD_NOTES, word, type Lang } from './labels.js';
import type { SeasonReportBundle } from './service.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const num = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(digits));

/** A server text in the page's language from its code; the English field when there is no ref or no such code. */
const say = (catalogue: TextCatalogue, ref: TextRef | null | undefined, english: string, lang: Lang): string => (ref ? renderText(catalogue, ref, lang) : null) ?? english;

const CSS = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei",Arial,sans-serif;font-size:11px;margin:16px;color:#111}
h1{font-size:18px}h2{font-size:14px;margin-top:20px;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #bbb;padding:2px 4px;text-align:right;vertical-align:top}
th{background:#eee}td.t,th.t{text-align:left}caption{text-align:left;font-style:italic;padding:2px 0;caption-side:top}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}
@media print{body{margin:0;font-size:9px}h2{break-after:avoid}table{page-break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}@page{size:A4 landscape;margin:10mm}}`;

function caption(t: FleetTable, boundary: string | null, lang: Lang): string {
  return `<caption>${esc(word('period', lang))}: ${esc(t.period.label)} · ${boundary ? `${esc(word('boundaries', lang))}: ${esc(boundary)} · ` : ''}${esc(word('population', lang))}: ${esc(scopeIn(t.population, lang))}, n = ${t.population.unitsMatched}</caption>`;
}

const SHOWN = ['spfH2', 'spfH4', 'copRunning', 'heatKWh', 'electricityH2KWh', 'flowTempC', 'startsPerRunningHour', 'defrostSharePct', 'hoursBelowTarget', 'coveragePct'] as const;

function unitsTable(t: FleetTable, lang: Lang): string {
  const cols = t.columns.filter((c) => (SHOWN as readonly string[]).includes(c.key));
  const head = cols.map((c) => `<th data-kpi="${c.key}">${esc(lang === 'zh-CN' ? KPI_LABELS_ZH[c.key] : c.label)}${c.boundary ? ` (${c.boundary.toUpperCase()})` : ''} [${esc(c.unit)}]</th>`).join('');
  const rows = t.items.map((r) => `<tr data-unit="${esc(r.unitId)}"><td class="t">${esc(r.unitId)}</td><td class="t">${esc(r.manufacturer)} ${esc(r.model)}</td><td class="t">${esc(r.emitter)}</td><td class="t">${esc(r.status)}${r.notEvaluable.length ? `; ${esc(r.notEvaluable.join(', '))}` : ''}</td>${cols.map((c) => `<td data-kpi="${c.key}">${num(r.values[c.key])}</td>`).join('')}</tr>`).join('\n');
  return `<table id="units">${caption(t, 'SPF H2, H4 (SEPEMO)', lang)}<thead><tr><th class="t">${esc(word('unit', lang))}</th><th class="t">${esc(word('model', lang))}</th><th class="t">${esc(word('emitter', lang))}</th><th class="t">${esc(word('status', lang))}</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** Each unit's data-quality warnings, worded in the page's language from their codes (the English field otherwise). */
function warningsTable(t: FleetTable, lang: Lang): string {
  const rows = t.items.flatMap((r) => r.warnings.map((w, i) => {
    const ref = r.warningRefs[i];
    const text = (ref && renderText(UNIT_WARNING_TEXTS, ref, lang)) ?? w;
    return `<tr data-unit="${esc(r.unitId)}"${ref ? ` data-code="${esc(ref.code)}"` : ''}><td class="t">${esc(r.unitId)}</td><td class="t">${esc(text)}</td></tr>`;
  }));
  if (rows.length === 0) return '';
  return `<h2>${esc(word('warnings', lang))}</h2><table id="unit-warnings">${caption(t, null, lang)}<thead><tr><th class="t">${esc(word('unit', lang))}</th><th class="t">${esc(word('warning', lang))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function rankingTable(id: string, title: string, t: FleetTable, r: RankingWire, lang: Lang): string {
  const rows = r.ranked.map((g) => `<tr><td>${g.rank}</td><td class="t">${esc(g.key)}</td><td>${g.n}</td><td>${num(g.medianSpf)}</td><td>${g.ci ? `${num(g.ci.low)}–${num(g.ci.high)}` : '—'}</td></tr>`).join('');
  const un = r.insufficientData.map((g) => `<li>${esc(g.key)}: ${esc(say(INSUFFICIENT_DATA_TEXTS, g.reasonRef, g.reason, lang))}</li>`).join('');
  return `<h2>${esc(title)}</h2><table id="${id}">${caption(t, lang === 'zh-CN' ? BOUNDARY_DEFINITIONS_ZH[r.boundary] : `SPF ${r.boundary.toUpperCase()} — ${r.boundaryLabel}`, lang)}<thead><tr><th>${esc(word('rank', lang))}</th><th class="t">${esc(word('group', lang))}</th><th>${esc(word('n', lang))}</th><th>${esc(word('median', lang))} ${r.boundary.toUpperCase()}</th><th>${esc(word('ci', lang))}</th></tr></thead><tbody>${rows || `<tr><td colspan="5" class="t">—</td></tr>`}</tbody></table><p data-code="${esc(r.rulesRef.code)}">${esc(say(RANKING_RULE_TEXTS, r.rulesRef, r.rules, lang))}</p>${un ? `<p>${esc(word('insufficient', lang))}:</p><ul>${un}</ul>` : ''}`;
}

/** The groups a credit rule could not judge, each with its reason in the page's language. */
function notJudged(r: NonNullable<SeasonReportBundle['credit']>['rules'][number], lang: Lang): string {
  if (r.notJudged.length === 0) return '';
  return `<br>${esc(word('notJudged', lang))}: ${r.notJudged.map((g) => `${esc(g.key)} (${esc(say(INSUFFICIENT_DATA_TEXTS, g.reasonRef, g.reason, lang))})`).join(lang === 'zh-CN' ? '；' : '; ')}`;
}

export function seasonHtml(b: SeasonReportBundle, lang: Lang): string {
  const t = b.table;
  const parts: string[] = [];
  parts.push(`<h1>${esc(word('title', lang))}</h1><dl><dt>${esc(word('period', lang))}</dt><dd>${esc(t.period.label)} (${esc(t.period.fromIso)} – ${esc(t.period.toIso)}, ${t.period.days} ${lang === 'zh-CN' ? '天' : 'd'})</dd>`
    + `<dt>${esc(word('population', lang))}</dt><dd>${esc(scopeIn(t.population, lang))}: ${t.population.unitsMatched} / ${t.population.unitsInScope}, ${esc(word('withData', lang).replace('{n}', String(t.population.unitsWithData)))}</dd>`
    + `<dt>${esc(word('boundaries', lang))}</dt><dd>${Object.values(lang === 'zh-CN' ? BOUNDARY_DEFINITIONS_ZH : t.boundaries).map(esc).join('<br>')}</dd></dl>`);
  const notes = lang === 'zh-CN' && t.notesZh.length === t.notes.length ? t.notesZh : t.notes;
  if (notes.length) parts.push(`<h2>${esc(word('notes', lang))}</h2><ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  parts.push(`<h2>${esc(word('units', lang))}</h2>${unitsTable(t, lang)}`);
  parts.push(warningsTable(t, lang));
  if (b.rankings) {
    parts.push(rankingTable('rankings-model', word('rankingsModel', lang), t, b.rankings.model, lang));
    parts.push(rankingTable('rankings-manufacturer', word('rankingsManufacturer', lang), t, b.rankings.manufacturer, lang));
  }
  if (b.credit) {
    const c = b.credit;
    const rows = c.entries.map((e) => `<tr><td class="t">${esc(say(CREDIT_RULE_TEXTS, e.ruleTextRef, e.ruleText, lang))}</td><td class="t">${esc(e.key)}</td><td class="t">${esc(say(CREDIT_STATISTIC_TEXTS, e.statisticRef, e.statistic, lang))}</td><td>${num(e.value)}</td><td>${num(e.threshold)}</td><td class="t">${e.units.map((u) => `${esc(u.unitId)}: ${num(u.figure)}${u.fails ? ' ✗' : ''}`).join('; ')}</td></tr>`).join('');
    parts.push(`<h2>${esc(word('credit', lang))}</h2><p>${esc(c.rulesSource)}</p><ul id="credit-rules">${c.rules.map((r) => `<li data-rule="${esc(r.ruleId)}">${esc(r.ruleId)}: ${esc(say(CREDIT_RULE_TEXTS, r.ruleTextRef, r.ruleText, lang))} — ${esc(word('outcome', lang))} ${r.listed.length} / ${r.passed.length} / ${r.notJudged.length}${notJudged(r, lang)}</li>`).join('')}</ul>`
      + (c.entries.length === 0 ? `<p>${esc(word('noEntries', lang))}</p>` : `<table id="credit-list">${caption(t, null, lang)}<thead><tr><th class="t">${esc(word('rule', lang))}</th><th class="t">${esc(word('group', lang))}</th><th class="t">${esc(word('statistic', lang))}</th><th>${esc(word('value', lang))}</th><th>${esc(word('threshold', lang))}</th><th class="t">${esc(word('evidence', lang))}</th></tr></thead><tbody>${rows}</tbody></table>`));
  }
  if (b.influence) {
    const i = b.influence;
    const rows = i.model.terms.map((x) => `<tr><td class="t">${esc(x.term)}</td><td>${num(x.estimate, 3)}</td><td>${num(x.ci[0], 3)}–${num(x.ci[1], 3)}</td><td>${num(x.pValue, 3)}</td></tr>`).join('');
    parts.push(`<h2>${esc(word('influence', lang))}</h2><p>${esc(say(INFLUENCE_TEXTS, i.methodRef, i.method, lang))}</p><p>${esc(word(i.model.status === 'fitted' ? 'modelFitted' : 'modelInsufficient', lang))}${i.model.reason ? `: ${esc(say(INFLUENCE_TEXTS, i.model.reasonRef, i.model.reason, lang))}` : ''}</p>`
      + `<table id="influence-factors">${caption(t, lang === 'zh-CN' ? BOUNDARY_DEFINITIONS_ZH[i.boundary] : i.boundaryLabel, lang)}<thead><tr><th class="t">${esc(word('term', lang))}</th><th>${esc(word('estimate', lang))}</th><th>CI</th><th>${esc(word('pValue', lang))}</th></tr></thead><tbody>${rows || '<tr><td colspan="4" class="t">—</td></tr>'}</tbody></table>`);
  }
  parts.push(`<h2>${esc(word('method', lang))}</h2><ul>${METHOD_NOTES[lang].map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(word('title', lang))} ${esc(t.period.label)}</title><style>${CSS}</style></head><body>\n${parts.join('\n')}\n</body></html>`;
}
