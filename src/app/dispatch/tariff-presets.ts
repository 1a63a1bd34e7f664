/**
 * The tariff presets an operator can plan a day with (src/optimize/tariff/presets.ts, from ../shared/data/FACTS.md),
 * as the dashboard shows them: each with its sources, its verification status and note, or why it cannot be used.
 */
import type { TariffPresetView } from '../../contract/commands-api.js';
import { TARIFF_PRESETS } from '../../optimize/index.js';

export function tariffPresetViews(defaultId: string): TariffPresetView[] {
  return Object.values(TARIFF_PRESETS).map((p) =>
    p.available
      ? {
          id: p.id, name: p.name, available: true, reason: null, status: p.status, note: p.note, sources: [...p.sources],
          windows: p.windows.map((w) => ({ name: w.name, fromLocal: w.fromLocal, toLocal: w.toLocal, priceYuanPerKWh: w.priceYuanPerKWh, subsidyYuanPerKWh: w.subsidyYuanPerKWh })),
          subsidyCapKWhPerSeason: p.subsidyCapKWhPerSeason ?? null, season: { ...p.season }, isDefault: p.id === defaultId,
        }
      : { id: p.id, name: p.id, available: false, reason: p.reason, status: null, note: '', sources: [], windows: [], subsidyCapKWhPerSeason: null, season: null, isDefault: p.id === defaultId },
  );
}
