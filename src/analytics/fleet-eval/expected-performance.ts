/**
 * What the twin says a household should achieve over a period (expected-vs-actual.md): a warm-up, then the
 * period at `stepS`, with the accumulators' increments over the period and, per step, the heat-weighted
 * flow temperature, % of Carnot (same definition as the measured KPI) and hours below the comfort target.
 */
import { createFleetSimulation, SPF_BOUNDARIES, type HouseholdDefinition, type WeatherSeries } from '../../sim/index.js';
import { idealCarnotCop, type Boundary } from '../unit-kpis/index.js';

const J_PER_KWH = 3.6e6;

export interface ExpectedFigures {
  readonly spf: Readonly<Record<Boundary, number | null>>;
  readonly boundaries: typeof SPF_BOUNDARIES;
  readonly heatKWh: number; readonly heatPumpHeatKWh: number; readonly backupHeatKWh: number; readonly defrostKWh: number;
  readonly electricityKWh: { readonly compressor: number; readonly fan: number; readonly standby: number; readonly backup: number; readonly pump: number; readonly h2: number; readonly h4: number };
  readonly startsPerRunningHour: number | null;
  readonly runningH: number;
  readonly loadRatio: number | null;
  readonly heatWeightedFlowC: number | null;
  readonly carnotPct: number | null;
  readonly hoursBelowTarget: number;
  readonly targetIndoorC: number;
  readonly defrostSharePct: number | null;
  readonly pumpSharePct: number | null;
  readonly backupSharePct: number | null;
}

export interface ExpectedRunOptions { readonly stepS: number; readonly warmupH: number; readonly targetIndoorC: number }

const ACC = ['heatHpJ', 'heatBackupJ', 'eCompJ', 'eFanJ', 'eStandbyJ', 'eBackupJ', 'ePumpJ', 'defrostJ', 'starts', 'runS', 'capRunJ', 'heatRunJ'] as const;

export function runExpected(household: HouseholdDefinition, weather: WeatherSeries, period: { fromMs: number; toMs: number }, o: ExpectedRunOptions): ExpectedFigures {
  const sim = createFleetSimulation({ name: `expected ${household.id}`, households: [household] }, weather, { startMs: period.fromMs - o.warmupH * 3_600_000, stepS: o.stepS });
  sim.advance(Math.round((o.warmupH * 3600) / o.stepS));
  const a = sim.state.a;
  const snap = () => Object.fromEntries(ACC.map((k) => [k, a[k][0] as number])) as Record<(typeof ACC)[number], number>;
  const start = snap();
  const steps = Math.ceil((period.toMs - period.fromMs) / (o.stepS * 1000));
  let prevHeat = start.heatHpJ; let prevElec = start.eCompJ + start.eFanJ + start.eStandbyJ;
  let wFlow = 0; let wHeat = 0; let carnotHeat = 0; let carnotIdeal = 0; let belowS = 0;
  for (let k = 0; k < steps; k++) {
    sim.step();
    const c = sim.channels(0);
    const heat = a.heatHpJ[0] as number; const elec = (a.eCompJ[0] as number) + (a.eFanJ[0] as number) + (a.eStandbyJ[0] as number);
    const dq = heat - prevHeat; const de = elec - prevElec;
    prevHeat = heat; prevElec = elec;
    const flow = c.supplyTempC as number; const src = (c.sourceInTempC ?? c.outdoorTempC) as number;
    if (dq > 0) {
      wFlow += flow * dq; wHeat += dq;
      const cop = idealCarnotCop(flow, src);
      if (cop !== null && de > 0) { carnotHeat += dq; carnotIdeal += de * cop; }
    }
    if ((c.indoorTempC as number) < o.targetIndoorC) belowS += o.stepS;
  }
  const end = snap();
  const d = (k: (typeof ACC)[number]) => end[k] - start[k];
  const kwh = (k: (typeof ACC)[number]) => d(k) / J_PER_KWH;
  const el = { compressor: kwh('eCompJ'), fan: kwh('eFanJ'), standby: kwh('eStandbyJ'), backup: kwh('eBackupJ'), pump: kwh('ePumpJ'), h2: 0, h4: 0 };
  el.h2 = el.compressor + el.fan + el.standby;
  el.h4 = el.h2 + el.backup + el.pump;
  const hp = kwh('heatHpJ'); const bu = kwh('heatBackupJ');
  const ratio = (n: number, m: number) => (m > 0 ? n / m : null);
  const runningH = d('runS') / 3600;
  return {
    spf: { h1: ratio(hp, el.compressor), h2: ratio(hp, el.h2), h3: ratio(hp + bu, el.h2 + el.backup), h4: ratio(hp + bu, el.h4) },
    boundaries: SPF_BOUNDARIES,
    heatKWh: hp + bu, heatPumpHeatKWh: hp, backupHeatKWh: bu, defrostKWh: kwh('defrostJ'),
    electricityKWh: el,
    startsPerRunningHour: ratio(d('starts'), runningH), runningH,
    loadRatio: ratio(d('heatRunJ'), d('capRunJ')),
    heatWeightedFlowC: wHeat > 0 ? wFlow / wHeat : null,
    carnotPct: carnotIdeal > 0 ? (100 * carnotHeat) / carnotIdeal : null,
    hoursBelowTarget: belowS / 3600, targetIndoorC: o.targetIndoorC,
    // heatHpJ is net of the heat drawn back by defrost; the measured share is defrost / gross positive heat.
    defrostSharePct: hp + kwh('defrostJ') > 0 ? (100 * kwh('defrostJ')) / (hp + kwh('defrostJ')) : null,
    pumpSharePct: el.h4 > 0 ? (100 * el.pump) / el.h4 : null,
    backupSharePct: el.h4 > 0 ? (100 * el.backup) / el.h4 : null,
  };
}
