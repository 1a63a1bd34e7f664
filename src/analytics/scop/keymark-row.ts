/**
 * Reads one row of the hplib/Keymark EN 14825 table (column names of keymark_en14825_dev.csv) into a
 * DeclaredUnit for the low (35 °C, `_l`) or medium (55 °C, `_h`) application. Values arrive as strings
 * from the CSV adapter; empty or non-numeric cells become reasons naming the column.
 */
import type { DeclaredPoint, DeclaredUnit, Reason } from './declared-unit.js';
import { scopFromSeasonalEfficiency, type SourceKind } from './seasonal-efficiency.js';

export type Application = 'low' | 'medium';
export type KeymarkRow = Readonly<Record<string, string | undefined>>;

const SUFFIX: Record<Application, string> = { low: '_l', medium: '_h' };

/** Columns a row needs for an application (the CLI checks the header has them). */
export function requiredColumns(app: Application): string[] {
  const s = SUFFIX[app];
  return [
    'titel', 'types', `p_rated${s}`, 't_biv', 'tol',
    `p_th_minus7${s}`, `cop_minus7${s}`, `p_th_2${s}`, `cop_2${s}`, `p_th_7${s}`, `cop_7${s}`, `p_th_12${s}`, `cop_12${s}`,
    `p_th_tbiv${s}`, `cop_tbiv${s}`, `p_th_tol${s}`, `cop_tol${s}`, 'ptos', 'psbs', 'pcks', 'poffs',
  ];
}

const SOURCE_KINDS: Record<string, SourceKind> = {
  'Outdoor Air/Water': 'air',
  'Exhaust Air/Water': 'air',
  'Brine/Water': 'water-brine',
  'Water/Water': 'water-brine',
  'Brine/Water and Water/Water': 'water-brine',
};

export function sourceKindOf(types: string | undefined): SourceKind {
  return SOURCE_KINDS[(types ?? '').trim()] ?? 'unknown';
}

class CellError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.message);
  }
}

function num(row: KeymarkRow, column: string): number {
  const raw = row[column]?.trim();
  if (raw === undefined || raw === '') throw new CellError({ code: 'missing-value', message: `${column} is empty` });
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new CellError({ code: 'not-a-number', message: `${column} is "${raw}", not a number` });
  return v;
}

export type KeymarkUnit = { ok: true; unit: DeclaredUnit } | { ok: false; reason: Reason };

/**
 * The file carries one Tbiv and one TOL (`t_biv`, `tol`), declared with the 35 °C data; for the 55 °C
 * application they are assumed to hold as well, and checkDeclaredUnit rejects rows where the 55 °C
 * capacity at that Tbiv contradicts it.
 */
export function keymarkUnit(row: KeymarkRow, app: Application): KeymarkUnit {
  const s = SUFFIX[app];
  try {
    const bivalentTempC = num(row, 't_biv');
    const operationLimitTempC = num(row, 'tol');
    const point = (label: DeclaredPoint['label'], tempC: number, key: string): DeclaredPoint => ({
      label, tempC, capacityKw: num(row, `p_th_${key}${s}`), cop: num(row, `cop_${key}${s}`),
    });
    const unit: DeclaredUnit = {
      designLoadKw: num(row, `p_rated${s}`),
      bivalentTempC,
      operationLimitTempC,
      points: [
        point('A', -7, 'minus7'), point('B', 2, '2'), point('C', 7, '7'), point('D', 12, '12'),
        point('E', operationLimitTempC, 'tol'), point('F', bivalentTempC, 'tbiv'),
      ],
      offModePowers: { thermostatOffW: num(row, 'ptos'), standbyW: num(row, 'psbs'), crankcaseW: num(row, 'pcks'), offW: num(row, 'poffs') },
      sourceKind: sourceKindOf(row.types),
    };
    return { ok: true, unit };
  } catch (e) {
    if (e instanceof CellError) return { ok: false, reason: e.reason };
    throw e;
  }
}

/** Certified figures in the row: SCOP at 35 °C is given; at 55 °C only ηs, from which SCOP follows. */
export function certifiedScop(row: KeymarkRow, app: Application): number | null {
  const read = (c: string) => {
    const raw = row[c]?.trim();
    const v = raw ? Number(raw) : NaN;
    return Number.isFinite(v) ? v : null;
  };
  if (app === 'low') return read('scop_l');
  const eta = read('eta_h');
  return eta === null ? null : scopFromSeasonalEfficiency(eta, sourceKindOf(row.types));
}
