/**
 * Influence factors on a twin fleet where the truth is known: radiators run at 45–55 °C design flow, floor
 * heating at 35–42 °C, so at the same weather and buildings the radiator group's SPF H2 must be lower.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFleet, parseEpw } from '../../sim/index.js';
import { influenceFactors } from './influence-factors.js';
import { runTwinFleet } from './twin-fleet.js';

const weather = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const FROM_MS = Date.parse('2019-01-08T00:00:00+08:00');
const period = { fromMs: FROM_MS, toMs: FROM_MS + 4 * 86_400_000 };
const fleet = generateFleet({ name: 'inf', count: 40, areaM2: [80, 120, 180], envelope: { uninsulated: 1, 'partially-insulated': 1, retrofitted: 1 }, emitter: { floor: 1, radiator: 1 }, unitType: { 'air-to-water': 1 }, inverterShare: 0.5, capacityKw: [8, 10, 14] }, 11);
const run = runTwinFleet(fleet, weather, period, 300);

describe('influence factors on a twin fleet', () => {
  const r = influenceFactors(run.units, { factors: ['emitter', 'capacityControl', 'heatLossWPerM2K', 'meanOutdoorC'], minUnits: 20, minUnitsPerCoefficient: 5, minCoveragePct: 90, bootstrap: { seed: 4 } });
  it('shows the emitter effect with the right sign and a 95 % interval excluding 0', () => {
    if (r.model.status !== 'fitted') throw new Error(r.model.reason);
    const term = r.model.terms.find((t) => t.factor === 'emitter');
    const radiatorMinusFloor = term?.term === 'emitter=radiator vs floor' ? 1 : -1;
    expect(term && radiatorMinusFloor * term.estimate).toBeLessThan(-0.2);
    expect(term && (radiatorMinusFloor > 0 ? term.ci[1] : -term.ci[0])).toBeLessThan(0);
    expect(r.model.n).toBe(40);
    expect(r.model.rSquared).toBeGreaterThan(0.5);
    const c = r.contrasts.find((x) => x.factor === 'emitter');
    const sign = c?.comparison.startsWith('radiator') ? 1 : -1;
    expect(c && sign * c.medianDifference).toBeLessThan(0);
    expect(c?.ci && (sign > 0 ? c.ci.high : -c.ci.low)).toBeLessThan(0);
  });
  it('prints the model when FLEET_EVAL_REPORT is set', () => {
    if (!process.env.FLEET_EVAL_REPORT || r.model.status !== 'fitted') return;
    console.log(`n ${r.model.n}, R² ${r.model.rSquared.toFixed(3)}, intercept ${r.model.intercept.toFixed(3)}`);
    console.table(r.model.terms.map((t) => ({ term: t.term, estimate: t.estimate.toFixed(3), se: t.seHc3.toFixed(3), ci: `${t.ci[0].toFixed(3)}..${t.ci[1].toFixed(3)}`, p: t.pValue.toPrecision(2), vif: t.vif?.toFixed(2) })));
    console.table(r.contrasts.map((c) => ({ factor: c.factor, comparison: c.comparison, n: `${c.nA}/${c.nB}`, diff: c.medianDifference.toFixed(3), ci: c.ci ? `${c.ci.low.toFixed(3)}..${c.ci.high.toFixed(3)}` : '—' })));
  });
  it('says the shared weather does not vary across the fleet', () => {
    expect(r.factors.find((f) => f.factor === 'meanOutdoorC')?.status).toBe('no-variation');
  });
});
