import type { TFunction } from 'i18next';
import type { CreditRuleWire } from '../performance/api.js';

/** A credit rule in the page's words (the server states its own rules in English: ruleText). */
export function ruleWords(r: CreditRuleWire, t: TFunction): string {
  const who = t(r.groupBy === 'manufacturer' ? 'creditRule.manufacturers' : 'creditRule.models');
  const data = 'minCoveragePct' in r
    ? t('creditRule.dataSpf', { minUnits: r.minUnits, minCoveragePct: r.minCoveragePct, minHeatKWh: r.minHeatKWh ?? 0 })
    : t('creditRule.dataUnits', { minUnits: r.minUnits });
  switch (r.kind) {
    case 'median-spf-below': return t('creditRule.median-spf-below', { who, boundary: r.boundary.toUpperCase(), threshold: r.thresholdSpf, data });
    case 'share-below-floor': return t('creditRule.share-below-floor', { who, boundary: r.boundary.toUpperCase(), floor: r.floorSpf, share: r.maxSharePct, data });
    case 'comfort-failure-share': return t('creditRule.comfort-failure-share', { who, hours: r.maxHoursBelowPct, share: r.maxSharePct, indoor: r.minIndoorCoveragePct ?? 80, data });
    case 'fault-rate': return t('creditRule.fault-rate', { who, events: r.maxEventsPerUnitSeason, days: r.seasonDays ?? 121, data });
    case 'not-evaluable-share': return t('creditRule.not-evaluable-share', { who, share: r.maxSharePct, data });
  }
}

/** The rule set a regulator starts editing from: one of each SPF rule, stated as the issue words them. */
export const EXAMPLE_RULES: CreditRuleWire[] = [
  { id: 'median-spf-h2', kind: 'median-spf-below', groupBy: 'model', boundary: 'h2', thresholdSpf: 2.5, minUnits: 5, minCoveragePct: 80, minHeatKWh: 500 },
  { id: 'share-below-2', kind: 'share-below-floor', groupBy: 'model', boundary: 'h4', floorSpf: 2, maxSharePct: 25, minUnits: 5, minCoveragePct: 80, minHeatKWh: 0 },
];
