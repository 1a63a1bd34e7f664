/**
 * The input of every fleet-evaluation function: a registered unit (with its building and site where
 * known) and its KPIs for one period (`UnitKpis`, from computeUnitKpis or the store-side season engine),
 * plus the attributes the fleet is cut by (village, programme, installation year, capacity band).
 */
import type { Building, HeatPumpUnit, Site } from '../../domain/registry.js';
import type { UnitKpis } from '../unit-kpis/index.js';

export interface EvaluatedUnit {
  readonly unit: HeatPumpUnit;
  readonly building?: Building;
  readonly site?: Site;
  readonly kpis: UnitKpis;
}

export interface PeriodLabel { readonly fromIso: string; readonly toIso: string }

/** The period shared by the units; throws when they were computed over different periods (a mixed table compares unlike seasons). */
export function commonPeriod(units: readonly EvaluatedUnit[]): PeriodLabel | null {
  const first = units[0];
  if (!first) return null;
  const { fromIso, toIso } = first.kpis.period;
  const other = units.find((u) => u.kpis.period.fromIso !== fromIso || u.kpis.period.toIso !== toIso);
  if (other) throw new Error(`units cover different periods: ${first.unit.id} ${fromIso}..${toIso}, ${other.unit.id} ${other.kpis.period.fromIso}..${other.kpis.period.toIso}`);
  return { fromIso, toIso };
}

export const installationYear = (u: EvaluatedUnit): number => Number(u.unit.installedOn.slice(0, 4));

/** Coverage of a unit for ranking: the smaller of the heat-meter and unit-meter coverage (%), 0 when either is absent. */
export function unitCoveragePct(k: UnitKpis): number {
  return Math.min(k.coverage.heatPowerW?.coveragePct ?? 0, k.coverage.unitPowerW?.coveragePct ?? 0);
}

/** Capacity band label for edges [e0, e1, …] (kW): "<e0", "e0–e1", …, "≥eN". */
export function capacityBand(kw: number, edgesKw: readonly number[]): string {
  if (edgesKw.length === 0) return 'all';
  if (kw < (edgesKw[0] as number)) return `<${edgesKw[0]} kW`;
  for (let i = 1; i < edgesKw.length; i++) if (kw < (edgesKw[i] as number)) return `${edgesKw[i - 1]}–${edgesKw[i]} kW`;
  return `≥${edgesKw[edgesKw.length - 1]} kW`;
}
