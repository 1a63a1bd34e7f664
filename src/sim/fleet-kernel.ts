/**
 * Explicit time steps (≤ 60 s each) of households: controls, heat pump, defrost, backup, pump, emitter,
 * building and ground loop. Physics and sources are in the .md files beside each part (building-model,
 * heat-pump-map, defrost, emitters, controls, ground-loop); the layout for speed is in fleet-kernel.md.
 */
import { etaLineAt as etaLineAtImported, sourceCapacityFactor as capacityFactorImported, type CapacityShape, type EtaLine, type PerformanceMap } from './heat-pump-map.js';
import {
  BACKUP_DEFICIT_K, BACKUP_DELAY_S, BOOST_K, HZ_MIN, INVERTER_TAU_S, MIN_OFF_S, MIN_ON_S, SG_STATES,
  WATER_BAND_K,
} from './controls.js';
import {
  DEFROST_COMPRESSOR_W_PER_KW, DEFROST_DURATION_S, DEFROST_HEAT_DRAW_W_PER_KW, FROST_CAPACITY_LOSS, FROST_COP_LOSS,
} from './defrost.js';
import { DESIGN_INDOOR_C, DESIGN_OUTDOOR_C } from './building-model.js';
import { POW_TABLE_SIZE, POW_TABLE_STEP_K, SOURCE_KIND, type FleetState } from './fleet-state.js';
import { SCHEDULE_BUCKET_S } from './schedule-control.js';
import type { StepPlan } from './fleet-step-plan.js';

/** The heating curve is re-evaluated when the outdoor temperature moved by more than this (K) or the setpoint changed. */
const CURVE_RECOMPUTE_K = 0.05;
const COMFORT_C = 18;
// Module-local copies of the imported constants: read in the inner loop, they must be plain constants
// (some loaders compile imported bindings to getters, one call per read).
const SG_NORMAL = SG_STATES.normal;
const SG_LOCK = SG_STATES.lock;
const SG_BOOST = SG_STATES.boost;
const AIR = SOURCE_KIND.air;
const GROUND = SOURCE_KIND.ground;
const K_BOOST = BOOST_K;
const K_BAND = WATER_BAND_K;
const K_BACKUP_DEFICIT = BACKUP_DEFICIT_K;
const S_BACKUP_DELAY = BACKUP_DELAY_S;
const S_MIN_ON = MIN_ON_S;
const S_MIN_OFF = MIN_OFF_S;
const INV_INVERTER_TAU = 1 / INVERTER_TAU_S;
const S_DEFROST = DEFROST_DURATION_S;
const DEFROST_DRAW_PER_W = DEFROST_HEAT_DRAW_W_PER_KW / 1000;
const DEFROST_COMP_PER_W = DEFROST_COMPRESSOR_W_PER_KW / 1000;
const CAP_LOSS = FROST_CAPACITY_LOSS;
const COP_LOSS = FROST_COP_LOSS;
const HZ_LOW = HZ_MIN;
const KELVIN = 273.15;
const etaLineAt = etaLineAtImported;
const sourceCapacityFactor = capacityFactorImported;
const CURVE_SPAN_K = DESIGN_INDOOR_C - DESIGN_OUTDOOR_C;
const S_BUCKET = SCHEDULE_BUCKET_S;

/**
 * Advances households [from, to) through every step of `plan`. Households are independent, so each one
 * runs all planned steps with its parameters and state in local variables (loaded once, stored once);
 * the arithmetic and its order are those of one step at a time, so results do not depend on the plan length.
 */
export function stepKernel(st: FleetState, plan: StepPlan, from = 0, to = st.size): void {
  const { p, s, a } = st;
  const pl = plan;
  const line: EtaLine = { flowA: 0, flowB: 0, etaA: 0, etaB: 0 };
  const tab = st.powTable;
  const invStep = 1 / POW_TABLE_STEP_K;
  const tabMax = POW_TABLE_SIZE - 2;
  const dt = pl.dtS;
  const startA = pl.startA;
  const nMaps = pl.maps;
  const nShapes = pl.shapes;
  const count = pl.count;
  const { backupBelowC: p_backupBelowC, backupW: p_backupW, boreR: p_boreR, canFrost: p_canFrost, capNomW: p_capNomW, crankW: p_crankW, curveExcessK: p_curveExcessK, curveFixed: p_curveFixed, cw: p_cw, daySpC: p_daySpC, designDtK: p_designDtK, designFlowC: p_designFlowC, fanW: p_fanW, flowSlope: p_flowSlope, groundC: p_groundC, groundFarC: p_groundFarC, groundR: p_groundR, halfInvMdotCp: p_halfInvMdotCp, hd: p_hd, he: p_he, hi: p_hi, hystK: p_hystK, hzPerFrac: p_hzPerFrac, invCe: p_invCe, invCi: p_invCi, invCw: p_invCw, invNem: p_invNem, inverter: p_inverter, kem: p_kem, mapIdx: p_mapIdx, minMod: p_minMod, nemOff: p_nemOff, nightFromH: p_nightFromH, nightSpC: p_nightSpC, nightToH: p_nightToH, pumpCont: p_pumpCont, pumpW: p_pumpW, qint: p_qint, ratingFlowC: p_ratingFlowC, shapeIdx: p_shapeIdx, solN: p_solN, solS: p_solS, sourceKind: p_sourceKind, standbyW: p_standbyW } = p;
  const { backupOn: s_backupOn, capMaxW: s_capMaxW, curveFlowC: s_curveFlowC, curveSpC: s_curveSpC, curveToC: s_curveToC, deficitS: s_deficitS, defrostS: s_defrostS, frac: s_frac, frost: s_frost, heatCall: s_heatCall, hz: s_hz, offS: s_offS, onS: s_onS, overrideUntilMs: s_overrideUntilMs, pBackupW: s_pBackupW, pCompW: s_pCompW, pFanW: s_pFanW, pPumpW: s_pPumpW, pStandbyW: s_pStandbyW, qBackupW: s_qBackupW, qEmW: s_qEmW, qHpW: s_qHpW, ramp: s_ramp, returnC: s_returnC, setpointC: s_setpointC, sg: s_sg, sgUntilMs: s_sgUntilMs, sourceC: s_sourceC, spOverrideC: s_spOverrideC, supplyC: s_supplyC, te: s_te, tg: s_tg, ti: s_ti, tw: s_tw, schedW: s_schedW, schedCeilC: s_schedCeilC, schedTokJ: s_schedTokJ } = s;
  const { below18S: a_below18S, peakElecW: a_peakElecW, capRunJ: a_capRunJ, defrostJ: a_defrostJ, defrosts: a_defrosts, eBackupJ: a_eBackupJ, eCompJ: a_eCompJ, eFanJ: a_eFanJ, ePumpJ: a_ePumpJ, eStandbyJ: a_eStandbyJ, gainsJ: a_gainsJ, heatBackupJ: a_heatBackupJ, heatHpJ: a_heatHpJ, heatRunJ: a_heatRunJ, lossJ: a_lossJ, runS: a_runS, simS: a_simS, starts: a_starts, belowFloorKS: a_belowFloorKS, belowFloorS: a_belowFloorS, safeguardJ: a_safeguardJ } = a;
  for (let i = from; i < to; i++) {
    // --- parameters
    const backupBelowC = p_backupBelowC[i] as number, backupW = p_backupW[i] as number, canFrost = p_canFrost[i] === 1;
    const capNom = p_capNomW[i] as number, crankW = p_crankW[i] as number, curveFixed = p_curveFixed[i] === 1;
    const daySpC = p_daySpC[i] as number, nightSpC = p_nightSpC[i] as number, nf = p_nightFromH[i] as number, nt = p_nightToH[i] as number;
    const dtK = p_designDtK[i] as number, designFlowC = p_designFlowC[i] as number, curveExcessK = p_curveExcessK[i] as number, invNem = p_invNem[i] as number;
    const fanW = p_fanW[i] as number, flowSlope = p_flowSlope[i] as number, ratingFlowC = p_ratingFlowC[i] as number;
    const halfInvMdotCp = p_halfInvMdotCp[i] as number, hd = p_hd[i] as number, he = p_he[i] as number, hi = p_hi[i] as number;
    const hyst = p_hystK[i] as number, hzPerFrac = p_hzPerFrac[i] as number, minMod = p_minMod[i] as number, inverter = p_inverter[i] === 1;
    const invCi = p_invCi[i] as number, invCe = p_invCe[i] as number, invCw = p_invCw[i] as number, cw = p_cw[i] as number, kem = p_kem[i] as number;
    const mapIdx = p_mapIdx[i] as number, shapeIdx = p_shapeIdx[i] as number, nemOff = p_nemOff[i] as number, kind = p_sourceKind[i] as number;
    const pumpCont = p_pumpCont[i] === 1, pumpW = p_pumpW[i] as number, qInt = p_qint[i] as number, solS = p_solS[i] as number, solN = p_solN[i] as number;
    const standbyW = p_standbyW[i] as number, boreR = p_boreR[i] as number, groundFarC = p_groundFarC[i] as number;
    const groundR = p_groundR[i] as number, groundC = p_groundC[i] as number;
    const ov = s_spOverrideC[i] as number, overrideUntilMs = s_overrideUntilMs[i] as number, sgUntilMs = s_sgUntilMs[i] as number;
    // Schedule following (schedule-control.md): planned electric power (NaN: local control), its energy bucket.
    const schedW = s_schedW[i] as number, sched = schedW === schedW, schedCeilC = s_schedCeilC[i] as number;
    const bucketJ = schedW * S_BUCKET;
    let tok = s_schedTokJ[i] as number;
    if (sched) tok = tok > bucketJ ? bucketJ : tok < -bucketJ ? -bucketJ : tok;
    // --- state
    let ti = s_ti[i] as number, te = s_te[i] as number, tw = s_tw[i] as number, tg = s_tg[i] as number;
    let frac = s_frac[i] as number, ramp = s_ramp[i] as number, onS = s_onS[i] as number, offS = s_offS[i] as number;
    let fr = s_frost[i] as number, dS = s_defrostS[i] as number, deficitS = s_deficitS[i] as number, bu = s_backupOn[i] as number;
    let call = s_heatCall[i] as number, sg = s_sg[i] as number;
    let qHp = s_qHpW[i] as number, qBu = s_qBackupW[i] as number, qEm = s_qEmW[i] as number, pComp = s_pCompW[i] as number;
    let pFan = s_pFanW[i] as number, pPump = s_pPumpW[i] as number, pStandby = s_pStandbyW[i] as number;
    let supplyC = s_supplyC[i] as number, returnC = s_returnC[i] as number, hz = s_hz[i] as number, sp = s_setpointC[i] as number;
    let capMax = s_capMaxW[i] as number, srcC = s_sourceC[i] as number;
    let curveToC = s_curveToC[i] as number, curveSpC = s_curveSpC[i] as number, curveFlowC = s_curveFlowC[i] as number;
    // --- accumulators
    let heatHpJ = a_heatHpJ[i] as number, heatBackupJ = a_heatBackupJ[i] as number, eCompJ = a_eCompJ[i] as number, eFanJ = a_eFanJ[i] as number;
    let eBackupJ = a_eBackupJ[i] as number, ePumpJ = a_ePumpJ[i] as number, eStandbyJ = a_eStandbyJ[i] as number, defrostJ = a_defrostJ[i] as number;
    let starts = a_starts[i] as number, runS = a_runS[i] as number, capRunJ = a_capRunJ[i] as number, heatRunJ = a_heatRunJ[i] as number;
    let below18S = a_below18S[i] as number, gainsJ = a_gainsJ[i] as number, lossJ = a_lossJ[i] as number, defrosts = a_defrosts[i] as number;
    let simS = a_simS[i] as number, peakElecW = a_peakElecW[i] as number;
    let belowFloorKS = a_belowFloorKS[i] as number, belowFloorS = a_belowFloorS[i] as number, safeguardJ = a_safeguardJ[i] as number;
    for (let j = 0; j < count; j++) {
      const tsMs = pl.tsMs[j] as number;
      const toC = pl.tempC[j] as number;
      const hour = pl.localHour[j] as number;
      // --- setpoint: platform override (held while valid), else the occupants' schedule (controls.ts
      // scheduledSetpointC, inlined: night setback between nf and nt, wrapping midnight); boost raises it.
      const spOcc = (nf <= nt ? hour >= nf && hour < nt : hour >= nf || hour < nt) ? nightSpC : daySpC;
      if (ov === ov && tsMs < overrideUntilMs) sp = ov;
      else sp = spOcc;
      if (sg !== SG_NORMAL && tsMs >= sgUntilMs) sg = SG_NORMAL;
      if (sg === SG_BOOST) sp += K_BOOST;
      const locked = sg === SG_LOCK;
      // --- room thermostat with hysteresis. Following a schedule, `call` is the local safeguard instead: on below
      // the occupants' own switch-on point, held until the room is back at the setpoint; the plan's energy fills the bucket.
      let heatOn: boolean;
      if (sched) {
        if (call === 1 && ti > sp) call = 0;
        else if (call === 0 && ti < sp - hyst) call = 1;
        tok += schedW * dt;
        if (tok > bucketJ) tok = bucketJ;
        heatOn = call === 1 || (tok > 0 && ti < schedCeilC);
      } else {
        if (call === 1 && ti > sp + hyst) call = 0;
        else if (call === 0 && ti < sp - hyst) call = 1;
        heatOn = call === 1;
      }
      // --- flow target from the heating curve (or fixed), mean-water target
      let flowTarget = designFlowC;
      // Following a plan, the water may rise to the design flow temperature so the emitters take pre-heating power.
      if (!curveFixed && !(sched && call === 0)) {
        const dTo = toC - curveToC;
        if (sp !== curveSpC || !(dTo < CURVE_RECOMPUTE_K && dTo > -CURVE_RECOMPUTE_K)) {
          // controls.ts heatingCurveFlowC, inlined with its per-household constants precomputed (same arithmetic).
          let phi = (sp - toC) / CURVE_SPAN_K;
          if (phi < 0) phi = 0;
          curveFlowC = sp + curveExcessK * Math.pow(phi, invNem) + (dtK / 2) * phi;
          curveToC = toC;
          curveSpC = sp;
        }
        flowTarget = curveFlowC;
      }
      const meanTarget = flowTarget - dtK * 0.5;
      // --- source temperature and the η line at it (per map and step for air; per household for ground/water)
      const mj = j * nMaps + mapIdx;
      let flowA = pl.flowA[mj] as number, etaA = pl.etaA[mj] as number, etaB = pl.etaB[mj] as number, invSpan = pl.invSpan[mj] as number;
      let fs: number;
      srcC = toC;
      if (kind !== AIR) {
        srcC = kind === GROUND ? tg - (qHp - pComp) * boreR : groundFarC;
        etaLineAt(st.maps[mapIdx] as PerformanceMap, srcC, line);
        flowA = line.flowA; etaA = line.etaA; etaB = line.etaB; invSpan = 1 / (line.flowB - line.flowA);
        fs = sourceCapacityFactor(st.shapes[shapeIdx] as CapacityShape, srcC);
      } else fs = pl.capF[j * nShapes + shapeIdx] as number;
      const supplyPrev = tw + (qHp + qBu) * halfInvMdotCp;
      const frost = fr;
      let capF = fs * (1 + flowSlope * (supplyPrev - ratingFlowC));
      if (capF < 0.2) capF = 0.2;
      capMax = capNom * capF * (1 - CAP_LOSS * frost);
      qHp = 0; pComp = 0; pFan = 0;
      let defrostS = dS;
      if (defrostS > 0) {
        // --- reverse-cycle defrost: heat drawn back from the water circuit
        defrostS -= dt;
        qHp = -DEFROST_DRAW_PER_W * capNom;
        pComp = DEFROST_COMP_PER_W * capNom;
        defrostJ -= qHp * dt;
        onS += dt;
        if (defrostS <= 0) { defrostS = 0; ramp = 0; }
        dS = defrostS;
      } else {
        // --- compressor on/off with anti-short-cycle timers
        if (frac > 0) {
          onS += dt;
          if ((locked || !heatOn || tw > meanTarget + K_BAND) && onS >= S_MIN_ON) { frac = 0; offS = 0; }
        } else {
          offS += dt;
          if (!locked && heatOn && tw < meanTarget - K_BAND && offS >= S_MIN_OFF) { frac = 1; onS = 0; ramp = 0; starts += 1; }
        }
        if (frac > 0) {
          const g = (supplyPrev - flowA) * invSpan;
          const etaV = etaA + (etaB - etaA) * (g < 0 ? 0 : g > 1 ? 1 : g);
          // Carnot COP (heat-pump-map.ts carnotCop, inlined): condensing = flow + 2 K, evaporating = source − 6 K, lift ≥ 5 K.
          let lift = supplyPrev + 2 - (srcC - 6);
          if (lift < 5) lift = 5;
          let cop = (etaV * (supplyPrev + 2 + KELVIN) / lift) * (1 - COP_LOSS * frost);
          if (cop < 1) cop = 1;
          if (inverter) {
            frac = (qEm + cw * (meanTarget - tw) * INV_INVERTER_TAU) / capMax;
            // Following a plan (safeguard off): modulate down to the planned electric power.
            if (sched && call === 0 && (schedW * cop) / capMax < frac) frac = (schedW * cop) / capMax;
            frac = frac < minMod ? minMod : frac > 1 ? 1 : frac;
          } else frac = 1;
          ramp = ramp + (1 - ramp) * startA;
          const qSteady = frac * capMax;
          qHp = qSteady * ramp;
          const pel = qSteady / cop;
          pFan = fanW * (inverter ? frac : 1);
          pComp = pel > pFan ? pel - pFan : 0;
          if (pel <= pFan) pFan = pel;
          runS += dt;
          capRunJ += capMax * dt;
          heatRunJ += qHp * dt;
          const frostDt = pl.frostPerStep[j] as number;
          if (frostDt > 0 && canFrost) {
            const f2 = frost + frostDt * frac;
            if (f2 >= 1) { fr = 0; dS = S_DEFROST; defrosts += 1; } else fr = f2;
          }
        }
      }
      // --- backup heater: staged after a sustained deficit at full capacity
      deficitS = (frac >= 1 || defrostS > 0) && tw < meanTarget - K_BACKUP_DEFICIT ? deficitS + dt : 0;
      if (bu === 0 && deficitS >= S_BACKUP_DELAY && !locked && call === 1 && toC < backupBelowC) bu = 1;
      else if (bu === 1 && (tw >= meanTarget - K_BAND || locked || call === 0)) bu = 0;
      qBu = bu * backupW;
      // --- pump, standby
      const compressing = frac > 0 || defrostS > 0;
      pPump = pumpCont || compressing || bu === 1 ? pumpW : 0;
      pStandby = compressing ? 0 : standbyW + (pl.crankOn[j] as number) * crankW;
      // --- emitter, building, ground (explicit Euler; every flow below enters the energy balance)
      const dTem = tw - ti;
      qEm = kem * dTem;
      if (dTem > 0) {
        // ΔT^n = ΔT · ΔT^(n−1), the second factor from the exponent's table (linear interpolation).
        const x = dTem * invStep;
        let k = x | 0;
        if (k > tabMax) k = tabMax;
        const o = nemOff + k;
        const t0 = tab[o] as number;
        qEm *= t0 + ((tab[o + 1] as number) - t0) * (x - k);
      }
      const qSol = solS * (pl.southWm2[j] as number) + solN * (pl.northWm2[j] as number);
      const lossRoom = hd * (ti - toC);
      const lossEnv = he * (te - toC);
      const qIe = hi * (ti - te);
      const qHeat = qHp + qBu;
      const twPrev = tw;
      const tiPrev = ti;
      tw = tw + (qHeat - qEm) * dt * invCw;
      ti = ti + (qEm + qInt + 0.5 * qSol - lossRoom - qIe) * dt * invCi;
      te = te + (0.5 * qSol + qIe - lossEnv) * dt * invCe;
      if (kind === GROUND) tg = tg + ((groundFarC - tg) / groundR - (qHp - pComp)) * dt / groundC;
      // --- outputs and accumulators
      const half = qHeat * halfInvMdotCp;
      supplyC = twPrev + half; returnC = twPrev - half;
      hz = frac > 0 && inverter ? HZ_LOW + hzPerFrac * (frac - minMod) : 0;
      heatHpJ += qHp * dt; heatBackupJ += qBu * dt; eCompJ += pComp * dt; eFanJ += pFan * dt; eBackupJ += qBu * dt;
      ePumpJ += pPump * dt; eStandbyJ += pStandby * dt; gainsJ += (qInt + qSol) * dt; lossJ += (lossRoom + lossEnv) * dt;
      if (tiPrev < COMFORT_C) below18S += dt;
      const floorC = spOcc - hyst;
      if (tiPrev < floorC) { belowFloorKS += (floorC - tiPrev) * dt; belowFloorS += dt; }
      if (sched) {
        const drawW = pComp + pFan + qBu;
        if (call === 1) safeguardJ += drawW * dt;
        else { tok -= (pComp + pFan) * dt; if (tok < -bucketJ) tok = -bucketJ; }
      }
      simS += dt;
      const elecW = pComp + pFan + qBu + pPump + pStandby;
      if (elecW > peakElecW) peakElecW = elecW;
    }
    s_ti[i] = ti; s_te[i] = te; s_tw[i] = tw; s_tg[i] = tg; s_frac[i] = frac; s_ramp[i] = ramp; s_onS[i] = onS; s_offS[i] = offS;
    s_frost[i] = fr; s_defrostS[i] = dS; s_deficitS[i] = deficitS; s_backupOn[i] = bu; s_heatCall[i] = call; s_sg[i] = sg;
    s_qHpW[i] = qHp; s_qBackupW[i] = qBu; s_qEmW[i] = qEm; s_pCompW[i] = pComp; s_pFanW[i] = pFan; s_pBackupW[i] = qBu;
    s_pPumpW[i] = pPump; s_pStandbyW[i] = pStandby; s_supplyC[i] = supplyC; s_returnC[i] = returnC; s_hz[i] = hz; s_setpointC[i] = sp;
    s_capMaxW[i] = capMax; s_sourceC[i] = srcC; s_curveToC[i] = curveToC; s_curveSpC[i] = curveSpC; s_curveFlowC[i] = curveFlowC;
    a_heatHpJ[i] = heatHpJ; a_heatBackupJ[i] = heatBackupJ; a_eCompJ[i] = eCompJ; a_eFanJ[i] = eFanJ; a_eBackupJ[i] = eBackupJ;
    a_ePumpJ[i] = ePumpJ; a_eStandbyJ[i] = eStandbyJ; a_defrostJ[i] = defrostJ; a_starts[i] = starts; a_runS[i] = runS;
    a_capRunJ[i] = capRunJ; a_heatRunJ[i] = heatRunJ; a_below18S[i] = below18S; a_gainsJ[i] = gainsJ; a_lossJ[i] = lossJ;
    a_defrosts[i] = defrosts; a_simS[i] = simS; a_peakElecW[i] = peakElecW;
    a_belowFloorKS[i] = belowFloorKS; a_belowFloorS[i] = belowFloorS; a_safeguardJ[i] = safeguardJ; s_schedTokJ[i] = tok;
  }
}
