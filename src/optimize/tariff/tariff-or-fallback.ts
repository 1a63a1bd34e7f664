/**
 * Planning must not stop (nor plan on invented prices) because a tariff document is broken: a tariff
 * that fails to parse — overlapping or missing windows, a subsidy above the price, a malformed time — is
 * replaced by the caller's last known good tariff, and the result carries an `invalid-tariff` alarm that
 * lists each problem. The schedule is then optimal for the fallback's prices; comfort is unaffected,
 * since comfort bounds do not depend on the tariff.
 */
import { parseTariff, type Tariff } from './schema.js';

export interface TariffAlarm {
  readonly code: 'invalid-tariff';
  readonly issues: readonly string[];
  readonly message: string;
}

export function tariffOrFallback(input: unknown, fallback: Tariff): { tariff: Tariff; alarm?: TariffAlarm } {
  const r = parseTariff(input);
  if (r.ok) return { tariff: r.tariff };
  const name = typeof input === 'object' && input !== null && 'id' in input ? String((input as { id: unknown }).id) : '(unnamed)';
  return {
    tariff: fallback,
    alarm: { code: 'invalid-tariff', issues: r.issues, message: `tariff ${name} rejected (${r.issues.join('; ')}); planning with the last valid tariff ${fallback.id}` },
  };
}
