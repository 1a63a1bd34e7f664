import { describe, expect, it } from 'vitest';
import { computeUnitKpis, energyFromRollups, fleetSpf, type RollupBucket, type UnitKpis } from './index.js';
import { kwh, MIN_MS, minutes, period, T0_MS, UNIT } from './test-support.js';

describe('defrost, standby, cycling', () => {
  // 60 min running at 5000/1500 W; minutes 10–14 and 40–44 defrost: heat −2000 W, electricity 800 W.
  const inDefrost = (k: number) => (k >= 10 && k < 15) || (k >= 40 && k < 45);
  const rs = minutes(60, (k) => (inDefrost(k) ? { heatPowerW: -2000, unitPowerW: 800, defrost: 1 } : { heatPowerW: 5000, unitPowerW: 1500, defrost: 0 }));
  it('defrost: episodes, duration and energy = Σ negative heat; net heat enters the SPF', () => {
    const r = computeUnitKpis(rs, UNIT, period(60));
    expect(r.defrost).toMatchObject({ source: 'defrost-flag', episodes: 2 });
    expect(r.defrost.durationH).toBeCloseTo(10 / 60, 12);
    expect(r.defrost.energyKWh).toBeCloseTo(kwh(2000, 10), 12);
    expect(r.defrost.shareOfHeatPct).toBeCloseTo((100 * 10 * 2000) / (50 * 5000), 12);
    expect(r.spf.h2).toBeCloseTo((50 * 5000 - 10 * 2000) / (50 * 1500 + 10 * 800), 12);
  });
  it('without the flag, negative heat marks the episodes', () => {
    const noFlag = rs.map((x) => ({ ...x, values: { heatPowerW: x.values.heatPowerW as number, unitPowerW: x.values.unitPowerW as number } }));
    expect(computeUnitKpis(noFlag, UNIT, period(60)).defrost).toMatchObject({ source: 'negative-heat', episodes: 2 });
  });
  it('standby: COP running excludes it, combined includes it; one start, one complete cycle', () => {
    // 30 min standby (20 W), 60 min running (2000 W → 7000 W heat), 30 min standby.
    const r = computeUnitKpis(minutes(120, (k) => (k >= 30 && k < 90 ? { unitPowerW: 2000, heatPowerW: 7000 } : { unitPowerW: 20, heatPowerW: 0 })), UNIT, period(120));
    expect(r.energy.cop.boundary).toBe('h2');
    expect(r.energy.cop.running).toBeCloseTo(3.5, 12);
    expect(r.energy.cop.combined).toBeCloseTo((60 * 7000) / (60 * 2000 + 60 * 20), 12);
    expect(r.energy.electricityKWh.standby.kWh).toBeCloseTo(kwh(20, 60), 12);
    expect(r.energy.cop.standbySharePct).toBeCloseTo((100 * 60 * 20) / (60 * 2000 + 60 * 20), 12);
    expect(r.cycling).toMatchObject({ starts: 1, completeCycles: 1, shortCycles: 0, medianOnTimeMin: 60 });
    expect(r.loadRatio.value).toBeCloseTo(7 / 8, 12);
  });
  it('short cycling: 10 min off / 5 min on × 8 → 8 starts, 12 per running hour, 7 complete short cycles', () => {
    const r = computeUnitKpis(minutes(120, (k) => (k % 15 >= 10 ? { unitPowerW: 1500, heatPowerW: 4500 } : { unitPowerW: 15, heatPowerW: 0 })), UNIT, period(120));
    expect(r.cycling).toMatchObject({ source: 'unitPowerW', starts: 8, completeCycles: 7, shortCycles: 7, medianOnTimeMin: 5 });
    expect(r.cycling.startsPerRunningHour).toBeCloseTo(8 / (40 / 60), 12);
    // The compressorOn flag, where reported, decides instead of the threshold.
    const flagged = computeUnitKpis(minutes(120, (k) => ({ unitPowerW: 1500, heatPowerW: 4500, compressorOn: k % 30 >= 10 ? 1 : 0 })), UNIT, period(120));
    expect(flagged.cycling).toMatchObject({ source: 'compressorOn', starts: 4, shortCycles: 0 });
  });
});

describe('metering faults and wrong units', () => {
  it('cumulative register vs integrated power: agreeing and disagreeing registers', () => {
    // 2000 W for 2 h. The unit register grows in step; the heat register grows 1.5× faster than 6000 W.
    const rs = minutes(120, (k) => ({ unitPowerW: 2000, unitEnergyKWh: 100 + kwh(2000, k), heatPowerW: 6000, heatEnergyKWh: 500 + 1.5 * kwh(6000, k) }));
    const r = computeUnitKpis(rs, UNIT, period(120));
    const unitReg = r.registers.find((x) => x.register === 'unitEnergyKWh');
    const heatReg = r.registers.find((x) => x.register === 'heatEnergyKWh');
    expect(unitReg).toMatchObject({ status: 'agree' });
    expect(unitReg?.registerKWh).toBeCloseTo(kwh(2000, 119), 9);
    expect(unitReg?.integratedKWh).toBeCloseTo(kwh(2000, 119), 9);
    expect(heatReg).toMatchObject({ status: 'disagree', toleranceKWh: 0.05 * kwh(6000, 119) });
    expect(r.warnings.join()).toMatch(/heatEnergyKWh vs heatPowerW: disagree/);
  });
  it('heat 0 while running with ΔT > 1.5 K and flow > 30 °C: a 30 min fault episode; a 5 min one is ignored', () => {
    const faulty = (k: number) => (k >= 20 && k < 50) || (k >= 70 && k < 75);
    const rs = minutes(90, (k) => ({ unitPowerW: 2000, heatPowerW: faulty(k) ? 0 : 6000, supplyTempC: 40, returnTempC: 35 }));
    const r = computeUnitKpis(rs, UNIT, period(90));
    expect(r.heatMeterFault).toMatchObject({ detected: true, episodes: 1 });
    expect(r.heatMeterFault.durationH).toBeCloseTo(0.5, 12);
    expect(r.heatMeterFault.electricityKWh).toBeCloseTo(kwh(2000, 30), 12);
    expect(r.warnings.join()).toMatch(/SPF understated/);
    // Same zero heat with ΔT 1 K is a unit not delivering, not a meter fault.
    const noDt = computeUnitKpis(rs.map((x) => ({ ...x, values: { ...x.values, returnTempC: 39 } })), UNIT, period(90));
    expect(noDt.heatMeterFault.detected).toBe(false);
  });
  it('kW sent as W: the channel is flagged and left out; no silent wrong SPF', () => {
    const r = computeUnitKpis(minutes(60, () => ({ unitPowerW: 2.1, heatPowerW: 7000 })), UNIT, period(60));
    expect(r.plausibility.flags).toEqual([{ channel: 'unitPowerW', code: 'looks-like-kw-sent-as-w', medianPositiveW: 2.1 }]);
    expect(r.energy.boundaries.h2).toMatchObject({ spf: null, reason: 'implausible-units' });
    expect(r.energy.electricityKWh.unitH2.reason).toBe('implausible-units');
    // An idle unit at 3 W standby with no heat is not flagged.
    const idle = computeUnitKpis(minutes(60, () => ({ unitPowerW: 3, heatPowerW: 0 })), UNIT, period(60));
    expect(idle.plausibility.flags).toEqual([]);
  });
});

describe('comfort and weather normalisation', () => {
  it('hours and degree-hours below 18 °C, by Beijing hour of day', () => {
    // T0 is 00:00 Beijing time: the first hour at 17 °C falls in bin 0, the second at 18.5 °C in bin 1.
    const r = computeUnitKpis(minutes(120, (k) => ({ indoorTempC: k < 60 ? 17 : 18.5 })), UNIT, period(120));
    expect(r.comfort.hoursBelow).toBeCloseTo(1, 12);
    expect(r.comfort.degreeHoursBelowKh).toBeCloseTo(1, 12);
    expect(r.comfort.byHourOfDay[0]).toMatchObject({ hourOfDay: 0, hoursBelow: 1 });
    expect(r.comfort.byHourOfDay[1]).toMatchObject({ hourOfDay: 1, hoursBelow: 0, coveredH: 1 });
  });
  it('heating degree days from daily mean outdoor temperature (base 18 °C) and heat per degree day', () => {
    // Day 1 at −2 °C (20 K·d), day 2 at 20 °C (0 K·d); 1000 W of heat throughout = 48 kWh.
    const r = computeUnitKpis(minutes(2 * 1440, (k) => ({ outdoorTempC: k < 1440 ? -2 : 20, heatPowerW: 1000 })), UNIT, period(2 * 1440));
    expect(r.weather.hddKd).toBeCloseTo(20, 12);
    expect(r.weather.heatPerHddKWhPerKd).toBeCloseTo(48 / 20, 12);
    expect(r.weather.daysWithData).toBe(2);
  });
});

describe('fleet aggregation', () => {
  const unitWith = (id: string, heatW: number, elecW: number): UnitKpis =>
    computeUnitKpis(minutes(60, () => ({ unitPowerW: elecW, heatPowerW: heatW }), id), { ...UNIT, unitId: id }, period(60));
  it('fleet SPF is Σ heat / Σ electricity, not the mean of unit SPFs; units without the boundary are listed', () => {
    const f = fleetSpf([unitWith('a', 10_000, 2000), unitWith('b', 30_000, 15_000)]);
    expect(f.h2.spf).toBeCloseTo(40 / 17, 12); // the mean of ratios would be 3.5
    expect(f.h2.units).toBe(2);
    expect(f.h1.excluded.map((x) => x.reason)).toEqual(['no-compressor-meter', 'no-compressor-meter']);
  });
  it('rollups: 15 min buckets give the raw engine\'s energy sums; a sparse bucket is left out', () => {
    const rs = minutes(60, (k) => ({ unitPowerW: 1000 + 10 * k, heatPowerW: 4000 + 20 * k, backupPowerW: 0, pumpPowerW: 40 }));
    const buckets: RollupBucket[] = [0, 1, 2, 3].map((b) => {
      const inB = rs.slice(b * 15, b * 15 + 15);
      const agg = (key: 'unitPowerW' | 'heatPowerW' | 'backupPowerW' | 'pumpPowerW') => {
        const v = inB.map((x) => x.values[key] as number);
        return { avg: v.reduce((s, x) => s + x, 0) / v.length, min: Math.min(...v), max: Math.max(...v), n: v.length };
      };
      return { bucketStartMs: T0_MS + b * 15 * MIN_MS, channels: { unitPowerW: agg('unitPowerW'), heatPowerW: agg('heatPowerW'), backupPowerW: agg('backupPowerW'), pumpPowerW: agg('pumpPowerW') } };
    });
    const raw = computeUnitKpis(rs, UNIT, period(60));
    const roll = energyFromRollups(buckets, { bucketS: 900, readingIntervalS: 60 });
    expect(roll.boundaries.h2.spf).toBeCloseTo(raw.spf.h2 as number, 12);
    expect(roll.boundaries.h4.spf).toBeCloseTo(raw.spf.h4 as number, 12);
    expect(roll.boundaries.h1.reason).toBe('no-compressor-meter');
    // One reading of 1 min data covers 1 of 15 min: 14 min missing exceed a 5 min bridging limit → left out.
    const sparse = [{ ...buckets[0] as RollupBucket, channels: { unitPowerW: { avg: 1000, min: 1000, max: 1000, n: 1 }, heatPowerW: { avg: 4000, min: 4000, max: 4000, n: 1 } } }];
    expect(energyFromRollups(sparse, { bucketS: 900, readingIntervalS: 60, bridgeGapS: 300 }).bucketsSkipped).toBe(1);
  });
});
