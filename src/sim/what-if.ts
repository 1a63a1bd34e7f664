/**
 * What-if studies: the same household (same seed, same weather) with a changed envelope, emitter,
 * unit, setpoint or O&M setting, simulated side by side. Answers the source document's retrofit
 * questions (envelope, distribution/pumps, low-temperature emitters, O&M). See docs/sim/README.md.
 */
import { ENVELOPE_TEMPLATES } from './building-model.js';
import type { WeatherSeries } from './epw.js';
import { HouseholdSchema, parseOrThrow, type EnvelopeClass, type HouseholdDefinition, type SimEmitter, type UnitDefinition } from './household.js';
import { simulateSeason } from './season-run.js';
import type { UnitSummary } from './season-summary.js';

export interface WhatIfChange {
  readonly label: string;
  /** Envelope retrofit: U-values and air tightness of the new class, keeping the house's deviation from its old class (the geometry stays). */
  readonly envelope?: EnvelopeClass;
  /** Emitter swap with its design flow temperature (defaults: floor 38 °C, radiator 50 °C, fan-coil 45 °C). */
  readonly emitter?: SimEmitter;
  readonly designFlowTempC?: number;
  readonly unit?: Partial<UnitDefinition>;
  readonly daySetpointC?: number;
  readonly nightSetpointC?: number;
  readonly pumpW?: number;
  readonly pumpControl?: 'continuous' | 'with-compressor';
  readonly curve?: 'weather-compensated' | 'fixed';
}

export interface WhatIfResult { readonly label: string; readonly household: HouseholdDefinition; readonly summary: UnitSummary }

const DEFAULT_FLOW_C: Record<SimEmitter, number> = { floor: 38, radiator: 50, 'fan-coil': 45, air: 45 };

export function applyChange(h: HouseholdDefinition, c: WhatIfChange): HouseholdDefinition {
  // The house keeps its own deviation from its class: each U-value and the air change rate are scaled by the
  // ratio of the new class's template to the old one's (a retrofit to the class it already has changes nothing).
  let building = h.building;
  if (c.envelope) {
    const from = ENVELOPE_TEMPLATES[h.envelope];
    const to = ENVELOPE_TEMPLATES[c.envelope];
    const scaled = (k: keyof typeof from) => (h.building[k] * to[k]) / from[k];
    building = { ...h.building, wallU: scaled('wallU'), windowU: scaled('windowU'), roofU: scaled('roofU'), floorU: scaled('floorU'), ach: scaled('ach') };
  }
  const emitter = c.emitter ?? h.emitter;
  const next = {
    ...h,
    id: `${h.id}~${c.label}`.slice(0, 64),
    envelope: c.envelope ?? h.envelope,
    emitter,
    building,
    unit: { ...h.unit, ...c.unit },
    hydronics: {
      ...h.hydronics,
      designFlowTempC: c.designFlowTempC ?? (c.emitter ? DEFAULT_FLOW_C[emitter] : h.hydronics.designFlowTempC),
      pumpW: c.pumpW ?? h.hydronics.pumpW,
      pumpControl: c.pumpControl ?? h.hydronics.pumpControl,
      curve: c.curve ?? h.hydronics.curve,
    },
    occupants: { ...h.occupants, daySetpointC: c.daySetpointC ?? h.occupants.daySetpointC, nightSetpointC: c.nightSetpointC ?? h.occupants.nightSetpointC },
  };
  return parseOrThrow(HouseholdSchema, next, `what-if "${c.label}"`);
}

/** Simulates the baseline and every variant over the same period; results in the order given, baseline first. */
export function compareWhatIf(
  household: HouseholdDefinition,
  changes: readonly WhatIfChange[],
  weather: WeatherSeries,
  period: { fromMs: number; toMs: number; stepS?: number },
): WhatIfResult[] {
  const variants = [{ label: 'baseline', household }, ...changes.map((c) => ({ label: c.label, household: applyChange(household, c) }))];
  const fleet = { name: `what-if ${household.id}`, households: variants.map((v) => v.household) };
  const summary = simulateSeason(fleet, weather, { fromMs: period.fromMs, toMs: period.toMs, stepS: period.stepS ?? 300 });
  return variants.map((v, i) => ({ label: v.label, household: v.household, summary: summary.units[i] as UnitSummary }));
}
