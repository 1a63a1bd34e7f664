/**
 * Settlement of one household under a heating fee contract for a billed period (contracts.md, "Settlement"):
 * the charges (heating fee terms pro-rated by days, metered heat, O&M service fee), the comfort refund (capped),
 * who pays the electricity, the operator's margin and the household's total cost — all in yuan for the period.
 */
import { z } from 'zod';
import type { BusinessModel, HeatingFeeContract } from './schema.js';
import { seasonDays } from './season-days.js';

const nonNegative = (what: string) => z.number({ error: `${what} must be a number` }).finite().min(0, `${what} must not be negative`);

/** What the twin (or the meters) measured for one household over the billed period. */
export const HouseholdSeasonSchema = z.object({
  householdId: z.string().min(1),
  /** The billed period as the reader sees it, e.g. "2018-12-01..2018-12-03 (local days)". */
  periodLabel: z.string().min(1),
  /** Days of the period inside the contract's heating season (billedDaysWithin). */
  billedDays: nonNegative('billed days'),
  heatedAreaM2: nonNegative('heated area (m²)'),
  /** Heat delivered to the building by heat pump and backup heater (kWh, heat meter). */
  deliveredHeatKWh: nonNegative('delivered heat (kWh)'),
  electricityKWh: nonNegative('electricity (kWh)'),
  /** Electricity cost at the tariff, the valley subsidy and its cap already applied (yuan). */
  electricityCostYuan: nonNegative('electricity cost (yuan)'),
  /** K·h below the contract's guaranteed temperature within its guaranteed hours (0 without a guarantee). */
  belowGuaranteeKh: nonNegative('K·h below the guarantee'),
});
export type HouseholdSeason = z.infer<typeof HouseholdSeasonSchema>;

export interface Settlement {
  readonly householdId: string;
  readonly contractId: string;
  readonly businessModel: BusinessModel;
  readonly period: { readonly label: string; readonly billedDays: number; readonly seasonDays: number; /** billedDays / seasonDays */ readonly seasonShare: number };
  /** Σ fee terms for the period (yuan): per m² and per household pro-rated by days, metered heat in full. */
  readonly heatingFeeYuan: number;
  /** O&M service fee for the period, pro-rated by days (yuan). */
  readonly serviceFeeYuan: number;
  /** heatingFeeYuan + serviceFeeYuan (yuan, period): what the operator invoices before refunds. */
  readonly feeRevenueYuan: number;
  /** refundYuanPerKh × belowGuaranteeKh before the cap (yuan, period). */
  readonly refundUncappedYuan: number;
  /** refundCapPct × feeRevenueYuan (yuan, period); 0 without a guarantee. */
  readonly refundCapYuan: number;
  /** min(uncapped, cap) (yuan, period). */
  readonly comfortRefundYuan: number;
  readonly electricityKWh: number;
  readonly electricityCostYuan: number;
  readonly electricityPaidBy: 'household' | 'operator';
  /** feeRevenue − comfortRefund − electricity the operator pays (yuan, period); capital and O&M labour costs are not in it. */
  readonly operatorMarginYuan: number;
  /** feeRevenue − comfortRefund + electricity the household pays (yuan, period). */
  readonly householdTotalCostYuan: number;
}

/** Settles one household; the contract is already parsed, a malformed household season is a bug of the caller and throws naming the field. */
export function settleContract(contract: HeatingFeeContract, input: HouseholdSeason): Settlement {
  const parsed = HouseholdSeasonSchema.safeParse(input);
  if (!parsed.success) throw new Error(`household season: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const h = parsed.data;
  const days = seasonDays(contract.season);
  if (h.billedDays > days) throw new Error(`household season ${h.householdId}: billedDays ${h.billedDays} exceeds the contract's season of ${days} days`);
  const share = h.billedDays / days;
  let heatingFeeYuan = 0;
  for (const f of contract.fees) {
    switch (f.kind) {
      case 'per-area-season': heatingFeeYuan += f.yuanPerM2PerSeason * h.heatedAreaM2 * share; break;
      case 'per-heat': heatingFeeYuan += f.yuanPerKWhHeat * h.deliveredHeatKWh; break;
      case 'fixed-season': heatingFeeYuan += f.yuanPerHouseholdPerSeason * share; break;
    }
  }
  const serviceFeeYuan = contract.serviceFeeYuanPerHouseholdPerSeason * share;
  const feeRevenueYuan = heatingFeeYuan + serviceFeeYuan;
  const g = contract.comfortGuarantee;
  const refundUncappedYuan = g ? g.refundYuanPerKh * h.belowGuaranteeKh : 0;
  const refundCapYuan = g ? (g.refundCapPct / 100) * feeRevenueYuan : 0;
  const comfortRefundYuan = Math.min(refundUncappedYuan, refundCapYuan);
  const operatorPays = contract.businessModel === 'heating-fee';
  return {
    householdId: h.householdId, contractId: contract.id, businessModel: contract.businessModel,
    period: { label: h.periodLabel, billedDays: h.billedDays, seasonDays: days, seasonShare: share },
    heatingFeeYuan, serviceFeeYuan, feeRevenueYuan, refundUncappedYuan, refundCapYuan, comfortRefundYuan,
    electricityKWh: h.electricityKWh, electricityCostYuan: h.electricityCostYuan, electricityPaidBy: operatorPays ? 'operator' : 'household',
    operatorMarginYuan: feeRevenueYuan - comfortRefundYuan - (operatorPays ? h.electricityCostYuan : 0),
    householdTotalCostYuan: feeRevenueYuan - comfortRefundYuan + (operatorPays ? 0 : h.electricityCostYuan),
  };
}
