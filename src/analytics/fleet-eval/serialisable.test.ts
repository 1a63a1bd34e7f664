/** Results go to HTTP, CSV/XLSX and HTML reports as JSON: no NaN, no Infinity, nothing lost in a round trip; each names its period. */
import { describe, expect, it } from 'vitest';
import { hasNonFinite } from '../unit-kpis/test-support.js';
import { afterSalesMetrics, faultEventsFromReadings } from './after-sales.js';
import { creditList } from './credit-rules.js';
import { compareUnits, kpiDistribution } from './fleet-tables.js';
import { influenceFactors } from './influence-factors.js';
import { rankGroups } from './rankings.js';
import { buildUnit, type UnitSpec } from './test-population.js';

const specs: UnitSpec[] = Array.from({ length: 24 }, (_, i) => ({
  id: `s${i}`, model: i % 2 ? 'A' : 'B', spf: 2 + (i % 7) / 5, emitter: i % 3 ? 'floor' : 'radiator', control: i % 4 ? 'inverter' : 'fixed-speed',
  ...(i === 5 ? { heatMeterFault: true } : {}), ...(i === 7 ? { fault: { code: 'E1', from: 3, to: 9 } } : {}),
}));
const built = specs.map(buildUnit);
const units = built.map((b) => b.evaluated);
const events = faultEventsFromReadings(built.flatMap((b) => b.readings));

describe('results are plain JSON and name their period', () => {
  const results = {
    ranking: rankGroups(units, { minUnits: 5, minHeatKWh: 0 }),
    credit: creditList(units, [{ kind: 'median-spf-below', boundary: 'h2', thresholdSpf: 2.5, minUnits: 5, minCoveragePct: 80 }, { kind: 'not-evaluable-share', maxSharePct: 5, minUnits: 5 }]),
    afterSales: afterSalesMetrics(units, events),
    influence: influenceFactors(units, { factors: ['emitter', 'capacityControl'], minUnits: 10, minUnitsPerCoefficient: 3 }),
    distribution: kpiDistribution(units, { kpi: 'spfH2' }),
    comparison: compareUnits(units, { unitIds: ['s0', 's5'] }),
  };
  for (const [name, r] of Object.entries(results)) {
    it(name, () => {
      expect(hasNonFinite(r)).toBe(false);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      expect((r as { period: { fromIso: string } | null }).period?.fromIso).toBe(units[0]?.kpis.period.fromIso);
    });
  }
});
