import { describe, expect, it } from 'vitest';
import { dayOfLocalDate, localDateOfDay, resolvePeriod, seasonOfDay } from './period.js';

const d = dayOfLocalDate;
const at = (date: string, hh = 12) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:00:00+08:00`);
const season = (date: string) => { const s = seasonOfDay(d(date)); return [localDateOfDay(s.fromDay), localDateOfDay(s.toDay)]; };

describe('report period', () => {
  it('finds the Beijing heating season (15 Nov – 15 Mar, 121 days) containing a day, or the last one', () => {
    expect(season('2018-12-20')).toEqual(['2018-11-15', '2019-03-16']);
    expect(season('2018-11-15')).toEqual(['2018-11-15', '2019-03-16']);
    expect(season('2019-03-15')).toEqual(['2018-11-15', '2019-03-16']);
    expect(season('2019-07-01')).toEqual(['2018-11-15', '2019-03-16']);
    expect(season('2019-11-14')).toEqual(['2018-11-15', '2019-03-16']);
    expect(season('2019-11-15')).toEqual(['2019-11-15', '2020-03-16']);
    const s = seasonOfDay(d('2018-12-20'));
    expect(s.toDay - s.fromDay).toBe(121);
  });

  it('clamps the default season to the days with readings and leaves out today while it runs', () => {
    const days = new Set([d('2018-12-16'), d('2018-12-17'), d('2018-12-18'), d('2018-12-19'), d('2018-12-20')]);
    const p = resolvePeriod({}, at('2018-12-20'), days);
    expect(p.wire).toMatchObject({ from: '2018-12-16', to: '2018-12-20', lastDay: '2018-12-19', days: 4, source: 'default-season', clampedToData: true, dataDays: { withData: 4 } });
    expect(p.wire.fromIso).toBe('2018-12-15T16:00:00.000Z');
    // Today only: today is the period.
    expect(resolvePeriod({}, at('2018-12-20'), new Set([d('2018-12-20')])).wire).toMatchObject({ from: '2018-12-20', to: '2018-12-21', days: 1 });
    // No data in the season: the whole season, with a note.
    const none = resolvePeriod({}, at('2018-12-20'), new Set());
    expect(none.wire).toMatchObject({ from: '2018-11-15', to: '2019-03-16', clampedToData: false, dataDays: null });
    expect(none.notes[0]).toMatch(/no readings in the heating season/);
  });

  it('keeps an asked period as asked and says when it holds no data', () => {
    const p = resolvePeriod({ from: '2018-01-01', to: '2018-01-08' }, at('2018-12-20'), new Set([d('2018-12-16')]));
    expect(p.wire).toMatchObject({ from: '2018-01-01', to: '2018-01-08', days: 7, source: 'requested', season: null, dataDays: null });
    expect(p.notes[0]).toMatch(/no readings of the selected units in 2018-01-01\.\.2018-01-07/);
  });
});
