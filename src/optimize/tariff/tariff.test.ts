import { describe, expect, it } from 'vitest';
import { dayPrices, parseTariff, tariffPreset, TARIFF_PRESETS, type TariffInput } from './index.js';

const base = (windows: TariffInput['windows']): TariffInput => ({
  id: 't', name: 't', timeZone: 'Asia/Shanghai', status: 'verified', sources: ['test'], windows, season: { from: '11-01', to: '03-31' },
});
const beijing = () => {
  const r = tariffPreset('beijing-rural-coal-to-electricity');
  if (!r.ok) throw new Error(r.message);
  return r.tariff;
};
const midnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

describe('tariff validation', () => {
  it('names both windows when they overlap', () => {
    const r = parseTariff(base([
      { name: 'valley', fromLocal: '20:00', toLocal: '08:00', priceYuanPerKWh: 0.3 },
      { name: 'day', fromLocal: '07:00', toLocal: '20:00', priceYuanPerKWh: 0.49 },
    ]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toMatch(/"valley" \(20:00–08:00\) and "day" \(07:00–20:00\) overlap/);
  });
  it('names the uncovered interval and its neighbours when windows leave a gap', () => {
    const r = parseTariff(base([
      { name: 'valley', fromLocal: '21:00', toLocal: '06:00', priceYuanPerKWh: 0.3 },
      { name: 'day', fromLocal: '08:00', toLocal: '21:00', priceYuanPerKWh: 0.49 },
    ]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toMatch(/no window covers 06:00–08:00 \(gap between "valley" and "day"\)/);
  });
  it('rejects a subsidy larger than the price and a malformed time', () => {
    const r = parseTariff(base([{ name: 'all', fromLocal: '00:00', toLocal: '24:00', priceYuanPerKWh: 0.3, subsidyYuanPerKWh: 0.5 }]));
    expect(r.ok).toBe(false);
    const bad = parseTariff(base([{ name: 'all', fromLocal: '0:00', toLocal: '24:00', priceYuanPerKWh: 0.3 }]));
    expect(bad.ok === false && bad.issues[0]).toMatch(/windows\.0\.fromLocal/);
  });
  it('accepts a single all-day window', () => {
    expect(parseTariff(base([{ name: 'flat', fromLocal: '00:00', toLocal: '00:00', priceYuanPerKWh: 0.5 }])).ok).toBe(true);
  });
});

describe('presets', () => {
  it('Beijing: household pays 0.10 in the 20:00–08:00 valley within the cap, 0.30 beyond it, 0.4883 otherwise (marked unverified)', () => {
    const t = beijing();
    expect(t.status).toBe('unverified');
    expect(t.subsidyCapKWhPerSeason).toBe(10_000);
    const d = dayPrices(t, midnight('2019-01-15'), { slotMinutes: 15 });
    expect(d.priceYuanPerKWh.length).toBe(96);
    expect(d.priceYuanPerKWh[0]).toBeCloseTo(0.1, 10); // 00:00
    expect(d.priceYuanPerKWh[31]).toBeCloseTo(0.1, 10); // 07:45
    expect(d.priceYuanPerKWh[32]).toBeCloseTo(0.4883, 10); // 08:00
    expect(d.priceYuanPerKWh[79]).toBeCloseTo(0.4883, 10); // 19:45
    expect(d.priceYuanPerKWh[80]).toBeCloseTo(0.1, 10); // 20:00
    const over = dayPrices(t, midnight('2019-01-15'), { slotMinutes: 15, subsidyRemainingKWh: 0 });
    expect(over.priceYuanPerKWh[0]).toBeCloseTo(0.3, 10);
  });
  it('no subsidy outside the heating season (1 Nov – 31 Mar)', () => {
    const d = dayPrices(beijing(), midnight('2019-04-01'), { slotMinutes: 60 });
    expect(d.inSeason).toBe(false);
    expect(d.priceYuanPerKWh[0]).toBeCloseTo(0.3, 10);
    expect(dayPrices(beijing(), midnight('2018-11-01'), { slotMinutes: 60 }).inSeason).toBe(true);
  });
  it('Tianjin: 0.49 08:00–20:00, 0.30 20:00–08:00; a slot straddling a boundary pays the time-weighted price', () => {
    const r = tariffPreset('tianjin-rural-coal-to-electricity');
    if (!r.ok) throw new Error(r.message);
    const d = dayPrices(r.tariff, midnight('2019-12-01'), { slotMinutes: 15 });
    expect(d.priceYuanPerKWh[40]).toBeCloseTo(0.49, 10);
    expect(d.windowName[90]).toBe('valley');
    const h = dayPrices({ ...r.tariff, windows: [{ ...r.tariff.windows[0]!, fromLocal: '08:30' }, { ...r.tariff.windows[1]!, toLocal: '08:30' }] }, midnight('2019-12-01'), { slotMinutes: 60 });
    expect(h.priceYuanPerKWh[8]).toBeCloseTo((0.49 + 0.3) / 2, 10);
  });
  it('Hebei is listed as not available rather than with invented numbers', () => {
    const r = tariffPreset('hebei-rural-coal-to-electricity');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('tariff-not-available');
    expect(TARIFF_PRESETS['hebei-rural-coal-to-electricity']?.available).toBe(false);
  });
  it('rejects a day start that is not local midnight', () => {
    expect(() => dayPrices(beijing(), Date.parse('2019-01-15T00:00:00Z'), { slotMinutes: 15 })).toThrow(/not local midnight/);
  });
});
