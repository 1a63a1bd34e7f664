/**
 * One explicit time step (≤ 60 s) of every household: controls, heat pump, defrost, backup, pump,
 * emitter, building and ground loop. A tight loop over typed arrays; physics and sources are in the
 * .md files beside each part (building-model, heat-pump-map, defrost, emitters, controls, ground-loop).
 */
import { capacityFactor, carnotCop, etaLineAt, type EtaLine } from './heat-pump-map.js';
import {
  BACKUP_DEFICIT_K, BACKUP_DELAY_S, BOOST_K, HZ_MAX, HZ_MIN, INVERTER_TAU_S, MIN_OFF_S, MIN_ON_S, SG_STATES, STARTUP_TAU_S,
  WATER_BAND_K, heatingCurveFlowC, scheduledSetpointC,
} from './controls.js';
import {
  DEFROST_COMPRESSOR_W_PER_KW, DEFROST_DURATION_S, DEFROST_HEAT_DRAW_W_PER_KW, FROST_CAPACITY_LOSS, FROST_COP_LOSS, frostRatePerS,
} from './defrost.js';
import { SOURCE_KIND, type FleetState } from './fleet-state.js';
import type { WeatherSample } from './weather-sampler.js';

/** Crankcase heaters run while the compressor is off below this outdoor temperature. */
const CRANKCASE_BELOW_C = 10;
const COMFORT_C = 18;

export interface KernelScratch { eta: EtaLine[]; capF: Float64Array }
export const createScratch = (st: FleetState): KernelScratch => ({
  eta: st.maps.map(() => ({ flowA: 0, flowB: 0, etaA: 0, etaB: 0 })),
  capF: new Float64Array(st.shapes.length),
});

export function stepKernel(st: FleetState, w: WeatherSample, tsMs: number, dt: number, scratch: KernelScratch, from = 0, to = st.size): void {
  const { p, s, a } = st;
  const toC = w.tempC;
  for (let m = 0; m < st.maps.length; m++) etaLineAt(st.maps[m] as NonNullable<(typeof st.maps)[number]>, toC, scratch.eta[m] as EtaLine);
  const frostRate = frostRatePerS(toC, w.rhPct);
  const startA = 1 - Math.exp(-dt / STARTUP_TAU_S);
  const hour = w.localHour;
  const solarMix = w.southWm2;
  const solarNorth = w.northWm2;
  for (let i = from; i < to; i++) {
    const ti = s.ti[i] as number;
    const te = s.te[i] as number;
    const tw = s.tw[i] as number;
    // --- setpoint: platform override (held while valid), else the occupants' schedule; boost raises it.
    const ov = s.spOverrideC[i] as number;
    let sp = ov === ov && tsMs < (s.overrideUntilMs[i] as number)
      ? ov
      : scheduledSetpointC(hour, p.daySpC[i] as number, p.nightSpC[i] as number, p.nightFromH[i] as number, p.nightToH[i] as number);
    let sg = s.sg[i] as number;
    if (sg !== SG_STATES.normal && tsMs >= (s.sgUntilMs[i] as number)) { sg = SG_STATES.normal; s.sg[i] = sg; }
    if (sg === SG_STATES.boost) sp += BOOST_K;
    s.setpointC[i] = sp;
    const locked = sg === SG_STATES.lock;
    // --- room thermostat with hysteresis
    const hyst = p.hystK[i] as number;
    let call = s.heatCall[i] as number;
    if (call === 1 && ti > sp + hyst) call = 0;
    else if (call === 0 && ti < sp - hyst) call = 1;
    s.heatCall[i] = call;
    // --- flow target from the heating curve (or fixed), mean-water target
    const dtK = p.designDtK[i] as number;
    const nem = p.nem[i] as number;
    const flowTarget = p.curveFixed[i] === 1 ? (p.designFlowC[i] as number) : heatingCurveFlowC(toC, sp, p.designFlowC[i] as number, dtK, nem);
    const meanTarget = flowTarget - dtK / 2;
    // --- source temperature
    const kind = p.sourceKind[i] as number;
    const mapIdx = p.mapIdx[i] as number;
    let eta = scratch.eta[mapIdx] as EtaLine;
    let srcC = toC;
    if (kind !== SOURCE_KIND.air) {
      const qPrev = (s.qHpW[i] as number) - (s.pCompW[i] as number);
      srcC = kind === SOURCE_KIND.ground ? (s.tg[i] as number) - qPrev * (p.boreR[i] as number) : (p.groundFarC[i] as number);
      eta = etaLineAt(st.maps[mapIdx] as NonNullable<(typeof st.maps)[number]>, srcC, { flowA: 0, flowB: 0, etaA: 0, etaB: 0 });
    }
    s.sourceC[i] = srcC;
    const mdotCp = p.mdotCp[i] as number;
    const supplyPrev = tw + (s.qHpW[i] as number + (s.qBackupW[i] as number)) / (2 * mdotCp);
    const capNom = p.capNomW[i] as number;
    const frost = s.frost[i] as number;
    const capMax = capNom * capacityFactor(st.shapes[p.shapeIdx[i] as number] as NonNullable<(typeof st.shapes)[number]>, srcC, supplyPrev) * (1 - FROST_CAPACITY_LOSS * frost);
    s.capMaxW[i] = capMax;
    let frac = s.frac[i] as number;
    let qHp = 0;
    let pComp = 0;
    let pFan = 0;
    let defrostS = s.defrostS[i] as number;
    if (defrostS > 0) {
      // --- reverse-cycle defrost: heat drawn back from the water circuit
      defrostS -= dt;
      qHp = (-DEFROST_HEAT_DRAW_W_PER_KW * capNom) / 1000;
      pComp = (DEFROST_COMPRESSOR_W_PER_KW * capNom) / 1000;
      a.defrostJ[i] = (a.defrostJ[i] as number) - qHp * dt;
      s.onS[i] = (s.onS[i] as number) + dt;
      if (defrostS <= 0) { defrostS = 0; s.ramp[i] = 0; }
      s.defrostS[i] = defrostS;
    } else {
      // --- compressor on/off with anti-short-cycle timers
      if (frac > 0) {
        const onS = (s.onS[i] as number) + dt;
        s.onS[i] = onS;
        if ((locked || call === 0 || tw > meanTarget + WATER_BAND_K) && onS >= MIN_ON_S) { frac = 0; s.offS[i] = 0; }
      } else {
        const offS = (s.offS[i] as number) + dt;
        s.offS[i] = offS;
        if (!locked && call === 1 && tw < meanTarget - WATER_BAND_K && offS >= MIN_OFF_S) {
          frac = 1; s.onS[i] = 0; s.ramp[i] = 0; a.starts[i] = (a.starts[i] as number) + 1;
        }
      }
      if (frac > 0) {
        if (p.inverter[i] === 1) {
          const want = (s.qEmW[i] as number) + ((p.cw[i] as number) * (meanTarget - tw)) / INVERTER_TAU_S;
          const minMod = p.minMod[i] as number;
          frac = want / capMax;
          frac = frac < minMod ? minMod : frac > 1 ? 1 : frac;
        } else frac = 1;
        const ramp = (s.ramp[i] as number) + (1 - (s.ramp[i] as number)) * startA;
        s.ramp[i] = ramp;
        const g = (supplyPrev - eta.flowA) / (eta.flowB - eta.flowA);
        const etaV = eta.etaA + (eta.etaB - eta.etaA) * (g < 0 ? 0 : g > 1 ? 1 : g);
        let cop = etaV * carnotCop(srcC, supplyPrev) * (1 - FROST_COP_LOSS * frost);
        if (cop < 1) cop = 1;
        const qSteady = frac * capMax;
        qHp = qSteady * ramp;
        const pel = qSteady / cop;
        pFan = (p.fanW[i] as number) * (p.inverter[i] === 1 ? frac : 1);
        pComp = pel > pFan ? pel - pFan : 0;
        if (pel <= pFan) pFan = pel;
        a.runS[i] = (a.runS[i] as number) + dt;
        a.capRunJ[i] = (a.capRunJ[i] as number) + capMax * dt;
        a.heatRunJ[i] = (a.heatRunJ[i] as number) + qHp * dt;
        if (p.canFrost[i] === 1 && frostRate > 0) {
          const f2 = frost + frostRate * frac * dt;
          if (f2 >= 1) { s.frost[i] = 0; s.defrostS[i] = DEFROST_DURATION_S; a.defrosts[i] = (a.defrosts[i] as number) + 1; } else s.frost[i] = f2;
        }
      }
      s.frac[i] = frac;
    }
    // --- backup heater: staged after a sustained deficit at full capacity
    let deficitS = s.deficitS[i] as number;
    const fullLoad = (frac >= 1 || defrostS > 0) && tw < meanTarget - BACKUP_DEFICIT_K;
    deficitS = fullLoad ? deficitS + dt : 0;
    s.deficitS[i] = deficitS;
    let bu = s.backupOn[i] as number;
    if (bu === 0 && deficitS >= BACKUP_DELAY_S && !locked && call === 1) bu = 1;
    else if (bu === 1 && (tw >= meanTarget - WATER_BAND_K || locked || call === 0)) bu = 0;
    s.backupOn[i] = bu;
    const qBu = bu * (p.backupW[i] as number);
    // --- pump, standby
    const running = frac > 0 || defrostS > 0 || bu === 1;
    const pPump = p.pumpCont[i] === 1 || running ? (p.pumpW[i] as number) : 0;
    const pStandby = frac > 0 || defrostS > 0 ? 0 : (p.standbyW[i] as number) + (toC < CRANKCASE_BELOW_C ? (p.crankW[i] as number) : 0);
    // --- emitter, building, ground (explicit Euler; every flow below enters the energy balance)
    const dTem = tw - ti;
    const qEm = dTem > 0 ? (p.kem[i] as number) * Math.pow(dTem, nem) : (p.kem[i] as number) * dTem;
    const qSol = (p.solS[i] as number) * solarMix + (p.solN[i] as number) * solarNorth;
    const qInt = p.qint[i] as number;
    const hd = p.hd[i] as number;
    const hi = p.hi[i] as number;
    const he = p.he[i] as number;
    const lossRoom = hd * (ti - toC);
    const lossEnv = he * (te - toC);
    const qIe = hi * (ti - te);
    s.tw[i] = tw + ((qHp + qBu - qEm) * dt) / (p.cw[i] as number);
    s.ti[i] = ti + ((qEm + qInt + 0.5 * qSol - lossRoom - qIe) * dt) / (p.ci[i] as number);
    s.te[i] = te + ((0.5 * qSol + qIe - lossEnv) * dt) / (p.ce[i] as number);
    if (kind === SOURCE_KIND.ground) {
      const qExt = qHp - pComp;
      const tg = s.tg[i] as number;
      s.tg[i] = tg + (((p.groundFarC[i] as number) - tg) / (p.groundR[i] as number) - qExt) * dt / (p.groundC[i] as number);
    }
    // --- outputs and accumulators
    s.qHpW[i] = qHp; s.qBackupW[i] = qBu; s.qEmW[i] = qEm; s.pCompW[i] = pComp; s.pFanW[i] = pFan; s.pBackupW[i] = qBu;
    s.pPumpW[i] = pPump; s.pStandbyW[i] = pStandby;
    const half = (qHp + qBu) / (2 * mdotCp);
    s.supplyC[i] = tw + half; s.returnC[i] = tw - half;
    s.hz[i] = frac > 0 && p.inverter[i] === 1 ? HZ_MIN + ((HZ_MAX - HZ_MIN) * (frac - (p.minMod[i] as number))) / (1 - (p.minMod[i] as number) || 1) : 0;
    a.heatHpJ[i] = (a.heatHpJ[i] as number) + qHp * dt;
    a.heatBackupJ[i] = (a.heatBackupJ[i] as number) + qBu * dt;
    a.eCompJ[i] = (a.eCompJ[i] as number) + pComp * dt;
    a.eFanJ[i] = (a.eFanJ[i] as number) + pFan * dt;
    a.eBackupJ[i] = (a.eBackupJ[i] as number) + qBu * dt;
    a.ePumpJ[i] = (a.ePumpJ[i] as number) + pPump * dt;
    a.eStandbyJ[i] = (a.eStandbyJ[i] as number) + pStandby * dt;
    a.gainsJ[i] = (a.gainsJ[i] as number) + (qInt + qSol) * dt;
    a.lossJ[i] = (a.lossJ[i] as number) + (lossRoom + lossEnv) * dt;
    if (ti < COMFORT_C) a.below18S[i] = (a.below18S[i] as number) + dt;
    a.simS[i] = (a.simS[i] as number) + dt;
  }
}
