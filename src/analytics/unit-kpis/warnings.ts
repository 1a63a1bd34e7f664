/**
 * Warnings of a unit's KPIs: each one a stable code with its numbers (for the zh-CN/en catalogue in
 * src/contract/texts/unit-texts.ts) and its English wording, made in one place so the two never drift apart.
 */
export type UnitWarningCode =
  | 'other-units-ignored' | 'conflicting-duplicates' | 'kw-sent-as-w' | 'kw-sent-as-w-day-aggregates' | 'backup-not-reported'
  | 'exceeds-carnot' | 'register-disagrees' | 'register-went-backwards' | 'heat-meter-fault' | 'no-readings';

export interface UnitWarning {
  readonly code: UnitWarningCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** The English wording (UnitKpis.warnings). */
  readonly text: string;
}

const w = (code: UnitWarningCode, params: Record<string, string | number>, text: string): UnitWarning => ({ code, params, text });

export const UNIT_WARNINGS = {
  otherUnitsIgnored: (count: number) => w('other-units-ignored', { count }, `${count} readings of other units ignored`),
  conflictingDuplicates: (count: number) => w('conflicting-duplicates', { count }, `${count} duplicate readings carried a different value; the first was kept`),
  kwSentAsW: (channel: string, medianPositiveW: number) =>
    w('kw-sent-as-w', { channel, medianW: medianPositiveW }, `${channel}: median positive value ${medianPositiveW.toPrecision(3)} looks like kW sent as W; channel left out`),
  /** From day aggregates: the median itself is not kept, only that most positive values are below the limit. */
  kwSentAsWDayAggregates: (channel: string, limitW: number) =>
    w('kw-sent-as-w-day-aggregates', { channel, limitW }, `${channel}: most positive values are below ${limitW} W, which looks like kW sent as W; channel left out`),
  backupNotReported: () => w('backup-not-reported', {}, 'backupPowerW not reported: metered heat taken as heat-pump heat for H1 and H2'),
  exceedsCarnot: (carnotPct: number) => w('exceeds-carnot', { carnotPct }, `COP above the Carnot limit (${carnotPct.toFixed(0)} % of Carnot): heat or electricity is mis-scaled or mis-wired`),
  register: (register: string, power: string, status: 'disagree' | 'register-went-backwards') =>
    w(status === 'disagree' ? 'register-disagrees' : 'register-went-backwards', { register, power }, `${register} vs ${power}: ${status}`),
  heatMeterFault: (durationH: number) => w('heat-meter-fault', { hours: durationH }, `heat meter read 0 while running with a temperature rise for ${durationH.toFixed(2)} h: SPF understated`),
  noReadings: () => w('no-readings', {}, 'no readings of this unit in the period'),
} as const;

/** Collects warnings in the order found: `texts` for UnitKpis.warnings, `refs` for UnitKpis.warningRefs. */
export function warningList(): { add: (x: UnitWarning) => void; texts: string[]; refs: { code: UnitWarningCode; params: Readonly<Record<string, string | number>> }[] } {
  const texts: string[] = [];
  const refs: { code: UnitWarningCode; params: Readonly<Record<string, string | number>> }[] = [];
  return { add: (x) => { texts.push(x.text); refs.push({ code: x.code, params: x.params }); }, texts, refs };
}
