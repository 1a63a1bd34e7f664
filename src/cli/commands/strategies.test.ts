import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    await expect(runStrategies({ ...base, horizonDays: '3' }, quiet)).rejects.toThrow(/--horizon-days: "3" is not a whole number 1…2/);
  });
});
