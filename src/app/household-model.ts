/**
 * Use case: the planner's model of one household learned from its own telemetry (src/optimize/identify):
 * the 1R1C room model with the registered building (through the twin) as prior, and the measured COP
 * correction of the unit's registered performance map. Scope is checked first: outside it, "not found".
 */
import type { ThermalModel } from '../contract/thermal-model.js';
import { copCorrection, identifyRcModel, type CopSample, type RcSample } from '../optimize/identify/index.js';
import { buildingThermal, copAt, householdFromRegistry, performanceMap, timeConstantsH } from '../sim/index.js';
import { canSeeSite, type Principal } from './authorize.js';
import type { FleetIndex } from './fleet-index.js';
import type { PlannerModelSource } from './dispatch/planner-models.js';
import type { Clock } from './ports/clock.js';
import type { RollupRow, TelemetryStore } from './ports/telemetry-store.js';

const STEP_S = 900;

export interface HouseholdModels {
  thermalModel(p: Principal, unitId: string, period: { from: number; to: number }): Promise<ThermalModel | null>;
}

const avg = (r: RollupRow, c: keyof RollupRow['channels']): number | null => r.channels[c]?.avg ?? null;

/** Local day (Asia/Shanghai) of an instant. */
const localDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export function createHouseholdModels(deps: {
  index: () => FleetIndex;
  store: TelemetryStore;
  /** The dispatch planner's model source (the same fits and cache) and the platform clock (today): reported as `planner`; absent → null. */
  planner?: { models: PlannerModelSource; clock: Clock };
}): HouseholdModels {
  return {
    async thermalModel(p, unitId, period) {
      const index = deps.index();
      const site = index.siteOfUnit(unitId);
      const unit = index.unit(unitId);
      if (!site || !unit || !canSeeSite(p, site, index)) return null;
      const building = index.buildingsOfSite(site.id)[0];
      const household = building ? householdFromRegistry(unit, building) : null;
      const thermal = household ? buildingThermal(household.areaM2, household.storeys, household.building) : null;
      const prior = thermal
        ? { heatLossWK: thermal.totalHWK, capacityJK: timeConstantsH(thermal)[0] * 3600 * thermal.totalHWK, gainsW: thermal.internalGainsW }
        : null;
      const rows = await deps.store.queryRollup({ unitIds: [unitId], resolution: '15m', fromMs: period.from, toMs: period.to });
      const samples: RcSample[] = rows.map((r) => {
        const heat = avg(r, 'heatPowerW');
        return { tsMs: r.bucketStartMs, indoorC: avg(r, 'indoorTempC'), outdoorC: avg(r, 'outdoorTempC'), heatW: heat };
      });
      const model = identifyRcModel(samples, { stepS: STEP_S, ...(prior ? { prior } : {}) });
      const map = household ? performanceMap(household.unit.performanceMap) : null;
      const copSamples: CopSample[] = rows.map((r) => {
        const heat = avg(r, 'heatPowerW');
        const backup = avg(r, 'backupPowerW') ?? 0;
        const sourceC = map?.source === 'outdoor-air' ? avg(r, 'outdoorTempC') : (avg(r, 'sourceInTempC') ?? null);
        const flowC = avg(r, 'supplyTempC');
        return {
          heatW: heat === null ? null : heat - backup,
          electricW: avg(r, 'unitPowerW'),
          mapCop: map && sourceC !== null && flowC !== null ? copAt(map, sourceC, flowC) : null,
        };
      });
      const cop = map
        ? copCorrection(copSamples, { stepS: STEP_S })
        : { status: 'no-map' as const, factor: null, runningSlots: 0, heatKWh: 0, reason: `unit ${unitId} has no building registered, so no performance map is assigned` };
      const day = deps.planner ? localDay(deps.planner.clock.nowMs()) : '';
      const planner = deps.planner && household
        ? { day, choice: (await deps.planner.models([{ siteId: site.id, unitId, deviceId: '', definition: { ...household, id: site.id } }], day)).get(site.id)?.choice ?? null }
        : null;
      return {
        unitId, from: period.from, to: period.to, stepS: STEP_S,
        planner: planner?.choice ? { day: planner.day, choice: planner.choice } : null,
        model: { status: model.status, heatLossWK: model.heatLossWK, capacityJK: model.capacityJK, timeConstantH: model.timeConstantH, gainsW: model.gainsW, fit: model.fit, reasons: [...model.reasons] },
        prior: prior ? { ...prior, timeConstantH: prior.capacityJK / prior.heatLossWK / 3600, source: 'registered building and unit through the digital twin (src/sim/registry-mapping.ts)' } : null,
        cop,
      };
    },
  };
}
