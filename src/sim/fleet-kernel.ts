/**
 * One explicit time step (≤ 60 s) of every household: controls, heat pump, defrost, backup, pump,
 * emitter, building and ground loop. A tight loop over typed arrays; physics and sources are in the
 * .md files beside each part (building-model, heat-pump-map, defrost, emitters, controls, ground-loop).
 */
import { carnotCop, etaLineAt, sourceCapacityFactor, type EtaLine } from './heat-pump-map.js';
import {
  BACKUP_DEFICIT_K, BACKUP_DELAY_S, BOOST_K, HZ_MAX, HZ_MIN, INVERTER_TAU_S, MIN_OFF_S, MIN_ON_S, SG_STATES, STARTUP_TAU_S,
  WATER_BAND_K, heatingCurveFlowC, scheduledSetpointC,
} from './controls.js';
import {
  DEFROST_COMPRESSOR_W_PER_KW, DEFROST_DURATION_S, DEFROST_HEAT_DRAW_W_PER_KW, FROST_CAPACITY_LOSS, FROST_COP_LOSS, frostRatePerS,
} from './defrost.js';
import { POW_TABLE_STEP_K, POW_TABLES, SOURCE_KIND, type FleetState } from './fleet-state.js';
import type { WeatherSample } from './weather-sampler.js';

/** The heating curve is re-evaluated when the outdoor temperature moved by more than this (K) or the setpoint changed. */
const CURVE_RECOMPUTE_K = 0.05;
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
  const { backupBelowC: p_backupBelowC, backupW: p_backupW, boreR: p_boreR, canFrost: p_canFrost, capNomW: p_capNomW, ce: p_ce, ci: p_ci, crankW: p_crankW, curveFixed: p_curveFixed, cw: p_cw, daySpC: p_daySpC, designDtK: p_designDtK, designFlowC: p_designFlowC, fanW: p_fanW, flowSlope: p_flowSlope, groundC: p_groundC, groundFarC: p_groundFarC, groundR: p_groundR, hd: p_hd, he: p_he, hi: p_hi, hystK: p_hystK, inverter: p_inverter, kem: p_kem, mapIdx: p_mapIdx, mdotCp: p_mdotCp, minMod: p_minMod, nem: p_nem, nemTab: p_nemTab, nightFromH: p_nightFromH, nightSpC: p_nightSpC, nightToH: p_nightToH, pumpCont: p_pumpCont, pumpW: p_pumpW, qint: p_qint, ratingFlowC: p_ratingFlowC, shapeIdx: p_shapeIdx, solN: p_solN, solS: p_solS, sourceKind: p_sourceKind, standbyW: p_standbyW } = p;
  const { backupOn: s_backupOn, capMaxW: s_capMaxW, curveFlowC: s_curveFlowC, curveSpC: s_curveSpC, curveToC: s_curveToC, deficitS: s_deficitS, defrostS: s_defrostS, frac: s_frac, frost: s_frost, heatCall: s_heatCall, hz: s_hz, offS: s_offS, onS: s_onS, overrideUntilMs: s_overrideUntilMs, pBackupW: s_pBackupW, pCompW: s_pCompW, pFanW: s_pFanW, pPumpW: s_pPumpW, pStandbyW: s_pStandbyW, qBackupW: s_qBackupW, qEmW: s_qEmW, qHpW: s_qHpW, ramp: s_ramp, returnC: s_returnC, setpointC: s_setpointC, sg: s_sg, sgUntilMs: s_sgUntilMs, sourceC: s_sourceC, spOverrideC: s_spOverrideC, supplyC: s_supplyC, te: s_te, tg: s_tg, ti: s_ti, tw: s_tw } = s;
  const { below18S: a_below18S, capRunJ: a_capRunJ, defrostJ: a_defrostJ, defrosts: a_defrosts, eBackupJ: a_eBackupJ, eCompJ: a_eCompJ, eFanJ: a_eFanJ, ePumpJ: a_ePumpJ, eStandbyJ: a_eStandbyJ, gainsJ: a_gainsJ, heatBackupJ: a_heatBackupJ, heatHpJ: a_heatHpJ, heatRunJ: a_heatRunJ, lossJ: a_lossJ, runS: a_runS, simS: a_simS, starts: a_starts } = a;
  const toC = w.tempC;
  for (let m = 0; m < st.maps.length; m++) etaLineAt(st.maps[m] as NonNullable<(typeof st.maps)[number]>, toC, scratch.eta[m] as EtaLine);
  for (let m = 0; m < st.shapes.length; m++) scratch.capF[m] = sourceCapacityFactor(st.shapes[m] as NonNullable<(typeof st.shapes)[number]>, toC);
  const tabs = POW_TABLES;
  const invStep = 1 / POW_TABLE_STEP_K;
  const tabMax = (tabs[0]?.length ?? 2) - 2;
  const frostRate = frostRatePerS(toC, w.rhPct);
  const startA = 1 - Math.exp(-dt / STARTUP_TAU_S);
  const hour = w.localHour;
  const solarMix = w.southWm2;
  const solarNorth = w.northWm2;
  for (let i = from; i < to; i++) {
    const ti = s_ti[i] as number;
    const te = s_te[i] as number;
    const tw = s_tw[i] as number;
    // --- setpoint: platform override (held while valid), else the occupants' schedule; boost raises it.
    const ov = s_spOverrideC[i] as number;
    let sp = ov === ov && tsMs < (s_overrideUntilMs[i] as number)
      ? ov
      : scheduledSetpointC(hour, p_daySpC[i] as number, p_nightSpC[i] as number, p_nightFromH[i] as number, p_nightToH[i] as number);
    let sg = s_sg[i] as number;
    if (sg !== SG_STATES.normal && tsMs >= (s_sgUntilMs[i] as number)) { sg = SG_STATES.normal; s_sg[i] = sg; }
    if (sg === SG_STATES.boost) sp += BOOST_K;
    s_setpointC[i] = sp;
    const locked = sg === SG_STATES.lock;
    // --- room thermostat with hysteresis
    const hyst = p_hystK[i] as number;
    let call = s_heatCall[i] as number;
    if (call === 1 && ti > sp + hyst) call = 0;
    else if (call === 0 && ti < sp - hyst) call = 1;
    s_heatCall[i] = call;
    // --- flow target from the heating curve (or fixed), mean-water target
    const dtK = p_designDtK[i] as number;
    const nem = p_nem[i] as number;
    let flowTarget = p_designFlowC[i] as number;
    if (p_curveFixed[i] !== 1) {
      const dTo = toC - (s_curveToC[i] as number);
      if (sp !== s_curveSpC[i] || !(dTo < CURVE_RECOMPUTE_K && dTo > -CURVE_RECOMPUTE_K)) {
        s_curveFlowC[i] = heatingCurveFlowC(toC, sp, flowTarget, dtK, nem);
        s_curveToC[i] = toC;
        s_curveSpC[i] = sp;
      }
      flowTarget = s_curveFlowC[i] as number;
    }
    const meanTarget = flowTarget - dtK / 2;
    // --- source temperature
    const kind = p_sourceKind[i] as number;
    const mapIdx = p_mapIdx[i] as number;
    let eta = scratch.eta[mapIdx] as EtaLine;
    let srcC = toC;
    if (kind !== SOURCE_KIND.air) {
      const qPrev = (s_qHpW[i] as number) - (s_pCompW[i] as number);
      srcC = kind === SOURCE_KIND.ground ? (s_tg[i] as number) - qPrev * (p_boreR[i] as number) : (p_groundFarC[i] as number);
      eta = etaLineAt(st.maps[mapIdx] as NonNullable<(typeof st.maps)[number]>, srcC, { flowA: 0, flowB: 0, etaA: 0, etaB: 0 });
    }
    s_sourceC[i] = srcC;
    const mdotCp = p_mdotCp[i] as number;
    const supplyPrev = tw + (s_qHpW[i] as number + (s_qBackupW[i] as number)) / (2 * mdotCp);
    const capNom = p_capNomW[i] as number;
    const frost = s_frost[i] as number;
    const fs = kind === SOURCE_KIND.air ? (scratch.capF[p_shapeIdx[i] as number] as number) : sourceCapacityFactor(st.shapes[p_shapeIdx[i] as number] as NonNullable<(typeof st.shapes)[number]>, srcC);
    let capF = fs * (1 + (p_flowSlope[i] as number) * (supplyPrev - (p_ratingFlowC[i] as number)));
    if (capF < 0.2) capF = 0.2;
    const capMax = capNom * capF * (1 - FROST_CAPACITY_LOSS * frost);
    s_capMaxW[i] = capMax;
    let frac = s_frac[i] as number;
    let qHp = 0;
    let pComp = 0;
    let pFan = 0;
    let defrostS = s_defrostS[i] as number;
    if (defrostS > 0) {
      // --- reverse-cycle defrost: heat drawn back from the water circuit
      defrostS -= dt;
      qHp = (-DEFROST_HEAT_DRAW_W_PER_KW * capNom) / 1000;
      pComp = (DEFROST_COMPRESSOR_W_PER_KW * capNom) / 1000;
      a_defrostJ[i] = (a_defrostJ[i] as number) - qHp * dt;
      s_onS[i] = (s_onS[i] as number) + dt;
      if (defrostS <= 0) { defrostS = 0; s_ramp[i] = 0; }
      s_defrostS[i] = defrostS;
    } else {
      // --- compressor on/off with anti-short-cycle timers
      if (frac > 0) {
        const onS = (s_onS[i] as number) + dt;
        s_onS[i] = onS;
        if ((locked || call === 0 || tw > meanTarget + WATER_BAND_K) && onS >= MIN_ON_S) { frac = 0; s_offS[i] = 0; }
      } else {
        const offS = (s_offS[i] as number) + dt;
        s_offS[i] = offS;
        if (!locked && call === 1 && tw < meanTarget - WATER_BAND_K && offS >= MIN_OFF_S) {
          frac = 1; s_onS[i] = 0; s_ramp[i] = 0; a_starts[i] = (a_starts[i] as number) + 1;
        }
      }
      if (frac > 0) {
        if (p_inverter[i] === 1) {
          const want = (s_qEmW[i] as number) + ((p_cw[i] as number) * (meanTarget - tw)) / INVERTER_TAU_S;
          const minMod = p_minMod[i] as number;
          frac = want / capMax;
          frac = frac < minMod ? minMod : frac > 1 ? 1 : frac;
        } else frac = 1;
        const ramp = (s_ramp[i] as number) + (1 - (s_ramp[i] as number)) * startA;
        s_ramp[i] = ramp;
        const g = (supplyPrev - eta.flowA) / (eta.flowB - eta.flowA);
        const etaV = eta.etaA + (eta.etaB - eta.etaA) * (g < 0 ? 0 : g > 1 ? 1 : g);
        let cop = etaV * carnotCop(srcC, supplyPrev) * (1 - FROST_COP_LOSS * frost);
        if (cop < 1) cop = 1;
        const qSteady = frac * capMax;
        qHp = qSteady * ramp;
        const pel = qSteady / cop;
        pFan = (p_fanW[i] as number) * (p_inverter[i] === 1 ? frac : 1);
        pComp = pel > pFan ? pel - pFan : 0;
        if (pel <= pFan) pFan = pel;
        a_runS[i] = (a_runS[i] as number) + dt;
        a_capRunJ[i] = (a_capRunJ[i] as number) + capMax * dt;
        a_heatRunJ[i] = (a_heatRunJ[i] as number) + qHp * dt;
        if (p_canFrost[i] === 1 && frostRate > 0) {
          const f2 = frost + frostRate * frac * dt;
          if (f2 >= 1) { s_frost[i] = 0; s_defrostS[i] = DEFROST_DURATION_S; a_defrosts[i] = (a_defrosts[i] as number) + 1; } else s_frost[i] = f2;
        }
      }
      s_frac[i] = frac;
    }
    // --- backup heater: staged after a sustained deficit at full capacity
    let deficitS = s_deficitS[i] as number;
    const fullLoad = (frac >= 1 || defrostS > 0) && tw < meanTarget - BACKUP_DEFICIT_K;
    deficitS = fullLoad ? deficitS + dt : 0;
    s_deficitS[i] = deficitS;
    let bu = s_backupOn[i] as number;
    if (bu === 0 && deficitS >= BACKUP_DELAY_S && !locked && call === 1 && toC < (p_backupBelowC[i] as number)) bu = 1;
    else if (bu === 1 && (tw >= meanTarget - WATER_BAND_K || locked || call === 0)) bu = 0;
    s_backupOn[i] = bu;
    const qBu = bu * (p_backupW[i] as number);
    // --- pump, standby
    const running = frac > 0 || defrostS > 0 || bu === 1;
    const pPump = p_pumpCont[i] === 1 || running ? (p_pumpW[i] as number) : 0;
    const pStandby = frac > 0 || defrostS > 0 ? 0 : (p_standbyW[i] as number) + (toC < CRANKCASE_BELOW_C ? (p_crankW[i] as number) : 0);
    // --- emitter, building, ground (explicit Euler; every flow below enters the energy balance)
    const dTem = tw - ti;
    let qEm = (p_kem[i] as number) * dTem;
    if (dTem > 0) {
      // ΔT^n = ΔT · ΔT^(n−1), the second factor from the exponent's table (linear interpolation).
      const x = dTem * invStep;
      let j = x | 0;
      if (j > tabMax) j = tabMax;
      const tab = tabs[p_nemTab[i] as number] as Float64Array;
      const t0 = tab[j] as number;
      qEm *= t0 + ((tab[j + 1] as number) - t0) * (x - j);
    }
    const qSol = (p_solS[i] as number) * solarMix + (p_solN[i] as number) * solarNorth;
    const qInt = p_qint[i] as number;
    const hd = p_hd[i] as number;
    const hi = p_hi[i] as number;
    const he = p_he[i] as number;
    const lossRoom = hd * (ti - toC);
    const lossEnv = he * (te - toC);
    const qIe = hi * (ti - te);
    s_tw[i] = tw + ((qHp + qBu - qEm) * dt) / (p_cw[i] as number);
    s_ti[i] = ti + ((qEm + qInt + 0.5 * qSol - lossRoom - qIe) * dt) / (p_ci[i] as number);
    s_te[i] = te + ((0.5 * qSol + qIe - lossEnv) * dt) / (p_ce[i] as number);
    if (kind === SOURCE_KIND.ground) {
      const qExt = qHp - pComp;
      const tg = s_tg[i] as number;
      s_tg[i] = tg + (((p_groundFarC[i] as number) - tg) / (p_groundR[i] as number) - qExt) * dt / (p_groundC[i] as number);
    }
    // --- outputs and accumulators
    s_qHpW[i] = qHp; s_qBackupW[i] = qBu; s_qEmW[i] = qEm; s_pCompW[i] = pComp; s_pFanW[i] = pFan; s_pBackupW[i] = qBu;
    s_pPumpW[i] = pPump; s_pStandbyW[i] = pStandby;
    const half = (qHp + qBu) / (2 * mdotCp);
    s_supplyC[i] = tw + half; s_returnC[i] = tw - half;
    s_hz[i] = frac > 0 && p_inverter[i] === 1 ? HZ_MIN + ((HZ_MAX - HZ_MIN) * (frac - (p_minMod[i] as number))) / (1 - (p_minMod[i] as number) || 1) : 0;
    a_heatHpJ[i] = (a_heatHpJ[i] as number) + qHp * dt;
    a_heatBackupJ[i] = (a_heatBackupJ[i] as number) + qBu * dt;
    a_eCompJ[i] = (a_eCompJ[i] as number) + pComp * dt;
    a_eFanJ[i] = (a_eFanJ[i] as number) + pFan * dt;
    a_eBackupJ[i] = (a_eBackupJ[i] as number) + qBu * dt;
    a_ePumpJ[i] = (a_ePumpJ[i] as number) + pPump * dt;
    a_eStandbyJ[i] = (a_eStandbyJ[i] as number) + pStandby * dt;
    a_gainsJ[i] = (a_gainsJ[i] as number) + (qInt + qSol) * dt;
    a_lossJ[i] = (a_lossJ[i] as number) + (lossRoom + lossEnv) * dt;
    if (ti < COMFORT_C) a_below18S[i] = (a_below18S[i] as number) + dt;
    a_simS[i] = (a_simS[i] as number) + dt;
  }
}
