/**
 * Every code of every server-text catalogue reads in zh-CN and in English, with the same placeholders in both:
 * a zh-CN user never meets an English sentence the server made, and no number is lost in translation.
 */
import { describe, expect, it } from 'vitest';
import { TEXT_CATALOGUES, placeholdersOf, renderText, type TextCatalogue } from './index.js';

const HAN = /[\u4e00-\u9fff]/;

describe.each(Object.entries(TEXT_CATALOGUES as Readonly<Record<string, TextCatalogue>>))('text catalogue %s', (name, catalogue) => {
  const codes = Object.keys(catalogue);
  it('has codes', () => expect(codes.length).toBeGreaterThan(0));
  it.each(codes)('%s reads in zh-CN and English with the same placeholders', (code) => {
    const t = catalogue[code];
    expect(t, `${name}.${code}`).toBeDefined();
    const en = t?.en; const zh = t?.['zh-CN'];
    expect(typeof en === 'string' && en.trim() !== '', `${name}.${code} has no English`).toBe(true);
    expect(typeof zh === 'string' && zh.trim() !== '', `${name}.${code} has no zh-CN`).toBe(true);
    expect(HAN.test(zh ?? ''), `${name}.${code} zh-CN is not Chinese: ${zh}`).toBe(true);
    expect(placeholdersOf(zh ?? ''), `${name}.${code} placeholders`).toEqual(placeholdersOf(en ?? ''));
    for (const n of [...Object.keys(t?.numbers ?? {}), ...(t?.lists ?? [])]) expect(placeholdersOf(en ?? ''), `${name}.${code} formats ${n}, which it does not show`).toContain(n);
  });
});

describe('rendering a text ref', () => {
  it('formats numbers as the template says, in the language\'s own way, and keeps units', () => {
    const ref = { code: 'heat-meter-fault', params: { hours: 1.23456 } };
    expect(renderText(TEXT_CATALOGUES.unitWarning, ref, 'en')).toBe('heat meter read 0 while running with a temperature rise for 1.23 h: SPF understated');
    expect(renderText(TEXT_CATALOGUES.unitWarning, ref, 'zh-CN')).toBe('机组运行且供回水有温升时热量表读数为 0，累计 1.23 小时：SPF 被低估');
  });
  it('shows a missing number as a dash and an unknown code as null (the caller keeps its English field)', () => {
    expect(renderText(TEXT_CATALOGUES.cause, { code: 'cycling', params: { startsPerH: 4.04, expectedStartsPerH: null } }, 'en')).toBe('short cycling: 4.0 starts per running hour (twin —)');
    expect(renderText(TEXT_CATALOGUES.cause, { code: 'no-such-code', params: {} }, 'zh-CN')).toBeNull();
  });
});
