/**
 * A programme-level target over all transformer groups: the county feeder's, 110 kV substation's or grid
 * operator's limit on the sum of every group's heat-pump load, per slot. Parsed once by zod where it enters
 * (CLI, API); the coordination (programme-coordinate.ts, programme-target.md) works on the parsed form.
 */
import { z } from 'zod';
import type { FleetPlan } from './types.js';

const wattsAt = (field: string) => z.number({ error: `${field}: a number of watts is required` })
  .refine((w) => Number.isFinite(w), { message: `${field}: must be a finite number of watts` })
  .refine((w) => w >= 0, { message: `${field}: must not be negative (W)` });

export const ProgrammeTargetSchema = z.object({
  id: z.string().min(1).default('programme'),
  /** Limit on the sum of all groups' heat-pump load (W): one value for every slot, or one per slot. */
  maxPowerW: z.union([wattsAt('programme target maxPowerW'), z.array(wattsAt('programme target maxPowerW[slot]')).min(1)], {
    error: 'programme target maxPowerW: must be a finite, not negative number of watts (one value, or one per slot)',
  }),
  /**
   * Heat-pump power already committed outside the coordination in each slot (W), e.g. the envelope model's
   * committed heat (envelope-model.md); it counts against the limit first.
   */
  committedW: z.array(wattsAt('programme target committedW[slot]')).optional(),
  /** Stop when the programme's certified gap falls below this fraction (default 0.005 = 0.5 %). */
  gapTolerance: z.number().positive().max(0.5).optional(),
  /** Upper limit on programme rounds (default 60): master rounds (one household solve each) with HiGHS, subgradient rounds (two fleet plans each) without. */
  maxRounds: z.number().int().min(1).max(200).optional(),
});
export type ProgrammeTargetInput = z.input<typeof ProgrammeTargetSchema>;

export interface ProgrammeTarget {
  readonly id: string;
  /** Limit per slot (W). */
  readonly maxPowerW: Float64Array;
  readonly committedW: Float64Array;
  readonly gapTolerance: number;
  readonly maxRounds: number;
}

export type ProgrammeTargetParse = { ok: true; target: ProgrammeTarget } | { ok: false; message: string };

/** Parses a target for a plan of `slots` slots; a wrong length, a negative or non-finite value names its field. */
export function parseProgrammeTarget(input: unknown, slots: number): ProgrammeTargetParse {
  const r = ProgrammeTargetSchema.safeParse(input);
  if (!r.success) {
    const named = (i: z.core.$ZodIssue) => (i.message.startsWith('programme target') ? i.message.replace('[slot]', `[${String(i.path[i.path.length - 1])}]`) : `programme target ${i.path.join('.')}: ${i.message}`);
    return { ok: false, message: r.error.issues.map(named).join('; ') };
  }
  const t = r.data;
  if (Array.isArray(t.maxPowerW) && t.maxPowerW.length !== slots) return { ok: false, message: `programme target maxPowerW: ${t.maxPowerW.length} values for a plan of ${slots} slots` };
  if (t.committedW && t.committedW.length !== slots) return { ok: false, message: `programme target committedW: ${t.committedW.length} values for a plan of ${slots} slots` };
  const maxPowerW = Array.isArray(t.maxPowerW) ? Float64Array.from(t.maxPowerW) : new Float64Array(slots).fill(t.maxPowerW);
  return {
    ok: true,
    target: { id: t.id, maxPowerW, committedW: t.committedW ? Float64Array.from(t.committedW) : new Float64Array(slots), gapTolerance: t.gapTolerance ?? 0.005, maxRounds: t.maxRounds ?? 60 },
  };
}

/**
 * The programme limit cannot be met: committed comfort heat alone exceeds it in `slots` (by `excessW`, W), or
 * households that are warm under their own transformers are left short by the programme limit (`householdIds`).
 */
export interface ProgrammeIssue {
  readonly code: 'programme-target-infeasible';
  readonly programmeId: string;
  readonly slots: readonly number[];
  readonly excessW: readonly number[];
  readonly householdIds: readonly string[];
  readonly message: string;
}

export interface ProgrammeReport {
  readonly id: string;
  readonly maxPowerW: Float64Array;
  readonly committedW: Float64Array;
  /** Planned heat-pump load of all groups per slot (W), committed power not included. */
  readonly plannedLoadW: Float64Array;
  /** Slots where planned + committed load is at the limit (within 0.1 %). */
  readonly bindingSlots: readonly number[];
  /** Programme price per slot (yuan/kWh) of the last round: the limit's shadow price. */
  readonly priceYuanPerKWh: Float64Array;
  /** Programme rounds (0: the limit did not bind, the ordinary fleet plan is returned). */
  readonly rounds: number;
  /** 'uncoupled': not binding; 'master': Dantzig–Wolfe over group plans (HiGHS); 'subgradient': without HiGHS. */
  readonly method: 'uncoupled' | 'master' | 'subgradient';
}

export interface ProgrammePlan extends FleetPlan {
  readonly programme: ProgrammeReport;
  readonly programmeIssues: readonly ProgrammeIssue[];
}
