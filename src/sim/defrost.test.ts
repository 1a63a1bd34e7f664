import { describe, expect, it } from 'vitest';
import { frostRatePerS, REFERENCE_FROST } from './defrost.js';

describe('frosting zone', () => {
  it('no frost when the coil stays above 0 °C (outdoor ≥ 8 °C) or the air is dry', () => {
    expect(frostRatePerS(10, 95)).toBe(0);
    expect(frostRatePerS(-5, 20)).toBe(0);
  });
  it('reference condition gives one defrost per 45 min at full speed', () => {
    expect(1 / frostRatePerS(REFERENCE_FROST.tempC, REFERENCE_FROST.rhPct) / 60).toBeCloseTo(45, 6);
  });
  it('worst around 0…+5 °C in humid air, slower in cold (low absolute humidity) air', () => {
    expect(frostRatePerS(2, 90)).toBeGreaterThan(frostRatePerS(-10, 90));
    expect(frostRatePerS(-10, 90)).toBeGreaterThan(0);
  });
});
