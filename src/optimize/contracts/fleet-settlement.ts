/**
 * A fleet's settlement under one contract: the per-household settlements summed (yuan, period, whole fleet) and
 * the household's mean total cost (contracts.md, "Settlement").
 */
import type { HeatingFeeContract } from './schema.js';
import { settleContract, type HouseholdSeason, type Settlement } from './settle.js';

export interface FleetSettlement {
  readonly contractId: string;
  readonly households: number;
  readonly periodLabel: string;
  /** Σ charges before refunds (yuan, period, whole fleet). */
  readonly feeRevenueYuan: number;
  /** Σ comfort refunds after their caps (yuan, period, whole fleet). */
  readonly comfortRefundYuan: number;
  /** Households whose refund hit its cap. */
  readonly refundsCapped: number;
  /** Σ electricity cost the operator pays (yuan, period, whole fleet): 0 when households pay their own. */
  readonly operatorElectricityYuan: number;
  /** Σ operator margin (yuan, period, whole fleet). */
  readonly operatorMarginYuan: number;
  /** Mean over households of their total cost (yuan per household, period). */
  readonly householdMeanCostYuan: number;
  readonly settlements: readonly Settlement[];
}

export function settleFleet(contract: HeatingFeeContract, households: readonly HouseholdSeason[]): FleetSettlement {
  if (households.length === 0) throw new Error('fleet settlement: no households');
  const settlements = households.map((h) => settleContract(contract, h));
  const total = (f: (s: Settlement) => number) => settlements.reduce((a, s) => a + f(s), 0);
  return {
    contractId: contract.id, households: settlements.length, periodLabel: settlements[0]?.period.label ?? '',
    feeRevenueYuan: total((s) => s.feeRevenueYuan),
    comfortRefundYuan: total((s) => s.comfortRefundYuan),
    refundsCapped: settlements.filter((s) => s.refundUncappedYuan > s.refundCapYuan).length,
    operatorElectricityYuan: total((s) => (s.electricityPaidBy === 'operator' ? s.electricityCostYuan : 0)),
    operatorMarginYuan: total((s) => s.operatorMarginYuan),
    householdMeanCostYuan: total((s) => s.householdTotalCostYuan) / settlements.length,
    settlements,
  };
}
