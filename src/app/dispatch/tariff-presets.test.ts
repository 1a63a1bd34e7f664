/**
 * Every tariff preset's name, note and "not available" reason reaches the dispatch pages with a code whose English
 * is the preset's own words and whose Chinese the operator reads.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../contract/texts/render-text.js';
import { TARIFF_NAME_TEXTS, TARIFF_NOTE_TEXTS, TARIFF_REASON_TEXTS } from '../../contract/texts/tariff-texts.js';
import { tariffPresetViews } from './tariff-presets.js';

const HAN = /[\u4e00-\u9fff]/;

describe('tariff preset texts as codes', () => {
  const views = tariffPresetViews('beijing-rural-coal-to-electricity');
  it.each(views.map((v) => [v.id, v] as const))('%s: name, note and reason read as the preset\'s English and in Chinese', (_, v) => {
    const pairs = v.available
      ? [[TARIFF_NAME_TEXTS, v.nameRef, v.name], ...(v.note ? [[TARIFF_NOTE_TEXTS, v.noteRef, v.note] as const] : [])] as const
      : [[TARIFF_REASON_TEXTS, v.reasonRef, v.reason ?? '']] as const;
    for (const [catalogue, ref, english] of pairs) {
      expect(ref, `${v.id}: ${english}`).not.toBeNull();
      if (!ref) continue;
      expect(renderText(catalogue, ref, 'en')).toBe(english);
      expect(renderText(catalogue, ref, 'zh-CN')).toMatch(HAN);
    }
  });
  it('the Beijing note names its unverified price in Chinese', () => {
    const b = views.find((v) => v.id === 'beijing-rural-coal-to-electricity');
    expect(b?.noteRef && renderText(TARIFF_NOTE_TEXTS, b.noteRef, 'zh-CN')).toContain('0.4883 元/kWh 为常见引用的居民第一档电价，未经核实');
  });
});
