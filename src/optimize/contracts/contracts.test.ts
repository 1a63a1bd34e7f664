import { describe, expect, it } from 'vitest';
import {
  billedDaysWithin, CONTRACT_PRESETS, contractPreset, createGuaranteeMeter, parseContract, seasonDays, settleContract, settleFleet,
  type HeatingFeeContractInput, type HouseholdSeason,
} from './index.js';

const perArea: HeatingFeeContractInput = {
  id: 't-per-area', name: 'test', status: 'unverified', note: 'hand-made numbers', sources: ['hand-made test contract'], businessModel: 'heating-fee',
  season: { from: '11-15', to: '03-15' },
  fees: [{ kind: 'per-area-season', yuanPerM2PerSeason: 30 }],
  comfortGuarantee: { indoorTempC: 18, hours: [{ fromLocal: '06:00', toLocal: '22:00' }], refundYuanPerKh: 2, refundCapPct: 20 },
};
const parsed = (c: unknown) => {
  const r = parseContract(c);
  if (!r.ok) throw new Error(r.issues.join('; '));
  return r.contract;
};
const issuesOf = (c: unknown): string[] => {
  const r = parseContract(c);
  return r.ok ? [] : r.issues;
};
const season = (over: Partial<HouseholdSeason> = {}): HouseholdSeason => ({
  householdId: 'h1', periodLabel: 'season 2018/19', billedDays: 121, heatedAreaM2: 100, deliveredHeatKWh: 12_000, electricityKWh: 4_000,
  electricityCostYuan: 600, belowGuaranteeKh: 0, ...over,
});

describe('heating fee contract schema', () => {
  it('names the field of each problem', () => {
    expect(issuesOf({ ...perArea, fees: [{ kind: 'per-area-season', yuanPerM2PerSeason: -1 }] })).toEqual(['fees.0.yuanPerM2PerSeason: yuan per m² heated area per season must not be negative']);
    expect(issuesOf({ ...perArea, comfortGuarantee: { ...perArea.comfortGuarantee, refundCapPct: 120 } })).toEqual(['comfortGuarantee.refundCapPct: a refund cap is 0–100 %']);
    expect(issuesOf({ ...perArea, comfortGuarantee: { ...perArea.comfortGuarantee, indoorTempC: 30 } })).toEqual(['comfortGuarantee.indoorTempC: a guaranteed indoor temperature is 10–26 °C']);
    expect(issuesOf({ ...perArea, comfortGuarantee: { ...perArea.comfortGuarantee, indoorTempC: 8 } })).toEqual(['comfortGuarantee.indoorTempC: a guaranteed indoor temperature is 10–26 °C']);
    expect(issuesOf({ ...perArea, comfortGuarantee: { ...perArea.comfortGuarantee, hours: [{ fromLocal: '6:00', toLocal: '22:00' }] } })).toEqual(['comfortGuarantee.hours.0.fromLocal: a local time is HH:MM (00:00–24:00)']);
    expect(issuesOf({ ...perArea, comfortGuarantee: { ...perArea.comfortGuarantee, hours: [] } })).toEqual(['comfortGuarantee.hours: give at least one window of guaranteed hours']);
    expect(issuesOf({ ...perArea, comfortGuarantee: { ...perArea.comfortGuarantee, hours: [{ fromLocal: '06:00', toLocal: '22:00' }, { fromLocal: '21:00', toLocal: '07:00' }] } }))
      .toEqual(['comfortGuarantee.hours.1: window 21:00–07:00 overlaps window 0 (06:00–22:00)']);
    expect(issuesOf({ ...perArea, fees: [{ kind: 'per-room', yuan: 5 }] })).toEqual(['fees.0.kind: unknown fee kind "per-room" (known: per-area-season, per-heat, fixed-season)']);
    expect(issuesOf({ ...perArea, fees: [] })).toEqual(['fees: a heating-fee contract needs at least one fee term']);
    expect(issuesOf({ ...perArea, businessModel: 'lease' })[0]).toMatch(/^businessModel: /);
    expect(issuesOf({ ...perArea, fees: [{ kind: 'fixed-season', yuanPerHouseholdPerSeason: 1 }, { kind: 'fixed-season', yuanPerHouseholdPerSeason: 2 }] }))
      .toEqual(['fees.1.kind: fee kind "fixed-season" appears twice']);
    expect(issuesOf({ ...perArea, note: '' })).toEqual(['note: an unverified contract says in its note which numbers are not sourced']);
    expect(issuesOf({ ...perArea, businessModel: 'household-pays-electricity', fees: [] })).toEqual(['serviceFeeYuanPerHouseholdPerSeason: an equipment-sale + O&M contract charges a service fee or a fee term']);
  });
  it('presets: one per business model at least, each labelled an unverified example with a note and sources', () => {
    const models = new Set(Object.values(CONTRACT_PRESETS).map((c) => c.businessModel));
    expect(models).toEqual(new Set(['heating-fee', 'household-pays-electricity']));
    for (const c of Object.values(CONTRACT_PRESETS)) {
      expect(c.status).toBe('unverified');
      expect(c.note).toMatch(/^UNVERIFIED EXAMPLE\./);
      expect(c.sources.length).toBeGreaterThan(0);
    }
    expect(contractPreset('nope')).toMatchObject({ ok: false, code: 'unknown-contract', message: expect.stringContaining('example-heating-fee-per-area') });
  });
});

describe('contract calendar', () => {
  it('counts season days across the new year and the billed days of a period inside the season', () => {
    expect(seasonDays({ from: '11-15', to: '03-15' })).toBe(121);
    expect(seasonDays({ from: '01-01', to: '12-31' })).toBe(365);
    const localMidnight = (d: string) => Date.parse(`${d}T00:00:00+08:00`);
    expect(billedDaysWithin({ from: '11-15', to: '03-15' }, localMidnight('2018-12-01'), localMidnight('2018-12-04'))).toBe(3);
    // 10–20 Nov: only 15…19 Nov are in the season.
    expect(billedDaysWithin({ from: '11-15', to: '03-15' }, localMidnight('2018-11-10'), localMidnight('2018-11-20'))).toBe(5);
  });
});

describe('settlement', () => {
  const c = parsed(perArea);
  it('charges 100 m² × 30 yuan/m² for a whole season, pro-rates a part season by days, and the operator pays the electricity', () => {
    const s = settleContract(c, season());
    expect(s.heatingFeeYuan).toBeCloseTo(3000, 9);
    expect(s.electricityPaidBy).toBe('operator');
    expect(s.operatorMarginYuan).toBeCloseTo(3000 - 600, 9);
    expect(s.householdTotalCostYuan).toBeCloseTo(3000, 9);
    const part = settleContract(c, season({ billedDays: 3 }));
    expect(part.heatingFeeYuan).toBeCloseTo((3000 * 3) / 121, 9);
    expect(part.period).toEqual({ label: 'season 2018/19', billedDays: 3, seasonDays: 121, seasonShare: 3 / 121 });
  });
  it('refunds 10 K·h below the guarantee at 2 yuan/K·h, and caps the refund at 20 % of the fee', () => {
    const s = settleContract(c, season({ belowGuaranteeKh: 10 }));
    expect(s.comfortRefundYuan).toBeCloseTo(20, 9);
    expect(s.operatorMarginYuan).toBeCloseTo(3000 - 20 - 600, 9);
    expect(s.householdTotalCostYuan).toBeCloseTo(2980, 9);
    const capped = settleContract(c, season({ belowGuaranteeKh: 1000 }));
    expect(capped.refundUncappedYuan).toBeCloseTo(2000, 9);
    expect(capped.comfortRefundYuan).toBeCloseTo(600, 9); // 20 % of 3000
  });
  it('metered heat, fixed and service fees add up; in model (a) the household pays its own electricity', () => {
    const a = parsed({
      ...perArea, id: 't-a', businessModel: 'household-pays-electricity', serviceFeeYuanPerHouseholdPerSeason: 242,
      fees: [{ kind: 'per-heat', yuanPerKWhHeat: 0.1 }, { kind: 'fixed-season', yuanPerHouseholdPerSeason: 121 }],
    });
    const s = settleContract(a, season({ billedDays: 60.5 }));
    expect(s.heatingFeeYuan).toBeCloseTo(0.1 * 12_000 + 121 / 2, 9);
    expect(s.serviceFeeYuan).toBeCloseTo(121, 9);
    expect(s.electricityPaidBy).toBe('household');
    expect(s.householdTotalCostYuan).toBeCloseTo(1200 + 60.5 + 121 + 600, 9);
    expect(s.operatorMarginYuan).toBeCloseTo(1200 + 60.5 + 121, 9);
  });
  it('without a guarantee nothing is refunded, however cold', () => {
    const a = CONTRACT_PRESETS['example-equipment-sale-om'];
    if (!a) throw new Error('preset missing');
    expect(settleContract(a, season({ belowGuaranteeKh: 500 })).comfortRefundYuan).toBe(0);
  });
  it('a malformed household season is named; a fleet settles to sums and the mean household cost', () => {
    expect(() => settleContract(c, season({ heatedAreaM2: -5 }))).toThrow(/heatedAreaM2: heated area \(m²\) must not be negative/);
    expect(() => settleContract(c, season({ billedDays: 200 }))).toThrow(/billedDays 200 exceeds the contract's season of 121 days/);
    const f = settleFleet(c, [season(), season({ householdId: 'h2', belowGuaranteeKh: 1000, heatedAreaM2: 50 })]);
    expect(f.feeRevenueYuan).toBeCloseTo(4500, 9);
    expect(f.comfortRefundYuan).toBeCloseTo(300, 9); // h2: cap 20 % of 1500
    expect(f.refundsCapped).toBe(1);
    expect(f.operatorElectricityYuan).toBeCloseTo(1200, 9);
    expect(f.operatorMarginYuan).toBeCloseTo(4500 - 300 - 1200, 9);
    expect(f.householdMeanCostYuan).toBeCloseTo((3000 + 1200) / 2, 9);
  });
});

describe('guarantee meter', () => {
  it('integrates the shortfall below the guarantee only within the guaranteed local hours', () => {
    const g = parsed(perArea).comfortGuarantee;
    if (!g) throw new Error('no guarantee');
    const m = createGuaranteeMeter(g, 2);
    const at = (hhmm: string) => Date.parse(`2018-12-01T${hhmm}:00+08:00`);
    // 05:00–05:59 local: outside 06:00–22:00, not counted.
    for (let k = 0; k < 60; k++) m.observe(at('05:00') + k * 60_000, 60, [15, 19]);
    expect(Array.from(m.belowKh)).toEqual([0, 0]);
    // 06:00–07:59: household 0 is 2 K short for 2 h = 4 K·h; household 1 is warm.
    for (let k = 0; k < 120; k++) m.observe(at('06:00') + k * 60_000, 60, [16, 19]);
    expect(m.belowKh[0]).toBeCloseTo(4, 9);
    expect(m.belowH[0]).toBeCloseTo(2, 9);
    expect(m.belowKh[1]).toBe(0);
  });
});
