import { describe, expect, it } from 'vitest';
import { CauseThresholdsSchema, diagnoseCauses } from './causes.js';
import { buildUnit, HEALTHY_EXPECTED, MINUTES } from './test-population.js';

const expected = HEALTHY_EXPECTED;
const t = CauseThresholdsSchema.parse({});
const codes = (minute: Parameters<typeof buildUnit>[0]['minute'], extra: Partial<Parameters<typeof buildUnit>[0]> = {}) =>
  diagnoseCauses(buildUnit({ id: 'u', spf: 3, minute, ...extra }).evaluated.kpis, expected, t);

describe('likely causes', () => {
  it('a healthy unit like its expectation has none', () => {
    expect(codes(() => ({ pumpPowerW: 30 }))).toEqual([]);
  });
  it('cycling: 5 min on / 5 min off is 6 starts per running hour, all short', () => {
    const c = codes((k) => (Math.floor(k / 5) % 2 === 0 ? {} : { unitPowerW: 10, heatPowerW: 0 }));
    const cyc = c.find((x) => x.code === 'cycling');
    expect(cyc?.evidence[0]?.actual).toBeGreaterThan(5);
    expect(cyc?.evidence[0]?.expected).toBe(0.5);
    expect(cyc?.evidence[1]?.actual).toBe(100);
  });
  it('oversizing: heat while running is a fifth of the nominal capacity', () => {
    const c = codes(() => ({ heatPowerW: 2000, unitPowerW: 700 }), { capacityKw: 10 });
    expect(c.find((x) => x.code === 'oversizing')?.evidence[0]?.actual).toBeCloseTo(0.2, 6);
  });
  it('a pump taking 13 % of H4 electricity, with its SPF H4 effect', () => {
    const c = codes(() => ({ pumpPowerW: 150 }));
    const p = c.find((x) => x.code === 'circulation-pump');
    expect(p?.evidence[0]?.actual).toBeCloseTo((100 * 150) / 1150, 6);
    // H4 = 3000/1150; excess share 13.04 − 3 % of E4 → ΔSPF = SPF4·(E4/(E4 − excess) − 1).
    const share = (100 * 150) / 1150;
    const spf4 = 3000 / 1150;
    expect(p?.estimatedSpfLoss).toBeCloseTo(spf4 * (1 / (1 - (share - 3) / 100) - 1), 9);
    expect(p?.boundary).toBe('h4');
  });
  it('backup heater use beyond the expectation; defrost beyond the expectation; comfort shortfall', () => {
    // Backup 400 W of 1400 W (H3: no pump meter); had the heat pump made that heat at SPF H2 3, 400·(1 − 1/3) W would be saved.
    const b = codes(() => ({ backupPowerW: 400, heatPowerW: 3400 })).find((x) => x.code === 'backup-heater');
    expect([b?.boundary, b?.evidence[0]?.actual]).toEqual(['h3', (100 * 400) / 1400]);
    expect(b?.estimatedSpfLoss).toBeCloseTo((3400 / 1400) * (1400 / (1400 - (400 * 2) / 3) - 1), 9);
    const d = codes((k) => (k % 10 === 0 ? { heatPowerW: -2000 } : {})).find((x) => x.code === 'defrost');
    expect(d?.evidence[0]?.actual).toBeCloseTo((100 * 2000 * (MINUTES / 10)) / (3000 * MINUTES * 0.9), 6);
    expect(codes(() => ({}), { indoorC: 16 }).map((x) => x.code)).toEqual(['comfort-shortfall']);
  });
  it('thresholds are configurable and checked', () => {
    expect(CauseThresholdsSchema.parse({ flowTemperature: { minExcessK: 2 } }).flowTemperature.minExcessK).toBe(2);
    expect(() => CauseThresholdsSchema.parse({ cycling: { minLoadRatio: 2 } })).toThrow();
  });
});
