import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PRESETS } from '../../optimize/index.js';
import { generateFleet } from '../../sim/index.js';
import { DEFAULT_EPW } from './simulate.js';
import { formatTable, runStrategies, type StrategiesOptions } from './strategies.js';

const out = mkdtempSync(join(tmpdir(), 'heatfleet-strategies-'));
const base: StrategiesOptions = {
  preset: 'beijing-103', tariff: 'beijing-rural-coal-to-electricity', from: '2019-01-10', to: '2019-01-11', strategies: 'thermostat,valley-only', out, workers: '1',
  seed: '1', weather: DEFAULT_EPW, weatherSeed: '1', forecast: 'anomaly-persistence', planMargin: '0.5', maxIterations: '10', exactFallback: false,
};
const quiet = () => undefined;

describe('heatfleet strategies', () => {
  it('prints one row per strategy and writes the CSV and the JSON with the conditions of the run', async () => {
    const { rows } = await runStrategies(base, quiet);
    expect(rows.map((r) => r.strategy)).toEqual(['thermostat', 'valley-only']);
    const table = formatTable(rows);
    expect(table.split('\n')[0]).toMatch(/^strategy +electricity kWh +cost yuan/);
    expect(readFileSync(join(out, 'strategies.csv'), 'utf8').split('\n')[0]).toMatch(/^strategy,households,electricityKWh,costYuan/);
    const json = JSON.parse(readFileSync(join(out, 'strategies.json'), 'utf8')) as { conditions: { tariff: { id: string }; horizonDays: number; transformers: { ratings: number[] } }; rows: unknown[] };
    expect(json.conditions.tariff.id).toBe('beijing-rural-coal-to-electricity');
    // The CLI plans over two days unless told otherwise (--horizon-days 1 stays available).
    expect(json.conditions.horizonDays).toBe(2);
    // No --rating-kva: the village transformer is sized from the thermostat's measured peak (a standard size).
    expect(json.conditions.transformers.ratings).toHaveLength(1);
    expect(json.rows).toHaveLength(2);
  });
  it('--enforce-rating holds the rating with the guard, labels the rows and reports the blocks', async () => {
    const { rows } = await runStrategies({ ...base, strategies: 'valley-only', ratingKva: '315', enforceRating: true }, quiet);
    expect(rows.map((r) => r.strategy)).toEqual(['valley-only + rating guard']);
    expect(rows[0]?.peakPctMax).toBeLessThanOrEqual(100);
    expect(rows[0]?.blockedHPerHousehold).toBeGreaterThan(0);
    expect(formatTable(rows).split('\n')[0]).toMatch(/blocked below floor h\/hh$/);
    const json = JSON.parse(readFileSync(join(out, 'strategies.json'), 'utf8')) as { conditions: { ratingGuard: string }; ratingGuard: Record<string, { locksOverLimit: number }> };
    expect(json.conditions.ratingGuard).toMatch(/locked \(SG-Ready\)/);
    expect(json.ratingGuard['valley-only']?.locksOverLimit).toBeGreaterThanOrEqual(0);
  });
  it('--contract settles the contract on each strategy from the twin: fee by heated area and days, refunds from K·h below the guarantee, margin and household cost', async () => {
    const contract = CONTRACT_PRESETS['example-heating-fee-per-area'];
    if (!contract?.comfortGuarantee) throw new Error('preset missing');
    const { rows } = await runStrategies({ ...base, contract: contract.id }, quiet);
    // 1 day of a 121-day season at 25 yuan/m² over the fleet's heated area.
    const areaM2 = generateFleet('beijing-103', 1).households.reduce((s, h) => s + h.areaM2, 0);
    for (const r of rows) {
      expect(r.feeRevenueYuan).toBeCloseTo((25 * areaM2) / 121, 6);
      expect(r.belowGuaranteeKhPerHousehold).toBeGreaterThan(0);
      // 0.1 yuan per K·h below 18 °C; the 100 % cap does not bind in a day.
      expect(r.comfortRefundYuan).toBeCloseTo(0.1 * (r.belowGuaranteeKhPerHousehold as number) * r.households, 6);
      // Heating-fee model: the operator pays the electricity.
      expect(r.operatorMarginYuan).toBeCloseTo((r.feeRevenueYuan as number) - (r.comfortRefundYuan as number) - r.costYuan, 6);
      expect(r.householdMeanCostYuan).toBeCloseTo(((r.feeRevenueYuan as number) - (r.comfortRefundYuan as number)) / r.households, 6);
    }
    expect(formatTable(rows).split('\n')[0]).toMatch(/below guarantee K·h\/hh +fee revenue yuan +comfort refunds yuan +operator margin yuan +household mean cost yuan$/);
    expect(readFileSync(join(out, 'strategies.csv'), 'utf8').split('\n')[0]).toMatch(/,contractId,billedDays,deliveredHeatKWh,feeRevenueYuan,comfortRefundYuan,operatorElectricityYuan,operatorMarginYuan,householdMeanCostYuan,belowGuaranteeKhPerHousehold$/);
    const json = JSON.parse(readFileSync(join(out, 'strategies.json'), 'utf8')) as { conditions: { contract: { id: string; status: string; billedDays: number } } };
    expect(json.conditions.contract).toMatchObject({ id: contract.id, status: 'unverified', billedDays: 1 });
    // A JSON contract guaranteeing 26 °C from 06:00 to 22:00 with a 0 % cap: the twin's rooms fall short of it far more, nothing is refunded.
    const file = join(out, 'warm-contract.json');
    writeFileSync(file, JSON.stringify({ ...contract, id: 'warm', comfortGuarantee: { indoorTempC: 26, hours: [{ fromLocal: '06:00', toLocal: '22:00' }], refundYuanPerKh: 0.1, refundCapPct: 0 } }));
    const warm = await runStrategies({ ...base, strategies: 'thermostat', contract: file }, quiet);
    const thermostat = rows.find((r) => r.strategy === 'thermostat');
    expect(warm.rows[0]?.belowGuaranteeKhPerHousehold).toBeGreaterThan((thermostat?.belowGuaranteeKhPerHousehold as number) + 16);
    expect(warm.rows[0]?.comfortRefundYuan).toBe(0);
    // A metered contract bills the heat the twin delivered (heat pump + backup): a January day's COP lies between 1 and 5.
    const metered = (await runStrategies({ ...base, strategies: 'thermostat', contract: 'example-heating-fee-metered' }, quiet)).rows[0];
    const heatKWh = metered?.deliveredHeatKWh as number;
    expect(heatKWh).toBeGreaterThan(metered?.electricityKWh as number);
    expect(heatKWh).toBeLessThan(5 * (metered?.electricityKWh as number));
    expect(metered?.feeRevenueYuan).toBeCloseTo((8 * areaM2) / 121 + 0.12 * heatKWh, 6);
  });
  it('bad input gets a clear error naming it', async () => {
    await expect(runStrategies({ ...base, preset: 'beijing-104' }, quiet)).rejects.toThrow(/--preset: unknown preset "beijing-104"/);
    await expect(runStrategies({ ...base, strategies: 'thermostat,heat-everything' }, quiet)).rejects.toThrow(/unknown strategy "heat-everything"/);
    await expect(runStrategies({ ...base, strategies: ' , ' }, quiet)).rejects.toThrow(/--strategies: empty list/);
    await expect(runStrategies({ ...base, to: '2019-01-10' }, quiet)).rejects.toThrow(/empty period/);
    await expect(runStrategies({ ...base, tariff: 'hebei-rural-coal-to-electricity' }, quiet)).rejects.toThrow(/--tariff: hebei/);
    await expect(runStrategies({ ...base, preset: undefined, county: '100by100' }, quiet)).rejects.toThrow(/--county: "100by100"/);
    await expect(runStrategies({ ...base, county: '2x2' }, quiet)).rejects.toThrow(/either --preset/);
    await expect(runStrategies({ ...base, forecast: 'oracle' }, quiet)).rejects.toThrow(/--forecast: "oracle"/);
    await expect(runStrategies({ ...base, plannerModel: 'learned' }, quiet)).rejects.toThrow(/--planner-model: "learned" is not one of envelope, room, identified/);
    await expect(runStrategies({ ...base, contract: 'no-such-contract' }, quiet)).rejects.toThrow(/--contract: unknown contract "no-such-contract"/);
    const bad = join(out, 'bad-contract.json');
    writeFileSync(bad, JSON.stringify({ ...CONTRACT_PRESETS['example-heating-fee-per-area'], comfortGuarantee: { indoorTempC: 18, hours: [{ fromLocal: '00:00', toLocal: '24:00' }], refundYuanPerKh: 0.1, refundCapPct: 150 } }));
    await expect(runStrategies({ ...base, contract: bad }, quiet)).rejects.toThrow(/comfortGuarantee\.refundCapPct: a refund cap is 0–100 %/);
    await expect(runStrategies({ ...base, horizonDays: '3' }, quiet)).rejects.toThrow(/--horizon-days: "3" is not a whole number 1…2/);
    await expect(runStrategies({ ...base, programmeCapKw: '-5' }, quiet)).rejects.toThrow(/--programme-cap-kw: "-5" is not a finite, non-negative number of kW/);
    await expect(runStrategies({ ...base, programmeCapKw: 'Infinity' }, quiet)).rejects.toThrow(/--programme-cap-kw: "Infinity"/);
    await expect(runStrategies({ ...base, programmeCapKw: '300', workers: '2' }, quiet)).rejects.toThrow(/--programme-cap-kw couples all transformers .* --workers/);
  });
});
