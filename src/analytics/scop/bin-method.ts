/**
 * EN 14825 bin method: SCOPon, SCOP and ηs of a declared heat pump for one reference climate.
 * Equations and assumptions: docs/analytics/scop.md.
 */
import { type ClimateBins, partLoadRatio } from './climate-bins.js';
import { checkDeclaredUnit, DeclaredUnitSchema, type DeclaredPoint, type DeclaredUnit, type Reason } from './declared-unit.js';
import { seasonalEfficiencyPct } from './seasonal-efficiency.js';

export interface BinMethodOptions {
  /**
   * Re-apply cycling degradation COPbin = COPd·CR/(Cdh·CR + 1 − Cdh) with this Cdh wherever the
   * interpolated capacity exceeds the load. Leave undefined for EN 14825 declarations, whose COPd already
   * include it (measured: re-applying 0.9 biases Keymark SCOPs by −0.08, see scop.md).
   */
  cyclingCdh?: number;
}

export interface BinRow {
  tempC: number;
  hours: number;
  loadKw: number;
  /** Interpolated declared capacity; 0 below TOL (heat pump off). */
  capacityKw: number;
  /** COP used for the heat-pump share; 1 below TOL (all electric back-up). */
  copBin: number;
  backupKw: number;
}

export interface ScopResult {
  scopOn: number;
  /** Null where the climate has no sourced off-mode hours. */
  scop: number | null;
  /** ηs,h [%]; null without SCOP or with an unknown source kind. */
  seasonalEfficiencyPct: number | null;
  /** QH = Pdesignh·HHE [kWh]. */
  annualDemandKWh: number;
  /** Share of the seasonal heat delivered by the electric back-up [-]. */
  backupShare: number;
  bins: BinRow[];
}

export type ScopOutcome = { ok: true; value: ScopResult } | { ok: false; reason: Reason };

/** Standard points first so that, when E or F coincide with A–D (checked equal), A–D's values are used. */
function uniqueByTemp(points: readonly DeclaredPoint[]): DeclaredPoint[] {
  const byTemp = new Map<number, DeclaredPoint>();
  const ordered = [...points].sort((a, b) => a.label.localeCompare(b.label));
  for (const p of ordered) if (!byTemp.has(p.tempC)) byTemp.set(p.tempC, p);
  return [...byTemp.values()].sort((a, b) => a.tempC - b.tempC);
}

/** Linear interpolation between the neighbouring declared points; held constant beyond the outermost. */
export function interpolateDeclared(points: readonly DeclaredPoint[], tempC: number): { capacityKw: number; cop: number } {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) throw new Error('interpolateDeclared needs at least one point');
  if (tempC <= first.tempC) return { capacityKw: first.capacityKw, cop: first.cop };
  if (tempC >= last.tempC) return { capacityKw: last.capacityKw, cop: last.cop };
  for (let i = 1; i < points.length; i++) {
    const lo = points[i - 1]!;
    const hi = points[i]!;
    if (tempC <= hi.tempC) {
      const w = (tempC - lo.tempC) / (hi.tempC - lo.tempC);
      return { capacityKw: lo.capacityKw + w * (hi.capacityKw - lo.capacityKw), cop: lo.cop + w * (hi.cop - lo.cop) };
    }
  }
  return { capacityKw: last.capacityKw, cop: last.cop };
}

/** EN 14825 cycling correction of a steady-state COP at capacity ratio CR = Ph/Pdh ≤ 1. */
export function cyclingCop(cop: number, capacityRatio: number, cdh: number): number {
  return (cop * capacityRatio) / (cdh * capacityRatio + 1 - cdh);
}

function binRow(unit: DeclaredUnit, points: DeclaredPoint[], climate: ClimateBins, tempC: number, hours: number, cdh: number | undefined): BinRow {
  const loadKw = unit.designLoadKw * partLoadRatio(tempC, climate.designTempC);
  if (tempC < unit.operationLimitTempC) return { tempC, hours, loadKw, capacityKw: 0, copBin: 1, backupKw: loadKw };
  const { capacityKw, cop } = interpolateDeclared(points, tempC);
  // At and above Tbiv the unit meets the load by definition of Tbiv; below it the back-up fills the gap.
  const backupKw = tempC < unit.bivalentTempC ? Math.max(0, loadKw - capacityKw) : 0;
  const copBin = cdh !== undefined && capacityKw > loadKw ? cyclingCop(cop, loadKw / capacityKw, cdh) : cop;
  return { tempC, hours, loadKw, capacityKw, copBin, backupKw };
}

export function computeScop(input: DeclaredUnit, climate: ClimateBins, options: BinMethodOptions = {}): ScopOutcome {
  const parsed = DeclaredUnitSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: { code: 'invalid-input', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` } };
  }
  const unit = parsed.data;
  const cdh = options.cyclingCdh;
  if (cdh !== undefined && !(cdh > 0 && cdh <= 1)) throw new RangeError(`Cdh must be in (0, 1], got ${cdh}`);
  const problem = checkDeclaredUnit(unit, climate.designTempC);
  if (problem) return { ok: false, reason: problem };
  const points = uniqueByTemp(unit.points);
  const bins = climate.bins.map((b) => binRow(unit, points, climate, b.tempC, b.hours, cdh));
  let heatKWh = 0;
  let electricityKWh = 0;
  let backupKWh = 0;
  for (const b of bins) {
    heatKWh += b.hours * b.loadKw;
    electricityKWh += b.hours * ((b.loadKw - b.backupKw) / b.copBin + b.backupKw);
    backupKWh += b.hours * b.backupKw;
  }
  const scopOn = heatKWh / electricityKWh;
  const annualDemandKWh = unit.designLoadKw * climate.equivalentActiveHours;
  const h = climate.offModeHours;
  const p = unit.offModePowers;
  const offModeKWh = h
    ? (h.thermostatOffH * p.thermostatOffW + h.standbyH * p.standbyW + h.crankcaseH * p.crankcaseW + h.offH * p.offW) / 1000
    : null;
  const scop = offModeKWh === null ? null : annualDemandKWh / (annualDemandKWh / scopOn + offModeKWh);
  return {
    ok: true,
    value: {
      scopOn,
      scop,
      seasonalEfficiencyPct: scop === null ? null : seasonalEfficiencyPct(scop, unit.sourceKind),
      annualDemandKWh,
      backupShare: backupKWh / heatKWh,
      bins,
    },
  };
}
