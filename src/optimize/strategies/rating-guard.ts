/**
 * Real-time transformer guard (rating-guard.md): at each guard step the platform grants run permission to the units
 * behind one transformer in order of need, up to the transformer's rating, and blocks the rest (SG-Ready "blocked",
 * a utility lock the device obeys even when its room is cold). Pure: no twin, no clock. The twin adapter is
 * rating-guard-twin.ts.
 */

/** What the guard knows of one unit for the next guard step (all electric powers in W). */
export interface GuardUnit {
  /** Room air above the occupants' floor (scheduled setpoint − hysteresis), K; lower = more need. */
  readonly marginK: number;
  /** Draw the guard cannot stop in the next step: pump and standby, a compressor within its minimum run or defrosting. */
  readonly fixedW: number;
  /** Further draw if the unit is permitted to run (compressor and fan, backup heater if on, pump); 0 = it cannot start. */
  readonly runW: number;
  /** The unit asks for heat (its thermostat or its plan would run it): a block of it is a block that matters. */
  readonly wantsHeat: boolean;
  /** Its backup heater is running (part of runW): it delivers the least heat per kW of the transformer. */
  readonly backupOn: boolean;
}

export interface GuardDecision {
  /** 1 = permitted, 0 = blocked; index = unit. */
  readonly permitted: Uint8Array;
  /** Σ fixed draw + Σ run draw of the permitted units (W): the most the units can draw in the next step. */
  readonly boundW: number;
  /** Units that want heat and were blocked. */
  readonly blockedWanting: number;
  /** The fixed draw alone exceeds the capacity: the guard blocked everything it could and still cannot hold it. */
  readonly overCapacity: boolean;
}

/**
 * Order of need: units that want heat on their compressor, lowest margin above the floor first; then units running
 * their backup heater (a third of the heat per kW: backup heaters last), lowest margin first; then units that do not
 * ask for heat (granted only if capacity is left: a block costs them nothing). Ties: lower index first.
 */
export function needOrder(units: readonly GuardUnit[]): number[] {
  const tier = (u: GuardUnit) => (!u.wantsHeat ? 2 : u.backupOn ? 1 : 0);
  return units.map((_, i) => i).sort((a, b) => {
    const ua = units[a] as GuardUnit, ub = units[b] as GuardUnit;
    return tier(ua) - tier(ub) || ua.marginK - ub.marginK || a - b;
  });
}

/**
 * Grants run permission in order of need while Σ fixed + Σ granted run draw stays ≤ `capacityW`; a unit that does not
 * fit is blocked and the next in order is tried (a smaller one may still fit). A unit that cannot start (runW = 0)
 * is always permitted. So whenever the fixed draw alone fits, the bound never exceeds the capacity.
 */
export function grantRunPermission(units: readonly GuardUnit[], capacityW: number): GuardDecision {
  if (!(capacityW >= 0)) throw new Error(`rating guard: capacity ${capacityW} W must be ≥ 0`);
  const permitted = new Uint8Array(units.length);
  let boundW = 0;
  for (const [i, u] of units.entries()) {
    if (!(u.fixedW >= 0 && u.runW >= 0 && Number.isFinite(u.fixedW + u.runW))) throw new Error(`rating guard: unit ${i} has draw fixed ${u.fixedW} W, run ${u.runW} W (must be finite and ≥ 0)`);
    if (Number.isNaN(u.marginK)) throw new Error(`rating guard: unit ${i} has no room margin`);
    boundW += u.fixedW;
  }
  const overCapacity = boundW > capacityW;
  let blockedWanting = 0;
  for (const i of needOrder(units)) {
    const u = units[i] as GuardUnit;
    if (u.runW === 0 || boundW + u.runW <= capacityW) { permitted[i] = 1; boundW += u.runW; } else if (u.wantsHeat) blockedWanting++;
  }
  return { permitted, boundW, blockedWanting, overCapacity };
}
