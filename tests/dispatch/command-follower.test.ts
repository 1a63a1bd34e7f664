/** The demo device's side of the protocol: idempotent by id, expiry, precedence override > schedule slot > fallback, on the real twin; a slot's power is followed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCommandFollower } from '../../src/main/demo/command-follower.js';
import { DEMO_WEATHER_FILE } from '../../src/main/demo/start-demo.js';
import { createFleetSimulation, generateFleet, parseEpw } from '../../src/sim/index.js';

const T0 = Date.parse('2019-01-15T10:00:00+08:00');
const fallback = { utcOffsetMin: 480, hourlySetpointC: Array.from({ length: 24 }, (_, h) => (h >= 22 || h < 6 ? 16 : 19)) };
const cmd = (over: Record<string, unknown>) => JSON.stringify({ unitId: 'u1', issuedAtMs: T0, expiresAtMs: T0 + 3_600_000, ...over });

describe('demo device command follower', () => {
  it('answers a repeated id as the first time and applies it once; rejects expired and foreign-unit commands with a reason', () => {
    const f = createCommandFollower('u1');
    const c = cmd({ id: 'c1', kind: 'setpoint', setpointC: 21, validFromMs: T0, validToMs: T0 + 3_600_000 });
    expect(f.receive(c, T0)).toEqual({ commandId: 'c1', status: 'accepted', atMs: T0 });
    expect(f.receive(c, T0 + 5000)).toEqual({ commandId: 'c1', status: 'accepted', atMs: T0 + 5000 });
    expect(f.applied()).toBe(1);
    expect(f.receive(cmd({ id: 'c2', kind: 'mode', mode: 'standby', validFromMs: T0, validToMs: T0 + 60_000 }), T0 + 4_000_000)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^expired/) });
    expect(f.receive(cmd({ id: 'c3', unitId: 'u9', kind: 'mode', mode: 'standby', validFromMs: T0, validToMs: T0 + 60_000 }), T0)).toMatchObject({ status: 'rejected', reason: 'unit u9 is not served by this gateway' });
    expect(f.receive(cmd({ id: 'c4', kind: 'setpoint', setpointC: 99, validFromMs: T0, validToMs: T0 + 1 }), T0)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^setpointC/) });
    expect(f.receive('not json', T0)).toBeNull();
    expect(f.applied()).toBe(1);
  });

  it('drives the twin: schedule slot, override above it, fallback after the schedule ends', () => {
    const fleet = generateFleet('beijing-103', 7);
    const one = { ...fleet, households: fleet.households.slice(0, 1) };
    const sim = createFleetSimulation(one, parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8')), { startMs: T0, stepS: 60 });
    const f = createCommandFollower('u1');
    const slots = [{ powerLimitW: 3000, setpointC: 20 }, { powerLimitW: 0 }];
    f.receive(cmd({ id: 's1', kind: 'schedule', startMs: T0, slotS: 900, slots, fallback }), T0);
    /** Runs the device loop (apply, then step) until the simulation reaches `untilMs`; returns the setpoint in force. */
    const runTo = (untilMs: number) => {
      while (sim.tsMs < untilMs) {
        f.apply(sim, 0, sim.tsMs);
        sim.step();
      }
      return sim.channels(0).setpointC;
    };
    expect(runTo(T0 + 120_000)).toBe(20);
    f.receive(cmd({ id: 'o1', kind: 'setpoint', setpointC: 22.5, validFromMs: T0 + 300_000, validToMs: T0 + 600_000 }), T0);
    expect(runTo(T0 + 240_000)).toBe(20);
    expect(runTo(T0 + 420_000)).toBe(22.5);
    expect(runTo(T0 + 720_000)).toBe(20);
    // After the schedule (2 slots = 30 min): the fallback's 10:00 local setpoint.
    expect(runTo(T0 + 32 * 60_000)).toBe(19);
  });

  it('draws the planned power of each slot (schedule-control), not just "allowed / locked"', () => {
    const fleet = generateFleet('beijing-103', 7);
    const weather = parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8'));
    // The room is first warmed to 20.5 °C (setpoint override 20:00–23:00); from 23:00 (the occupants' night setback,
    // switch-on point 17 °C) the thermostat's comfort safeguard stays out of the way and only the plan decides.
    const t0 = Date.parse('2019-01-15T20:00:00+08:00');
    const t1 = t0 + 3 * 3_600_000;
    // An inverter unit modulates down to the planned power (a fixed-speed one cycles through the bucket: see docs/dispatch.md).
    const household = fleet.households.find((h) => h.unit.capacityControl === 'inverter');
    if (!household) throw new Error('beijing-103 has inverter units');
    const meanPowerW = (slots: readonly { powerLimitW: number }[]) => {
      const sim = createFleetSimulation({ ...fleet, households: [household] }, weather, { startMs: t0, stepS: 60 });
      const f = createCommandFollower('u1');
      f.receive(cmd({ id: 'w1', kind: 'setpoint', setpointC: 20.5, issuedAtMs: t0, expiresAtMs: t1, validFromMs: t0, validToMs: t1 }), t0);
      f.receive(cmd({ id: 's1', kind: 'schedule', issuedAtMs: t0, startMs: t1, slotS: 900, slots, fallback, expiresAtMs: t1 + 86_400_000 }), t0);
      while (sim.tsMs < t1) {
        f.apply(sim, 0, sim.tsMs);
        sim.step();
      }
      const e0 = sim.channels(0).unitEnergyKWh as number;
      while (sim.tsMs < t1 + slots.length * 900_000) {
        f.apply(sim, 0, sim.tsMs);
        sim.step();
      }
      return (((sim.channels(0).unitEnergyKWh as number) - e0) * 3.6e6) / (slots.length * 900);
    };
    const low = meanPowerW(Array.from({ length: 8 }, () => ({ powerLimitW: 700 })));
    const high = meanPowerW(Array.from({ length: 8 }, () => ({ powerLimitW: 1800 })));
    const off = meanPowerW(Array.from({ length: 4 }, () => ({ powerLimitW: 0 })));
    // Within the bucket's slack over 2 h (the unit cycles below its minimum modulation), plus the controller's standby draw.
    expect(Math.abs(low - 700)).toBeLessThan(700 * 0.25);
    expect(Math.abs(high - 1800)).toBeLessThan(1800 * 0.1);
    expect(off).toBeLessThan(60); // standby only
  });
});
