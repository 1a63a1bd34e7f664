/** Every note the reports carry has a Chinese wording for the zh-CN dashboard; an unknown one stays English, never lost. */
import { describe, expect, it } from 'vitest';
import { NOTES, noteZh } from './notes.js';
import { dayOfLocalDate, resolvePeriod } from './period.js';

const hasHan = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe('report notes in Chinese', () => {
  it('words the period notes', () => {
    const now = Date.parse('2018-12-20T10:00:00+08:00');
    const clamped = resolvePeriod({}, now, new Set([dayOfLocalDate('2018-12-18'), dayOfLocalDate('2018-12-19'), dayOfLocalDate('2018-12-20')]));
    const empty = resolvePeriod({}, now, new Set());
    const asked = resolvePeriod({ from: '2018-12-01', to: '2018-12-05' }, now, new Set([dayOfLocalDate('2018-12-18')]));
    const notes = [...clamped.notes, ...empty.notes, ...asked.notes];
    expect(notes).toHaveLength(3);
    for (const n of notes) expect(hasHan(noteZh(n)), n).toBe(true);
    expect(noteZh(clamped.notes[0] as string)).toBe('默认统计期：采暖季 2018-11-15 至 2019-03-15，截取到有读数的日期（今天尚未结束，不计入）');
  });

  it('words the service notes with their figures', () => {
    expect(noteZh(NOTES.computing(3, 10))).toBe('预期与实际对比：数字孪生仍在计算（10 台中已完成 3 台），计算完成后列表会自动补全');
    expect(noteZh(NOTES.leftOutNoData(2))).toBe('2 台机组在统计期内没有读数，未纳入');
    for (const n of [NOTES.noReadings(), NOTES.twinFailed('worker died'), NOTES.twinFailedUnit('u1', 'worker died')]) expect(hasHan(noteZh(n)), n).toBe(true);
  });

  it('words the analytics notes the pages show (influence factors, the twin\'s weather)', () => {
    for (const n of [
      '3 units left out: a chosen factor is not known for them',
      'emitter: level(s) fan-coil (2) below 5 units; their units left out',
      'no outdoor temperature measured in the period: the expectation uses the typical year (IWEC) instead of the real weather',
      'outdoor temperature measured for 42 % of hours: the typical year fills the rest',
    ]) expect(hasHan(noteZh(n)), n).toBe(true);
  });

  it('keeps a note it has no wording for in English', () => {
    expect(noteZh('something new')).toBe('something new');
  });
});
