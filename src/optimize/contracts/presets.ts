/**
 * Heating fee contract presets: one example per business model (and a metered variant). No stored source gives
 * the fee of a rural heat-pump heating contract, so every fee here is an **unverified example** whose note says how
 * the number was chosen. The 18 °C guarantee follows the Beijing residential heating rule (bedrooms and living
 * rooms ≥ 18 °C) as reprinted by secondary pages; the refund rate is chosen to be of the order of the Beijing model
 * contract's banded refund (contracts.md, "Presets").
 */
import { HeatingFeeContractSchema, type HeatingFeeContract, type HeatingFeeContractInput } from './schema.js';

const BEIJING_18C_SOURCES = [
  '18 °C in bedrooms and living rooms during the heating period; refund 10 % / 50 % / 100 % of the daily fee when ≤2 K / 2–6 K / >6 K short (Beijing rule as reprinted at https://dfnxb.com/meirong/xinli/6v26op.html; secondary, not the primary notice)',
  '《北京市居民供热采暖合同(按面积计费版)》 refund = daily fee × area short × days short × refund share, as reprinted at http://www.zsktwj.com/ms/633368.html (secondary)',
  'GB 50736-2012: residential indoor design temperature 18 °C (via ../shared/DOMAIN.md)',
];
const BEIJING_GUARANTEE = { indoorTempC: 18, hours: [{ fromLocal: '00:00', toLocal: '24:00' }] } as const;
/** Beijing statutory heating period 15 Nov – 15 Mar (the usual municipal period; not in FACTS.md, hence unverified). */
const SEASON = { from: '11-15', to: '03-15' } as const;

const PER_AREA: HeatingFeeContractInput = {
  id: 'example-heating-fee-per-area',
  name: 'Example: heating company owns the units, per-m² heating fee, 18 °C guaranteed',
  status: 'unverified',
  note:
    'UNVERIFIED EXAMPLE. 25 yuan/m² per season is an illustrative round number, not a sourced price. The 18 °C all-day guarantee follows the ' +
    'Beijing residential rule (secondary sources). 0.1 yuan per K·h is chosen to match the Beijing model contract\'s banded refund for a 100 m² home ' +
    'at this fee (1 K short for a day = 24 K·h ≈ 10 % of the 20.7 yuan daily fee, i.e. ≈ 0.09 yuan/K·h); cap 100 % of the period\'s fee as there. Season 15 Nov – 15 Mar (Beijing, not in FACTS.md).',
  sources: BEIJING_18C_SOURCES,
  businessModel: 'heating-fee',
  season: SEASON,
  fees: [{ kind: 'per-area-season', yuanPerM2PerSeason: 25 }],
  comfortGuarantee: { ...BEIJING_GUARANTEE, hours: [...BEIJING_GUARANTEE.hours], refundYuanPerKh: 0.1, refundCapPct: 100 },
};

const METERED: HeatingFeeContractInput = {
  id: 'example-heating-fee-metered',
  name: 'Example: heating company owns the units, two-part fee (per m² + metered heat), 18 °C guaranteed',
  status: 'unverified',
  note:
    'UNVERIFIED EXAMPLE. 0.12 yuan per kWh of heat is chosen to cover the unsubsidised valley electricity price 0.30 yuan/kWh (FACTS.md §1) at a ' +
    'seasonal COP of 2.5; the 8 yuan/m² fixed part is an illustrative round number for capital. Guarantee and refund as in example-heating-fee-per-area, cap 50 %.',
  sources: ['../shared/data/FACTS.md §1 (valley price 0.30 yuan/kWh)', ...BEIJING_18C_SOURCES],
  businessModel: 'heating-fee',
  season: SEASON,
  fees: [{ kind: 'per-area-season', yuanPerM2PerSeason: 8 }, { kind: 'per-heat', yuanPerKWhHeat: 0.12 }],
  comfortGuarantee: { ...BEIJING_GUARANTEE, hours: [...BEIJING_GUARANTEE.hours], refundYuanPerKh: 0.1, refundCapPct: 50 },
};

const EQUIPMENT_SALE: HeatingFeeContractInput = {
  id: 'example-equipment-sale-om',
  name: 'Example: equipment sale + O&M service, household pays its own electricity',
  status: 'unverified',
  note:
    'UNVERIFIED EXAMPLE. 300 yuan per household per season for operation and maintenance is an illustrative round number, not a sourced price. ' +
    'The business model (the company supplies and installs, the household pays its electricity) is the one named in the seed talk; it guarantees no temperature.',
  sources: ['../shared/seed/clean-heating-heat-pumps-jjj.txt ("由企业提供设备…由农户自行缴纳电费"; "设备销售+供暖运维")'],
  businessModel: 'household-pays-electricity',
  season: SEASON,
  fees: [],
  serviceFeeYuanPerHouseholdPerSeason: 300,
};

export const CONTRACT_PRESETS: Readonly<Record<string, HeatingFeeContract>> = Object.fromEntries(
  [PER_AREA, METERED, EQUIPMENT_SALE].map((c) => [c.id, HeatingFeeContractSchema.parse(c)]),
);

/** A preset by id; an unknown id is a value naming the known ones. */
export function contractPreset(id: string): { ok: true; contract: HeatingFeeContract } | { ok: false; code: 'unknown-contract'; message: string } {
  const c = CONTRACT_PRESETS[id];
  if (!c) return { ok: false, code: 'unknown-contract', message: `unknown contract "${id}" (known: ${Object.keys(CONTRACT_PRESETS).join(', ')})` };
  return { ok: true, contract: c };
}
