/** Heating fee contracts as data, their settlement per household and fleet, and the comfort guarantee meter: contracts.md. */
export {
  BUSINESS_MODELS, FEE_KINDS, ComfortGuaranteeSchema, FeeTermSchema, GuaranteeWindowSchema, HeatingFeeContractSchema, parseContract,
  type BusinessModel, type ComfortGuarantee, type ContractParseResult, type FeeKind, type FeeTerm, type GuaranteeWindow, type HeatingFeeContract, type HeatingFeeContractInput,
} from './schema.js';
export { CONTRACT_PRESETS, contractPreset } from './presets.js';
export { billedDaysWithin, guaranteeMask, inGuaranteedHours, inContractSeason, seasonDays } from './season-days.js';
export { createGuaranteeMeter, type GuaranteeMeter } from './guarantee-meter.js';
export { HouseholdSeasonSchema, settleContract, type HouseholdSeason, type Settlement } from './settle.js';
export { settleFleet, type FleetSettlement } from './fleet-settlement.js';
