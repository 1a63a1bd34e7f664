/**
 * Cumulative registers against integrated power (register-check.md). Between consecutive register
 * readings whose slots are all covered by the power channel, the register's increase is compared with
 * the integral of power; disagreement beyond max(rel·|integrated|, abs) is flagged.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import { SLOT_MISSING, type Grid } from './resample.js';
import type { KpiOptions, RegisterCheck } from './types.js';

export const REGISTER_PAIRS: readonly (readonly [ChannelKey, ChannelKey])[] = [
  ['unitEnergyKWh', 'unitPowerW'], ['compressorEnergyKWh', 'compressorPowerW'], ['backupEnergyKWh', 'backupPowerW'],
  ['pumpEnergyKWh', 'pumpPowerW'], ['heatEnergyKWh', 'heatPowerW'],
];

const WS_PER_KWH = 3.6e6;

export function checkRegisters(grid: Grid, o: KpiOptions, excluded: ReadonlySet<ChannelKey>): RegisterCheck[] {
  const out: RegisterCheck[] = [];
  const slotOf = (ts: number) => Math.floor((ts - grid.fromMs) / grid.intervalMs);
  for (const [register, power] of REGISTER_PAIRS) {
    const reg = grid.raw.get(register);
    if (!reg) continue;
    const base = { register, power, integratedKWh: null, integratedPositiveKWh: null };
    const n = reg.tsMs.length;
    const spanKWh = n > 0 ? (reg.values[n - 1] as number) - (reg.values[0] as number) : 0;
    const tolerance = (x: number) => Math.max(o.registerToleranceRel * Math.abs(x), o.registerToleranceAbsKWh);
    if (n < 2) { out.push({ ...base, registerKWh: 0, toleranceKWh: o.registerToleranceAbsKWh, status: 'single-reading' }); continue; }
    if (reg.values.some((v, i) => i > 0 && v < (reg.values[i - 1] as number))) {
      out.push({ ...base, registerKWh: spanKWh, toleranceKWh: tolerance(spanKWh), status: 'register-went-backwards' }); continue;
    }
    const p = excluded.has(power) ? undefined : grid.series.get(power);
    if (!p) { out.push({ ...base, registerKWh: spanKWh, toleranceKWh: tolerance(spanKWh), status: 'power-not-reported' }); continue; }
    let regKWh = 0; let netWs = 0; let posWs = 0; let pairs = 0;
    for (let i = 1; i < n; i++) {
      const a = slotOf(reg.tsMs[i - 1] as number);
      const b = slotOf(reg.tsMs[i] as number);
      let covered = true;
      for (let j = a; j < b && covered; j++) covered = p.state[j] !== SLOT_MISSING;
      if (!covered) continue;
      pairs++;
      regKWh += (reg.values[i] as number) - (reg.values[i - 1] as number);
      for (let j = a; j < b; j++) {
        const w = (p.values[j] as number) * (grid.durS[j] as number);
        netWs += w; if (w > 0) posWs += w;
      }
    }
    if (pairs === 0) { out.push({ ...base, registerKWh: spanKWh, toleranceKWh: tolerance(spanKWh), status: 'power-not-covered' }); continue; }
    const net = netWs / WS_PER_KWH;
    const pos = posWs / WS_PER_KWH;
    const tol = tolerance(net);
    // A heat meter may or may not subtract the heat drawn back by defrost: either reading agrees.
    const agree = Math.abs(regKWh - net) <= tol || (power === 'heatPowerW' && Math.abs(regKWh - pos) <= tolerance(pos));
    out.push({ register, power, registerKWh: regKWh, integratedKWh: net, integratedPositiveKWh: power === 'heatPowerW' ? pos : null, toleranceKWh: tol, status: agree ? 'agree' : 'disagree' });
  }
  return out;
}
