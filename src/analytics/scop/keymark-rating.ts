/**
 * Rates every row of a Keymark EN 14825 table: SCOPon, SCOP and ηs by the bin method, next to the
 * certified figure, or a reason. Pure: the CLI reads and writes the files.
 */
import { computeScop, type BinMethodOptions } from './bin-method.js';
import { CLIMATES, type ClimateName } from './climate-bins.js';
import type { Reason } from './declared-unit.js';
import { certifiedScop, keymarkUnit, type Application, type KeymarkRow } from './keymark-row.js';

export interface KeymarkRating {
  titel: string;
  application: Application;
  climate: ClimateName;
  scopOn: number | null;
  scop: number | null;
  seasonalEfficiencyPct: number | null;
  backupShare: number | null;
  certifiedScop: number | null;
  /** SCOP rounded to 2 decimals (as declared) minus the certified SCOP. */
  difference: number | null;
  reason: Reason | null;
}

export const round2 = (v: number) => Math.round(v * 100) / 100;

export function rateKeymarkRow(row: KeymarkRow, application: Application, climate: ClimateName, options: BinMethodOptions = {}): KeymarkRating {
  const base = {
    titel: row.titel?.trim() ?? '', application, climate,
    scopOn: null, scop: null, seasonalEfficiencyPct: null, backupShare: null, difference: null,
  };
  // The hplib/Keymark table holds average-climate declarations only (PROVENANCE of the data).
  const certified = climate === 'average' ? certifiedScop(row, application) : null;
  if (climate !== 'average') {
    return { ...base, certifiedScop: null, reason: { code: 'climate-not-declared', message: `the file declares points for the average climate only; ${climate}-climate SCOP needs points declared for that climate` } };
  }
  const parsed = keymarkUnit(row, application);
  if (!parsed.ok) return { ...base, certifiedScop: certified, reason: parsed.reason };
  const out = computeScop(parsed.unit, CLIMATES[climate], options);
  if (!out.ok) return { ...base, certifiedScop: certified, reason: out.reason };
  const { scopOn, scop, seasonalEfficiencyPct, backupShare } = out.value;
  return {
    ...base, scopOn, scop, seasonalEfficiencyPct, backupShare, certifiedScop: certified,
    difference: scop !== null && certified !== null ? round2(scop) - certified : null,
    reason: null,
  };
}

export function rateKeymarkRows(rows: readonly KeymarkRow[], application: Application, climate: ClimateName, options: BinMethodOptions = {}): KeymarkRating[] {
  return rows.map((r) => rateKeymarkRow(r, application, climate, options));
}
