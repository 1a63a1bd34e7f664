export { TariffSchema, TouWindowSchema, parseTariff, windowTilingIssues, windowMinutes, SHANGHAI_UTC_OFFSET_MIN, type Tariff, type TariffInput, type TouWindow, type TariffParseResult } from './schema.js';
export { TARIFF_PRESETS, tariffPreset, type TariffPreset, type UnavailableTariff } from './presets.js';
export { dayPrices, inHeatingSeason, localDate, type DayPrices, type DayPriceOptions } from './slot-prices.js';
export { tariffOrFallback, type TariffAlarm } from './tariff-or-fallback.js';
