/**
 * Wire schema of GET /api/v1/contracts: the heating fee contract presets (src/optimize/contracts/contracts.md) as
 * operators and regulators read them — fee terms, comfort guarantee and refund rule, provenance — each text with
 * its English field and a code + params ref into the `heatingContract` catalogue (docs/i18n.md).
 */
import { z } from 'zod';
import { TextRefSchema } from './texts/text-ref.js';

const FeeViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per-area-season'), yuanPerM2PerSeason: z.number(), textRef: TextRefSchema }),
  z.object({ kind: z.literal('per-heat'), yuanPerKWhHeat: z.number().describe('yuan per kWh of delivered heat (heat meter)'), textRef: TextRefSchema }),
  z.object({ kind: z.literal('fixed-season'), yuanPerHouseholdPerSeason: z.number(), textRef: TextRefSchema }),
]);

export const HeatingContractViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameRef: TextRefSchema,
  /** "unverified": at least one number is not traced to a source (see note). */
  status: z.enum(['verified', 'unverified']),
  note: z.string(),
  noteRef: TextRefSchema,
  sources: z.array(z.string()),
  businessModel: z.enum(['household-pays-electricity', 'heating-fee']),
  businessModelRef: TextRefSchema,
  electricityPaidBy: z.enum(['household', 'operator']),
  season: z.object({ from: z.string(), to: z.string(), days: z.number() }).describe('inclusive local dates (MM-DD); seasonal charges are pro-rated by days'),
  fees: z.array(FeeViewSchema),
  serviceFeeYuanPerHouseholdPerSeason: z.number(),
  serviceFeeRef: TextRefSchema.nullable(),
  comfortGuarantee: z.object({
    indoorTempC: z.number(),
    hours: z.array(z.object({ fromLocal: z.string(), toLocal: z.string() })).describe('Asia/Shanghai local windows, end exclusive'),
    refundYuanPerKh: z.number(),
    refundCapPct: z.number(),
  }).nullable(),
  guaranteeRef: TextRefSchema,
});
export type HeatingContractView = z.infer<typeof HeatingContractViewSchema>;
