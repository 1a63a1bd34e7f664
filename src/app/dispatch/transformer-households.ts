/**
 * Who is behind a transformer and how the planner sees them: each household site's first unit, its
 * building (through the twin: src/sim/registry-mapping.ts), and the active gateway that serves the unit.
 * A site without a building, unit or gateway cannot be planned or steered: it is listed as excluded with
 * the reason, and keeps its own control.
 */
import type { FallbackSchedule } from '../../contract/commands.js';
import type { Transformer } from '../../domain/registry.js';
import { listParam, type TextRef } from '../../contract/texts/render-text.js';
import { householdFromRegistry, type HouseholdDefinition } from '../../sim/index.js';
import { scheduledSetpointC } from '../../sim/controls.js';
import { householdNoteRef } from './dispatch-texts.js';
import type { FleetIndex } from '../fleet-index.js';

export interface SteerableHousehold {
  readonly siteId: string;
  readonly unitId: string;
  readonly deviceId: string;
  readonly definition: HouseholdDefinition;
}
export interface ExcludedHousehold {
  readonly siteId: string;
  readonly unitId: string;
  readonly deviceId: string;
  readonly note: string;
  readonly noteRef: TextRef;
}

export function transformersOf(index: FleetIndex, villageId: string): Transformer[] {
  return index.snapshot.transformers.filter((t) => t.villageId === villageId);
}

export const sitesBehind = (index: FleetIndex, transformerId: string) => index.snapshot.sites.filter((s) => s.transformerId === transformerId);

export function householdsBehind(index: FleetIndex, transformerId: string): { steerable: SteerableHousehold[]; excluded: ExcludedHousehold[] } {
  const steerable: SteerableHousehold[] = [];
  const excluded: ExcludedHousehold[] = [];
  for (const site of sitesBehind(index, transformerId)) {
    const unit = index.unitsOfSite(site.id)[0];
    const building = index.buildingsOfSite(site.id)[0];
    const device = unit ? index.snapshot.devices.find((d) => d.status === 'active' && d.unitIds.includes(unit.id)) : undefined;
    const missing = [unit ? null : 'no heat-pump unit', building ? null : 'no building', device ? null : 'no active gateway'].filter((x) => x !== null);
    if (!unit || !building || !device) {
      excluded.push({ siteId: site.id, unitId: unit?.id ?? '', deviceId: device?.id ?? '', note: `not planned: ${missing.join(', ')} registered`, noteRef: householdNoteRef('not-registered', { missing: listParam(missing) }) });
      continue;
    }
    try {
      steerable.push({ siteId: site.id, unitId: unit.id, deviceId: device.id, definition: { ...householdFromRegistry(unit, building), id: site.id } });
    } catch (e) {
      excluded.push({ siteId: site.id, unitId: unit.id, deviceId: device.id, note: `not planned: ${(e as Error).message}`, noteRef: householdNoteRef('not-plannable', { detail: (e as Error).message }) });
    }
  }
  return { steerable, excluded };
}

/** The occupants' own daily schedule as the device's fallback (local time of Beijing, UTC+8). */
export function fallbackOf(h: HouseholdDefinition): FallbackSchedule {
  const o = h.occupants;
  return { utcOffsetMin: 480, hourlySetpointC: Array.from({ length: 24 }, (_, hour) => scheduledSetpointC(hour + 0.5, o.daySetpointC, o.nightSetpointC, o.nightFromH, o.nightToH)) };
}
