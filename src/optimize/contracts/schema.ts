/**
 * Heating fee contracts as data (contracts.md): who pays the electricity (the business model), what the
 * household is charged per season (per m², per kWh of metered heat, per household, O&M service fee) and the
 * comfort the operator guarantees with its refund rule. Parsed once by zod; every problem names its field.
 */
import { z } from 'zod';
import { MINUTES_PER_DAY, windowMinutes } from '../tariff/schema.js';

/** (a) equipment sale + O&M: the household pays its own electricity; (b) the heating company owns the units, pays the electricity and charges a heating fee. */
export const BUSINESS_MODELS = ['household-pays-electricity', 'heating-fee'] as const;
export type BusinessModel = (typeof BUSINESS_MODELS)[number];

export const FEE_KINDS = ['per-area-season', 'per-heat', 'fixed-season'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

const yuan = (what: string) => z.number({ error: `${what} must be a number` }).finite().min(0, `${what} must not be negative`);
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a local time is HH:MM (00:00–24:00)');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a season date is MM-DD');

const PerAreaSeasonFee = z.object({ kind: z.literal('per-area-season'), yuanPerM2PerSeason: yuan('yuan per m² heated area per season') });
/** Metered heat (heat meter at the unit's outlet), in kWh of heat — 1 GJ = 277.78 kWh. */
const PerHeatFee = z.object({ kind: z.literal('per-heat'), yuanPerKWhHeat: yuan('yuan per kWh of delivered heat') });
const FixedSeasonFee = z.object({ kind: z.literal('fixed-season'), yuanPerHouseholdPerSeason: yuan('yuan per household per season') });

export const FeeTermSchema = z.discriminatedUnion('kind', [PerAreaSeasonFee, PerHeatFee, FixedSeasonFee], {
  error: (iss) => (iss.code === 'invalid_union' ? `unknown fee kind ${JSON.stringify((iss.input as { kind?: unknown } | undefined)?.kind)} (known: ${FEE_KINDS.join(', ')})` : undefined),
});
export type FeeTerm = z.infer<typeof FeeTermSchema>;

export const GuaranteeWindowSchema = z.object({ fromLocal: hhmm, toLocal: hhmm });
export type GuaranteeWindow = z.infer<typeof GuaranteeWindowSchema>;

export const ComfortGuaranteeSchema = z
  .object({
    /** Guaranteed indoor air temperature (°C) during `hours`. */
    indoorTempC: z.number().min(10, 'a guaranteed indoor temperature is 10–26 °C').max(26, 'a guaranteed indoor temperature is 10–26 °C'),
    /** Local (Asia/Shanghai) windows, end exclusive; end ≤ start wraps midnight; 00:00–24:00 is the whole day. */
    hours: z.array(GuaranteeWindowSchema).min(1, 'give at least one window of guaranteed hours'),
    /** Refund per kelvin-hour the room spends below `indoorTempC` within `hours`. */
    refundYuanPerKh: yuan('refund per K·h'),
    /** The refund is capped at this share of the household's charges for the period (%). */
    refundCapPct: z.number().min(0, 'a refund cap is 0–100 %').max(100, 'a refund cap is 0–100 %'),
  })
  .superRefine((g, ctx) => {
    const owner = new Int16Array(MINUTES_PER_DAY).fill(-1);
    g.hours.forEach((w, i) => {
      for (const [a, b] of windowMinutes(w)) {
        for (let m = a; m < b; m++) {
          const o = owner[m] as number;
          if (o >= 0 && o !== i) {
            ctx.addIssue({ code: 'custom', path: ['hours', i], message: `window ${w.fromLocal}–${w.toLocal} overlaps window ${o} (${g.hours[o]?.fromLocal}–${g.hours[o]?.toLocal})` });
            return;
          }
          owner[m] = i;
        }
      }
    });
  });
export type ComfortGuarantee = z.infer<typeof ComfortGuaranteeSchema>;

export const HeatingFeeContractSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** "verified": every number traced to a source; "unverified": at least one is not (see note). */
    status: z.enum(['verified', 'unverified']),
    note: z.string().default(''),
    sources: z.array(z.string().min(1)).min(1),
    businessModel: z.enum(BUSINESS_MODELS),
    /** The heating season the seasonal charges pay for (inclusive local dates, may wrap the new year). */
    season: z.object({ from: monthDay, to: monthDay }),
    fees: z.array(FeeTermSchema).default([]),
    /** Model (a): operation and maintenance service fee (yuan per household per season). */
    serviceFeeYuanPerHouseholdPerSeason: yuan('service fee').default(0),
    /** Absent: the contract guarantees no temperature and refunds nothing. */
    comfortGuarantee: ComfortGuaranteeSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.businessModel === 'heating-fee' && c.fees.length === 0) ctx.addIssue({ code: 'custom', path: ['fees'], message: 'a heating-fee contract needs at least one fee term' });
    if (c.businessModel === 'household-pays-electricity' && c.fees.length === 0 && c.serviceFeeYuanPerHouseholdPerSeason === 0) {
      ctx.addIssue({ code: 'custom', path: ['serviceFeeYuanPerHouseholdPerSeason'], message: 'an equipment-sale + O&M contract charges a service fee or a fee term' });
    }
    if (c.status === 'unverified' && c.note.trim() === '') ctx.addIssue({ code: 'custom', path: ['note'], message: 'an unverified contract says in its note which numbers are not sourced' });
    const kinds = c.fees.map((f) => f.kind);
    kinds.forEach((k, i) => { if (kinds.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['fees', i, 'kind'], message: `fee kind "${k}" appears twice` }); });
  });
export type HeatingFeeContract = z.infer<typeof HeatingFeeContractSchema>;
export type HeatingFeeContractInput = z.input<typeof HeatingFeeContractSchema>;

export type ContractParseResult = { ok: true; contract: HeatingFeeContract } | { ok: false; code: 'invalid-contract'; issues: string[] };

/** Parses a contract; failures are a value listing each problem with its field path. */
export function parseContract(input: unknown): ContractParseResult {
  const r = HeatingFeeContractSchema.safeParse(input);
  if (r.success) return { ok: true, contract: r.data };
  return { ok: false, code: 'invalid-contract', issues: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
