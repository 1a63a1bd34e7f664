import { describe, expect, it } from 'vitest';
import { readCell } from './cell-value.js';
import { REGISTRY_COLUMNS } from './columns.js';

const col = (kind: keyof typeof REGISTRY_COLUMNS, name: string) => {
  const c = REGISTRY_COLUMNS[kind].find((x) => x.name === name);
  if (c === undefined) throw new Error(name);
  return c;
};
const installedOn = col('units', 'installedOn');
const heatedArea = col('buildings', 'heatedAreaM2');

describe('readCell', () => {
  it('reads an empty or blank cell as an absent field, and as null where the field is nullable', () => {
    expect(readCell(col('sites', 'address'), '   ')).toEqual({ ok: true, value: undefined });
    expect(readCell(col('sites', 'address'), null)).toEqual({ ok: true, value: undefined });
    expect(readCell(col('areas', 'parentId'), '')).toEqual({ ok: true, value: null });
  });

  it('trims text and keeps Chinese characters and digits-only ids as text', () => {
    expect(readCell(col('sites', 'name'), '  张伟家 ')).toEqual({ ok: true, value: '张伟家' });
    expect(readCell(col('sites', 'id'), '00123')).toEqual({ ok: true, value: '00123' });
    expect(readCell(col('units', 'serialNumber'), 2017001)).toEqual({ ok: true, value: '2017001' });
  });

  it('reads numbers from number cells and text, including full-width digits, and refuses words', () => {
    expect(readCell(heatedArea, 96.5)).toEqual({ ok: true, value: 96.5 });
    expect(readCell(heatedArea, ' -5 ')).toEqual({ ok: true, value: -5 });
    expect(readCell(heatedArea, '１２０．５')).toEqual({ ok: true, value: 120.5 });
    expect(readCell(heatedArea, '1e2')).toEqual({ ok: true, value: 100 });
    expect(readCell(heatedArea, 'ninety')).toEqual({ ok: false, reason: 'must be a number, got "ninety"' });
    expect(readCell(heatedArea, '1,200')).toEqual({ ok: false, reason: 'must be a number, got "1,200"' });
    expect(readCell(col('buildings', 'storeys'), 'two')).toEqual({ ok: false, reason: 'must be a whole number, got "two"' });
  });

  it('reads spreadsheet date cells by their calendar day, whatever the time zone', () => {
    expect(readCell(installedOn, new Date(Date.UTC(2017, 9, 12)))).toEqual({ ok: true, value: '2017-10-12' });
  });

  it('reads an Excel serial day number in a date column (1900 and 1904 systems)', () => {
    expect(readCell(installedOn, 43020)).toEqual({ ok: true, value: '2017-10-12' });
    expect(readCell(installedOn, 43020 - 1462, { date1904: true })).toEqual({ ok: true, value: '2017-10-12' });
    expect(readCell(installedOn, -3).ok).toBe(false);
  });

  it('accepts the date spellings Chinese spreadsheets use and normalises them to YYYY-MM-DD', () => {
    for (const text of ['2017-10-12', '2017/10/12', '2017.10.12', '2017年10月12日', '2017-10-12 ', '２０１７-１０-１２']) {
      expect(readCell(installedOn, text)).toEqual({ ok: true, value: '2017-10-12' });
    }
    expect(readCell(installedOn, '2017/3/5')).toEqual({ ok: true, value: '2017-03-05' });
  });

  it('refuses dates that are not on the calendar or not dates at all', () => {
    expect(readCell(installedOn, '2017-02-30')).toEqual({ ok: false, reason: 'is not a calendar date, got "2017-02-30"' });
    expect(readCell(installedOn, '12/10/2017')).toEqual({ ok: false, reason: 'must be a date YYYY-MM-DD, got "12/10/2017"' });
  });

  it('splits list cells on ";" (also full-width "；") and drops empty items', () => {
    const unitIds = col('devices', 'unitIds');
    expect(readCell(unitIds, 'U1; U2 ;')).toEqual({ ok: true, value: ['U1', 'U2'] });
    expect(readCell(unitIds, 'U1；U2')).toEqual({ ok: true, value: ['U1', 'U2'] });
    expect(readCell(unitIds, '')).toEqual({ ok: true, value: undefined });
  });

  it('reads booleans in English and Chinese', () => {
    const flag = { ...heatedArea, type: 'boolean' as const };
    expect(readCell(flag, '是')).toEqual({ ok: true, value: true });
    expect(readCell(flag, 'FALSE')).toEqual({ ok: true, value: false });
    expect(readCell(flag, true)).toEqual({ ok: true, value: true });
    expect(readCell(flag, 'maybe').ok).toBe(false);
  });
});
