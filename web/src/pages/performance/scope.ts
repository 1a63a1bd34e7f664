/**
 * Which units and which local days a performance page is about: the API's flat filter and period query
 * parameters, kept in the page URL under the same names so a link or reload shows the same population.
 */
import { query } from '../../api/client.js';

export const LIST_FILTERS = ['village', 'programme', 'manufacturer', 'model', 'unitType', 'capacityControl', 'emitter'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
const NUMBER_FILTERS = ['minCapacityKw', 'maxCapacityKw', 'installedFrom', 'installedTo'] as const;
const PERIOD = ['from', 'to'] as const;
export const SCOPE_KEYS = [...PERIOD, ...LIST_FILTERS, ...NUMBER_FILTERS] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];
/** Scope as query values (lists comma-separated, numbers as text); absent keys are "all". */
export type Scope = Partial<Record<ScopeKey, string>>;

export function scopeFromParams(params: URLSearchParams): Scope {
  const out: Scope = {};
  for (const k of SCOPE_KEYS) {
    const v = params.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  return out;
}

export const listValue = (scope: Scope, key: ListFilter): string[] => (scope[key] ? scope[key].split(',').filter(Boolean) : []);
export const withList = (scope: Scope, key: ListFilter, values: string[]): Scope => ({ ...scope, [key]: values.length ? values.join(',') : undefined });

/** `?…` for an API call or a page URL: the scope plus page-specific parameters. */
export const scopeQuery = (scope: Scope, extra: Record<string, string | number | undefined | null> = {}): string => query({ ...scope, ...extra });

/** Nominal-capacity bands (kW) offered as one filter; they map onto minCapacityKw / maxCapacityKw. */
export const CAPACITY_BANDS = [
  { key: 'lt6', min: undefined, max: 6 },
  { key: '6to10', min: 6, max: 10 },
  { key: '10to16', min: 10, max: 16 },
  { key: 'ge16', min: 16, max: undefined },
] as const;
export type CapacityBandKey = (typeof CAPACITY_BANDS)[number]['key'];

export const capacityBandOf = (scope: Scope): CapacityBandKey | undefined =>
  CAPACITY_BANDS.find((b) => String(b.min ?? '') === (scope.minCapacityKw ?? '') && String(b.max ?? '') === (scope.maxCapacityKw ?? ''))?.key;
export function withCapacityBand(scope: Scope, key: CapacityBandKey | undefined): Scope {
  const band = CAPACITY_BANDS.find((b) => b.key === key);
  return { ...scope, minCapacityKw: band?.min === undefined ? undefined : String(band.min), maxCapacityKw: band?.max === undefined ? undefined : String(band.max) };
}

const DAY_MS = 86_400_000;
/** Local day `YYYY-MM-DD` shifted by whole days (calendar arithmetic, no time zone involved). */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The API's period is [from, to) in local days; people pick the first and the last day. */
export const periodFromDays = (first: string, last: string): Pick<Scope, 'from' | 'to'> => ({ from: first, to: addDays(last, 1) });
export const lastDayOf = (scope: Scope): string | undefined => (scope.to ? addDays(scope.to, -1) : undefined);
