/**
 * Preset `beijing-103`: the composition of the field sample in Xu, Zhao, Wang et al., Sustainable Energy
 * Technologies and Assessments 48 (2021) 101642 — 103 household air-to-water units installed in 2017:
 * 8–10 kW (41) and 10–14 kW (62), inverter (54) and fixed speed (49), heated area 67–216 m²,
 * floor heating (42) and radiators (61). Counts are exact; who gets what is drawn from the fleet seed.
 * Choices not given by the paper are documented in fleet-generator.md (envelope mix, setpoints, …).
 */
import type { Rng } from './rng.js';
import type { EnvelopeClass, HouseholdLabels } from './household.js';

interface Helpers {
  shuffle<T>(rng: Rng, items: T[]): T[];
  tri(rng: Rng, r: readonly [number, number, number]): number;
  round(v: number, step: number): number;
}

const fill = <T>(parts: [T, number][]): T[] => parts.flatMap(([v, n]) => Array.from({ length: n }, () => v));
const AREA_MIN_M2 = 67;
const AREA_MAX_M2 = 216;

export const BEIJING_103 = {
  counts: { smallClass: 41, largeClass: 62, inverter: 54, fixedSpeed: 49, floor: 42, radiator: 61 },
  /** Assumed envelope mix of 2017 Beijing coal-to-electricity villages (partly retrofitted by the 2014–2017 rural energy-saving programme). */
  envelopeShares: { uninsulated: 0.35, 'partially-insulated': 0.45, retrofitted: 0.2 } as Record<EnvelopeClass, number>,
  labels(rng: Rng, h: Helpers): HouseholdLabels[] {
    const n = 103;
    // Areas: log-normal around 120 m² (σ 0.3), then stretched so the sample spans exactly 67…216 m².
    const raw = Array.from({ length: n }, () => Math.exp(Math.log(120) + 0.3 * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())));
    const lo = Math.min(...raw);
    const hi = Math.max(...raw);
    const areas = raw.map((v) => h.round(AREA_MIN_M2 + ((v - lo) / (hi - lo)) * (AREA_MAX_M2 - AREA_MIN_M2), 1));
    // Sizing by nominal capacity: installers picked the smaller product for smaller houses, loosely (rank of area × noise).
    const rank = areas.map((a, i) => ({ i, key: a * Math.exp(0.35 * (rng.next() - 0.5) * 2) })).sort((x, y) => x.key - y.key);
    const small = new Set(rank.slice(0, this.counts.smallClass).map((r) => r.i));
    const inverter = h.shuffle(rng, fill<boolean>([[true, this.counts.inverter], [false, this.counts.fixedSpeed]]));
    const emitters = h.shuffle(rng, fill<'floor' | 'radiator'>([['floor', this.counts.floor], ['radiator', this.counts.radiator]]));
    const envelopes = h.shuffle(rng, fill<EnvelopeClass>(Object.entries(this.envelopeShares).map(([k, s]) => [k as EnvelopeClass, Math.round(s * n)])));
    while (envelopes.length < n) envelopes.push('partially-insulated');
    return areas.map((areaM2, i) => ({
      id: `bj103-${String(i + 1).padStart(3, '0')}`,
      areaM2,
      envelope: envelopes[i] as EnvelopeClass,
      emitter: emitters[i] as 'floor' | 'radiator',
      type: 'air-to-water',
      inverter: inverter[i] as boolean,
      capacityKw: small.has(i) ? h.round(8 + rng.next() * 2, 0.5) : h.round(10.5 + rng.next() * 3.5, 0.5),
      installedOn: '2017-10-15',
      weatherCompensated: rng.next() < 0.5,
    }));
  },
};
