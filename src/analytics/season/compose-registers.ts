/** Register cross-check from day aggregates (register-check.md, composed across days by `chainRegister`). */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { KpiOptions, RegisterCheck } from '../unit-kpis/types.js';
import { chainRegister, type DaySeq } from './day-chains.js';
import { REGISTER_CHANNELS, REGISTERS } from './kpi-day.js';

const WS_PER_KWH = 3.6e6;

export function composeRegisters(seq: DaySeq, o: KpiOptions, excluded: ReadonlySet<ChannelKey>, has: (k: ChannelKey) => boolean): RegisterCheck[] {
  const out: RegisterCheck[] = [];
  const tolerance = (x: number) => Math.max(o.registerToleranceRel * Math.abs(x), o.registerToleranceAbsKWh);
  for (const r of REGISTERS) {
    const { register, power } = REGISTER_CHANNELS[r];
    if (!has(register)) continue;
    const c = chainRegister(seq, r);
    const base = { register, power, integratedKWh: null, integratedPositiveKWh: null };
    const spanKWh = c.lastKWh - c.firstKWh;
    if (c.readings < 2) { out.push({ ...base, registerKWh: 0, toleranceKWh: o.registerToleranceAbsKWh, status: 'single-reading' }); continue; }
    if (c.wentBackwards) { out.push({ ...base, registerKWh: spanKWh, toleranceKWh: tolerance(spanKWh), status: 'register-went-backwards' }); continue; }
    if (excluded.has(power) || !has(power)) { out.push({ ...base, registerKWh: spanKWh, toleranceKWh: tolerance(spanKWh), status: 'power-not-reported' }); continue; }
    if (c.pairs === 0) { out.push({ ...base, registerKWh: spanKWh, toleranceKWh: tolerance(spanKWh), status: 'power-not-covered' }); continue; }
    const net = c.netWs / WS_PER_KWH;
    const pos = c.positiveWs / WS_PER_KWH;
    const tol = tolerance(net);
    const agree = Math.abs(c.registerKWh - net) <= tol || (power === 'heatPowerW' && Math.abs(c.registerKWh - pos) <= tolerance(pos));
    out.push({ register, power, registerKWh: c.registerKWh, integratedKWh: net, integratedPositiveKWh: power === 'heatPowerW' ? pos : null, toleranceKWh: tol, status: agree ? 'agree' : 'disagree' });
  }
  return out;
}
