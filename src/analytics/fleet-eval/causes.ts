/**
 * Likely causes of a shortfall against the twin (causes.md), each with its evidence (measured figure,
 * expected figure, threshold) and, where a physical relation allows, an estimate of its SPF effect.
 * Thresholds are configuration (zod); defaults and their rationale are in causes.md.
 */
import { z } from 'zod';
import { idealCarnotCop, type UnitKpis } from '../unit-kpis/index.js';
import type { ExpectedFigures } from './expected-performance.js';

export const CauseThresholdsSchema = z.object({
  cycling: z.object({
    maxStartsPerRunningHour: z.number().positive().default(2),
    /** …and at least this multiple of the twin's starts per running hour. */
    minRatioToExpected: z.number().min(1).default(1.5),
    maxShortCycleSharePct: z.number().min(0).max(100).default(30),
    minLoadRatio: z.number().min(0).max(1).default(0.3),
  }).prefault({}),
  flowTemperature: z.object({ minExcessK: z.number().positive().default(5) }).prefault({}),
  defrost: z.object({ maxSharePct: z.number().min(0).default(5), minExcessPctPoints: z.number().min(0).default(2) }).prefault({}),
  pump: z.object({ maxSharePct: z.number().min(0).default(8), minRatioToExpected: z.number().min(1).default(1.5) }).prefault({}),
  backup: z.object({ maxSharePct: z.number().min(0).default(5), minExcessPctPoints: z.number().min(0).default(3) }).prefault({}),
  comfort: z.object({ minExcessHoursPct: z.number().min(0).max(100).default(10) }).prefault({}),
}).strict();
export type CauseThresholds = z.infer<typeof CauseThresholdsSchema>;

export const CAUSE_CODES = ['cycling', 'oversizing', 'high-flow-temperature', 'defrost', 'circulation-pump', 'backup-heater', 'comfort-shortfall'] as const;
export type CauseCode = (typeof CAUSE_CODES)[number];

/** Which figure a piece of evidence is (a stable code; `figure` words it in English), with the numbers its name carries. */
export type EvidenceFigureCode = 'starts' | 'short-cycles' | 'load-ratio' | 'flow' | 'defrost' | 'pump' | 'backup' | 'comfort';
export interface Evidence {
  readonly figure: string;
  readonly figureCode: EvidenceFigureCode;
  readonly figureParams: Readonly<Record<string, string | number>>;
  readonly unit: string; readonly actual: number; readonly expected: number | null; readonly threshold: number | null;
}
/** A cause's text as a code of the cause-text catalogue (src/contract/texts/cause-texts.ts) and its numbers. */
export type CauseTextCode = CauseCode | 'high-flow-temperature-loss';
export interface Cause {
  readonly code: CauseCode;
  readonly text: string;
  readonly textCode: CauseTextCode;
  readonly textParams: Readonly<Record<string, number | null>>;
  readonly evidence: readonly Evidence[];
  /** Estimated SPF points lost at `boundary` to this cause (positive = loss); null where no physical estimate exists. */
  readonly estimatedSpfLoss: number | null;
  readonly boundary: 'h2' | 'h3' | 'h4' | null;
}

const r1 = (v: number) => v.toFixed(1);

export function diagnoseCauses(k: UnitKpis, exp: ExpectedFigures, t: CauseThresholds): Cause[] {
  const out: Cause[] = [];
  const spf2 = k.spf.h2;
  const spf4 = k.spf.h4;
  // Cycling: starts per running hour high in absolute terms and against the twin, or many short cycles.
  const sph = k.cycling.startsPerRunningHour;
  const shortShare = k.cycling.completeCycles > 0 ? (100 * k.cycling.shortCycles) / k.cycling.completeCycles : null;
  const expSph = exp.startsPerRunningHour;
  const manyStarts = sph !== null && sph > t.cycling.maxStartsPerRunningHour && (expSph === null || sph >= t.cycling.minRatioToExpected * expSph);
  const manyShort = shortShare !== null && shortShare > t.cycling.maxShortCycleSharePct;
  if (manyStarts || manyShort) {
    const ev: Evidence[] = [];
    if (sph !== null) ev.push({ figure: 'compressor starts per running hour', figureCode: 'starts', figureParams: {}, unit: '1/h', actual: sph, expected: expSph, threshold: t.cycling.maxStartsPerRunningHour });
    if (shortShare !== null) ev.push({ figure: `share of cycles shorter than ${k.cycling.shortCycleMaxOnS / 60} min`, figureCode: 'short-cycles', figureParams: { minutes: k.cycling.shortCycleMaxOnS / 60 }, unit: '%', actual: shortShare, expected: null, threshold: t.cycling.maxShortCycleSharePct });
    out.push({ code: 'cycling', text: `short cycling: ${sph === null ? '—' : r1(sph)} starts per running hour (twin ${expSph === null ? '—' : r1(expSph)})`, textCode: 'cycling', textParams: { startsPerH: sph, expectedStartsPerH: expSph }, evidence: ev, estimatedSpfLoss: null, boundary: null });
  }
  const lr = k.loadRatio.value;
  if (lr !== null && lr < t.cycling.minLoadRatio) {
    out.push({
      code: 'oversizing', text: `oversized for the load: load ratio ${lr.toFixed(2)} (twin ${exp.loadRatio === null ? '—' : exp.loadRatio.toFixed(2)})`,
      textCode: 'oversizing', textParams: { loadRatio: lr, expectedLoadRatio: exp.loadRatio },
      evidence: [{ figure: 'load ratio (heat while running / nominal capacity)', figureCode: 'load-ratio', figureParams: {}, unit: '-', actual: lr, expected: exp.loadRatio, threshold: t.cycling.minLoadRatio }], estimatedSpfLoss: null, boundary: null,
    });
  }
  // High flow temperature: the SPF at the twin's flow temperature, at the measured % of Carnot (Carnot COP ratio).
  const flow = k.temperatures.heatWeightedFlowC;
  const expFlow = exp.heatWeightedFlowC;
  if (flow !== null && expFlow !== null && flow - expFlow > t.flowTemperature.minExcessK) {
    const src = k.weather.meanOutdoorC;
    const copA = src === null ? null : idealCarnotCop(flow, src);
    const copE = src === null ? null : idealCarnotCop(expFlow, src);
    const loss = spf2 !== null && copA !== null && copE !== null ? spf2 * (copE / copA - 1) : null;
    out.push({
      code: 'high-flow-temperature', text: `flow temperature ${r1(flow)} °C vs ${r1(expFlow)} °C expected (heat-weighted)${loss === null ? '' : `: about ${loss.toFixed(2)} SPF H2 lost`}`,
      textCode: loss === null ? 'high-flow-temperature' : 'high-flow-temperature-loss', textParams: { flowC: flow, expectedFlowC: expFlow, spfLoss: loss },
      evidence: [{ figure: 'heat-weighted flow temperature', figureCode: 'flow', figureParams: {}, unit: '°C', actual: flow, expected: expFlow, threshold: expFlow + t.flowTemperature.minExcessK }], estimatedSpfLoss: loss, boundary: 'h2',
    });
  }
  const ds = k.defrost.shareOfHeatPct;
  if (ds !== null && ds > t.defrost.maxSharePct && ds - (exp.defrostSharePct ?? 0) > t.defrost.minExcessPctPoints) {
    const excess = ds - (exp.defrostSharePct ?? 0);
    out.push({
      code: 'defrost', text: `defrost draws ${r1(ds)} % of heat back (twin ${r1(exp.defrostSharePct ?? 0)} %)`,
      textCode: 'defrost', textParams: { sharePct: ds, expectedSharePct: exp.defrostSharePct ?? 0 },
      evidence: [{ figure: 'defrost energy / heat', figureCode: 'defrost', figureParams: {}, unit: '%', actual: ds, expected: exp.defrostSharePct, threshold: t.defrost.maxSharePct }],
      estimatedSpfLoss: spf2 === null ? null : (spf2 * excess) / 100, boundary: 'h2',
    });
  }
  const el = k.energy.electricityKWh;
  const h4 = k.energy.boundaries.h4.electricityKWh;
  if (el.pump.kWh !== null && h4 > 0) {
    const share = (100 * el.pump.kWh) / h4;
    const expShare = exp.pumpSharePct;
    if (share > t.pump.maxSharePct && (expShare === null || share >= t.pump.minRatioToExpected * expShare)) {
      const excessKWh = ((share - (expShare ?? 0)) / 100) * h4;
      out.push({
        code: 'circulation-pump', text: `circulation pump uses ${r1(share)} % of electricity (twin ${expShare === null ? '—' : r1(expShare)} %)`,
        textCode: 'circulation-pump', textParams: { sharePct: share, expectedSharePct: expShare },
        evidence: [{ figure: 'pump electricity / H4 electricity', figureCode: 'pump', figureParams: {}, unit: '%', actual: share, expected: expShare, threshold: t.pump.maxSharePct }],
        estimatedSpfLoss: spf4 === null ? null : spf4 * (h4 / (h4 - excessKWh) - 1), boundary: 'h4',
      });
    }
  }
  // Backup share of all electricity: H4 where the pump is metered, else H3 (unit + backup).
  const totB = k.energy.boundaries.h4.spf !== null ? 'h4' : 'h3';
  const tot = k.energy.boundaries[totB].electricityKWh;
  if (el.backup.kWh !== null && tot > 0) {
    const share = (100 * el.backup.kWh) / tot;
    const expShare = exp.backupSharePct ?? 0;
    if (share > t.backup.maxSharePct && share - expShare > t.backup.minExcessPctPoints) {
      // Had the heat pump delivered the excess backup heat at its own SPF H2, H4 electricity would be lower by excess·(1 − 1/SPF H2).
      const excessKWh = ((share - expShare) / 100) * tot;
      const saved = spf2 !== null && spf2 > 0 ? excessKWh * (1 - 1 / spf2) : null;
      const spfTot = k.spf[totB];
      out.push({
        code: 'backup-heater', text: `backup heater uses ${r1(share)} % of electricity (twin ${r1(expShare)} %)`,
        textCode: 'backup-heater', textParams: { sharePct: share, expectedSharePct: expShare },
        evidence: [{ figure: `backup electricity / ${totB.toUpperCase()} electricity`, figureCode: 'backup', figureParams: { boundary: totB.toUpperCase() }, unit: '%', actual: share, expected: exp.backupSharePct, threshold: t.backup.maxSharePct }],
        estimatedSpfLoss: spfTot === null || saved === null ? null : spfTot * (tot / (tot - saved) - 1), boundary: totB,
      });
    }
  }
  if (k.comfort.reason === null && k.comfort.coveredH > 0) {
    const below = (100 * k.comfort.hoursBelow) / k.comfort.coveredH;
    const expBelow = (100 * exp.hoursBelowTarget) / (k.period.hours || 1);
    if (below - expBelow > t.comfort.minExcessHoursPct) {
      out.push({
        code: 'comfort-shortfall', text: `below ${k.comfort.targetIndoorC} °C for ${r1(below)} % of hours (twin ${r1(expBelow)} %)`,
        textCode: 'comfort-shortfall', textParams: { targetC: k.comfort.targetIndoorC, belowPct: below, expectedBelowPct: expBelow },
        evidence: [{ figure: `hours below ${k.comfort.targetIndoorC} °C / covered hours`, figureCode: 'comfort', figureParams: { targetC: k.comfort.targetIndoorC }, unit: '%', actual: below, expected: expBelow, threshold: expBelow + t.comfort.minExcessHoursPct }], estimatedSpfLoss: null, boundary: null,
      });
    }
  }
  return out.sort((a, b) => (b.estimatedSpfLoss ?? -1) - (a.estimatedSpfLoss ?? -1));
}
