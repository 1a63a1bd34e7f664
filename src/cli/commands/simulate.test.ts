import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EPW, loadFleet, runSimulation, type SimulateOptions } from './simulate.js';

const base = (out: string): SimulateOptions => ({ fleet: 'beijing-103', seed: '1', weather: DEFAULT_EPW, from: '2019-01-10', to: '2019-01-11', step: '15m', out, speed: '60', telemetry: true });

describe('heatfleet simulate', () => {
  it('writes canonical-channel CSV telemetry and a summary.json with the contract fields', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sim-'));
    await runSimulation(base(out), () => undefined);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.period.from).toBe('2019-01-09T16:00:00.000Z');
    expect(Object.keys(s.fleet.spf)).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(s.units).toHaveLength(103);
    expect(Object.keys(s.units[0])).toEqual(expect.arrayContaining(['id', 'emitter', 'inverter', 'capacityKw', 'areaM2', 'spf', 'loadRatio', 'compressorStarts', 'defrostKWh', 'heatKWh', 'electricityKWh', 'hoursBelow18C']));
    expect(Object.keys(s.units[0].electricityKWh)).toEqual(expect.arrayContaining(['compressor', 'backup', 'pump', 'standby']));
    const csv = readFileSync(join(out, 'telemetry.csv'), 'utf8').trim().split('\n');
    expect(csv[0]?.startsWith('ts,unit,outdoorTempC,indoorTempC')).toBe(true);
    expect(csv).toHaveLength(1 + 96 * 103);
  });
  it('--workers 2 gives the same summary as one thread', async () => {
    const one = mkdtempSync(join(tmpdir(), 'sim-'));
    const two = mkdtempSync(join(tmpdir(), 'sim-'));
    await runSimulation({ ...base(one), telemetry: false, step: '5m' }, () => undefined);
    await runSimulation({ ...base(two), telemetry: false, step: '5m', workers: '2' }, () => undefined);
    const a = JSON.parse(readFileSync(join(one, 'summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(two, 'summary.json'), 'utf8'));
    expect(b.units).toEqual(a.units);
    expect(b.fleet).toEqual(a.fleet);
    expect(b.period).toEqual(a.period);
    await expect(runSimulation({ ...base(two), workers: '2' })).rejects.toThrow(/--workers: more than one worker needs --no-telemetry/);
    await expect(runSimulation({ ...base(two), telemetry: false, workers: 'many' })).rejects.toThrow(/--workers: "many"/);
  }, 60_000);
  it('bad input is a clear error naming the field', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sim-'));
    expect(() => loadFleet('beijing-999', 1)).toThrow(/--fleet: unknown preset "beijing-999"/);
    await expect(runSimulation({ ...base(out), step: '7m' })).rejects.toThrow(/--step: "7m"/);
    await expect(runSimulation({ ...base(out), from: 'yesterday' })).rejects.toThrow(/--from: "yesterday"/);
    const epw = join(out, 'bad.epw');
    writeFileSync(epw, readFileSync(DEFAULT_EPW, 'utf8').split('\n').slice(0, 100).join('\n'));
    await expect(runSimulation({ ...base(out), weather: epw })).rejects.toThrow(/--weather .*truncated/);
    const fleet = join(out, 'fleet.json');
    writeFileSync(fleet, JSON.stringify({ name: 'x', households: [{ id: 'a', areaM2: -3 }] }));
    await expect(runSimulation({ ...base(out), fleet })).rejects.toThrow(/households.0.seed|households.0.areaM2/);
  });
});
