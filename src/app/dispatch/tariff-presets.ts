/**
 * The tariff presets an operator can plan a day with (src/optimize/tariff/presets.ts, from ../shared/data/FACTS.md),
 * as the dashboard shows them: each with its sources, its verification status and note, or why it cannot be used.
 */
import type { TariffPresetView } from '../../contract/commands-api.js';
import { textRef, type TextCatalogue, type TextRef } from '../../contract/texts/render-text.js';
import { TARIFF_NAME_TEXTS, TARIFF_NOTE_TEXTS, TARIFF_REASON_TEXTS } from '../../contract/texts/tariff-texts.js';
import { TARIFF_PRESETS } from '../../optimize/index.js';

/** The preset's id as a code of `catalogue` when the catalogue words it (docs/i18n.md). */
const refIn = (catalogue: TextCatalogue, id: string): TextRef | null => (id in catalogue ? textRef(id) : null);

export function tariffPresetViews(defaultId: string): TariffPresetView[] {
  return Object.values(TARIFF_PRESETS).map((p) =>
    p.available
      ? {
          id: p.id, name: p.name, available: true, reason: null, status: p.status, note: p.note,
          nameRef: refIn(TARIFF_NAME_TEXTS, p.id), noteRef: p.note ? refIn(TARIFF_NOTE_TEXTS, p.id) : null, reasonRef: null, sources: [...p.sources],
          windows: p.windows.map((w) => ({ name: w.name, fromLocal: w.fromLocal, toLocal: w.toLocal, priceYuanPerKWh: w.priceYuanPerKWh, subsidyYuanPerKWh: w.subsidyYuanPerKWh })),
          subsidyCapKWhPerSeason: p.subsidyCapKWhPerSeason ?? null, season: { ...p.season }, isDefault: p.id === defaultId,
        }
      : { id: p.id, name: p.id, available: false, reason: p.reason, status: null, note: '', nameRef: null, noteRef: null, reasonRef: refIn(TARIFF_REASON_TEXTS, p.id), sources: [], windows: [], subsidyCapKWhPerSeason: null, season: null, isDefault: p.id === defaultId },
  );
}
