import { describe, expect, it } from 'vitest';
import { computeUnitKpis } from './index.js';
import { hasNonFinite, kwh, minutes, period, UNIT } from './test-support.js';

const steady = { unitPowerW: 2000, compressorPowerW: 1800, heatPowerW: 6000, pumpPowerW: 50, backupPowerW: 0 };

describe('SPF at the SEPEMO boundaries', () => {
  it('steady running: H1 = heat/compressor, H2 = heat/unit, H4 adds the pump (energy-weighted)', () => {
    const r = computeUnitKpis(minutes(60, () => steady), UNIT, period(60));
    expect(r.status).toBe('ok');
    expect(r.spf.h1).toBeCloseTo(6000 / 1800, 12);
    expect(r.spf.h2).toBeCloseTo(3, 12);
    expect(r.spf.h3).toBeCloseTo(3, 12);
    expect(r.spf.h4).toBeCloseTo(6000 / 2050, 12);
    expect(r.energy.heatKWh.metered.kWh).toBeCloseTo(kwh(6000, 60), 12);
    expect(r.energy.electricityKWh.pump.kWh).toBeCloseTo(kwh(50, 60), 12);
  });
  it('out-of-order and duplicated readings give the same figures; duplicates are counted', () => {
    const rs = minutes(60, (k) => ({ ...steady, heatPowerW: 5000 + 50 * k }));
    const messy = [...rs].reverse().concat(rs.filter((_, i) => i % 3 === 0));
    const a = computeUnitKpis(rs, UNIT, period(60));
    const b = computeUnitKpis(messy, UNIT, period(60));
    expect(b.energy).toEqual(a.energy);
    expect(b.input.duplicateReadings).toBe(20);
    // Σ heat = Σ_k (5000 + 50k) W·min, k = 0…59 → 5000·60 + 50·1770
    expect(a.energy.heatKWh.metered.kWh).toBeCloseTo((5000 * 60 + 50 * 1770) / 60_000, 12);
    expect(a.spf.h2).toBeCloseTo((5000 * 60 + 50 * 1770) / (2000 * 60), 12);
  });
  it('backup heater: its heat (= its electricity) is left out of H1/H2 and counted at H3/H4', () => {
    const r = computeUnitKpis(minutes(60, () => ({ unitPowerW: 2000, compressorPowerW: 1900, heatPowerW: 9000, backupPowerW: 3000, pumpPowerW: 60 })), UNIT, period(60));
    expect(r.spf.h1).toBeCloseTo(6000 / 1900, 12);
    expect(r.spf.h2).toBeCloseTo(3, 12);
    expect(r.spf.h3).toBeCloseTo(9000 / 5000, 12);
    expect(r.spf.h4).toBeCloseTo(9000 / 5060, 12);
    expect(r.energy.heatKWh.backup.kWh).toBeCloseTo(3, 12);
  });
  it('a unit with no heat meter: every SPF is null with a reason; no backup channel → H3/H4 not computable unless registered as none', () => {
    const r = computeUnitKpis(minutes(60, () => ({ unitPowerW: 2000 })), UNIT, period(60));
    expect(r.spf).toEqual({ h1: null, h2: null, h3: null, h4: null });
    expect(r.boundaryAvailable).toEqual({ h1: false, h2: false, h3: false, h4: false });
    expect(r.energy.boundaries.h2.reason).toBe('no-heat-meter');
    const noBackup = computeUnitKpis(minutes(60, () => ({ unitPowerW: 2000, heatPowerW: 6000 })), UNIT, period(60));
    expect(noBackup.energy.boundaries.h1.reason).toBe('no-compressor-meter');
    expect(noBackup.energy.boundaries.h3.reason).toBe('no-backup-meter');
    expect(noBackup.warnings.join()).toMatch(/backupPowerW not reported/);
    const none = computeUnitKpis(minutes(60, () => ({ unitPowerW: 2000, heatPowerW: 6000 })), { ...UNIT, hasNoBackupHeater: true }, period(60));
    expect(none.spf.h3).toBeCloseTo(3, 12);
    expect(none.energy.boundaries.h4.reason).toBe('no-pump-meter');
  });
  it('a period with no data says so, with no NaN anywhere', () => {
    const r = computeUnitKpis(minutes(60, () => steady), UNIT, { fromMs: period(60).toMs, toMs: period(120).toMs });
    expect(r.status).toBe('no-data');
    expect(r.input.outsidePeriod).toBe(60);
    expect(r.energy.boundaries.h2).toMatchObject({ spf: null, reason: 'no-data' });
    expect(r.comfort.reason).toBe('no-data');
    expect(hasNonFinite(r)).toBe(false);
  });
});

describe('gaps: bridged below the limit, left out of every sum above it', () => {
  // 0–19 min: 4000/1000 W; 20–29: no readings (11 min between readings → bridged with 4000/1000);
  // 30–39: 6000/2000; 40–69: no readings (31 min → left out); 70–89: 3000/1000.
  const rs = minutes(90, (k) => (k < 20 ? { heatPowerW: 4000, unitPowerW: 1000 } : k < 30 ? null : k < 40 ? { heatPowerW: 6000, unitPowerW: 2000 } : k < 70 ? null : { heatPowerW: 3000, unitPowerW: 1000 }));
  it('default 15 min limit', () => {
    const r = computeUnitKpis(rs, UNIT, period(90));
    const heat = 30 * 4000 + 10 * 6000 + 20 * 3000;
    const elec = 30 * 1000 + 10 * 2000 + 20 * 1000;
    expect(r.energy.boundaries.h2.heatKWh).toBeCloseTo(heat / 60_000, 12);
    expect(r.energy.boundaries.h2.electricityKWh).toBeCloseTo(elec / 60_000, 12);
    expect(r.spf.h2).toBeCloseTo(heat / elec, 12);
    expect(r.energy.boundaries.h2.coveredH).toBeCloseTo(60 / 60, 12);
    expect(r.coverage.heatPowerW).toEqual({ measured: 50, bridged: 10, missing: 30, coveragePct: (100 * 50) / 90 });
  });
  it('a 5 min limit leaves the 10 min gap out too', () => {
    const r = computeUnitKpis(rs, UNIT, period(90), { bridgeGapS: 300 });
    expect(r.spf.h2).toBeCloseTo((20 * 4000 + 10 * 6000 + 20 * 3000) / (20 * 1000 + 10 * 2000 + 20 * 1000), 12);
  });
});
