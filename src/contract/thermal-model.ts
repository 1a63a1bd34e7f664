/** Wire contract of `GET /api/v1/units/{id}/thermal-model`: the household model fitted to the unit's telemetry. */
import { z } from 'zod';
import { PlannerModelChoiceSchema } from './commands-api.js';

export const THERMAL_MODEL_MAX_DAYS = 150;

export const ThermalModelQuerySchema = z
  .object({
    from: z.coerce.number().int().min(0).describe('start of the fitting period (ms since epoch)'),
    to: z.coerce.number().int().min(0).describe('end of the fitting period (ms since epoch, exclusive)'),
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
  .refine((q) => q.to - q.from <= THERMAL_MODEL_MAX_DAYS * 86_400_000, { message: `the period may span at most ${THERMAL_MODEL_MAX_DAYS} days`, path: ['to'] });

const n = z.number().nullable();

export const ThermalModelSchema = z.object({
  unitId: z.string(),
  from: z.number(),
  to: z.number(),
  stepS: z.number().describe('slot of the fitted data (15-minute rollups)'),
  model: z.object({
    status: z.enum(['identified', 'prior-only', 'insufficient-data', 'not-identifiable']),
    heatLossWK: n, capacityJK: n, timeConstantH: n, gainsW: n,
    fit: z.object({ pairs: z.number(), days: z.number(), oneStepRmseK: n, simulatedRmseK: n, r2: n, heatLossSeWK: n, priorSharePct: n }),
    reasons: z.array(z.string()),
  }),
  prior: z.object({ heatLossWK: z.number(), capacityJK: z.number(), timeConstantH: z.number(), gainsW: z.number(), source: z.string() }).nullable(),
  cop: z.object({ status: z.enum(['measured', 'insufficient-data', 'no-map']), factor: n, runningSlots: z.number(), heatKWh: z.number(), reason: z.string().nullable() }),
  /**
   * What the dispatch planner uses for this household today (`model` above is the one-slot-ahead fit over the
   * requested period; this is the planner's output-error fit over the 14 days before today's local midnight, and its
   * choice: src/optimize/planner-model/model-choice.md). Null when the platform plans on registered buildings only.
   */
  planner: z.object({ day: z.string().describe('local day (Asia/Shanghai) whose plans use this model'), choice: PlannerModelChoiceSchema }).nullable(),
});
export type ThermalModel = z.infer<typeof ThermalModelSchema>;
