import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEpw } from './epw.js';
import { generateFleet } from './fleet-generator.js';
import { createFleetSimulation } from './fleet-simulation.js';
import type { HouseholdDefinition } from './household.js';
import { followSchedule, isFollowingSchedule, releaseSchedule, SCHEDULE_BUCKET_S } from './schedule-control.js';

const beijing = parseEpw(readFileSync(new URL('../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const START = Date.parse('2018-12-10T00:00:00+08:00');
const households = generateFleet('beijing-103', 3).households;
const inverter = households.find((h) => h.unit.capacityControl === 'inverter' && h.emitter === 'floor') as HouseholdDefinition;
const fixed = households.find((h) => h.unit.capacityControl === 'fixed-speed' && h.emitter === 'radiator') as HouseholdDefinition;
const J_PER_KWH = 3.6e6;
const drawnKWh = (a: ReturnType<typeof createFleetSimulation>['state']['a']) => ((a.eCompJ[0] as number) + (a.eFanJ[0] as number) + (a.eBackupJ[0] as number)) / J_PER_KWH;

describe('schedule following (schedule-control)', () => {
  it('draws the planned power on average, inverter and fixed speed alike, while the room is below the ceiling', () => {
    for (const [h, powerW] of [[inverter, 3000], [fixed, 3200]] as const) {
      // A December morning: the plan's power is more than the house loses, less than the unit can give.
      // A day under its own thermostat first, so room, walls and water start the plan in a lived-in state.
      const sim = createFleetSimulation({ name: 't', households: [h] }, beijing, { startMs: START - 14 * 3_600_000, stepS: 60 });
      sim.advance(24 * 60);
      const before = drawnKWh(sim.state.a);
      const slots = 8; // 2 h in 15-min slots
      for (let k = 0; k < slots; k++) { followSchedule(sim.state, 0, { powerW, ceilingC: 26 }); sim.advance(15); }
      const planned = (powerW * slots * 0.25) / 1000;
      // Fixed speed cycles at full power through the energy bucket; the average still follows the plan.
      // Fixed speed cycles at full power through the energy bucket: it follows the plan to within one bucket
      // (10 min of planned power), and exactly once the bucket's balance is counted.
      const bucketKWh = (powerW * SCHEDULE_BUCKET_S) / J_PER_KWH;
      const drawn = drawnKWh(sim.state.a) - before;
      expect(Math.abs(drawn - planned)).toBeLessThanOrEqual(bucketKWh + 1e-9);
      expect(drawn).toBeCloseTo(planned - (sim.state.s.schedTokJ[0] as number) / J_PER_KWH, 6);
      expect(sim.state.a.safeguardJ[0]).toBe(0);
    }
  });
  it('a plan of 0 W keeps the unit off until the room falls below the occupants\' switch-on point; the safeguard then heats and is counted', () => {
    const sim = createFleetSimulation({ name: 't', households: [inverter] }, beijing, { startMs: START, stepS: 60 });
    const floorC = inverter.occupants.daySetpointC - inverter.occupants.hysteresisK;
    let minC = Number.POSITIVE_INFINITY;
    let offWhileWarm = true;
    for (let k = 0; k < 4 * 24; k++) {
      followSchedule(sim.state, 0, { powerW: 0, ceilingC: 26 });
      const before = drawnKWh(sim.state.a);
      const warm = (sim.state.s.ti[0] as number) > floorC + 0.3;
      sim.advance(15);
      // Above the floor (with margin for the slot's cooling) a 0-W plan draws nothing.
      if (warm && (sim.state.s.ti[0] as number) > floorC && drawnKWh(sim.state.a) - before > 1e-9 && (sim.state.a.safeguardJ[0] as number) === 0) offWhileWarm = false;
      minC = Math.min(minC, sim.state.s.ti[0] as number);
    }
    expect(offWhileWarm).toBe(true);
    expect(sim.state.a.safeguardJ[0]).toBeGreaterThan(0);
    // The safeguard holds the room near the occupants' switch-on point (the thermostat's own band).
    expect(minC).toBeGreaterThan(Math.min(inverter.occupants.nightSetpointC, floorC) - inverter.occupants.hysteresisK - 1);
    expect((sim.state.a.safeguardJ[0] as number) / J_PER_KWH).toBeCloseTo(drawnKWh(sim.state.a), 1);
  });
  it('releasing the schedule returns the unit to its thermostat; bad slots are refused with the field named', () => {
    const sim = createFleetSimulation({ name: 't', households: [inverter] }, beijing, { startMs: START, stepS: 60 });
    followSchedule(sim.state, 0, { powerW: 0, ceilingC: 22 });
    expect(isFollowingSchedule(sim.state, 0)).toBe(true);
    releaseSchedule(sim.state, 0);
    expect(isFollowingSchedule(sim.state, 0)).toBe(false);
    sim.advance(60 * 24);
    expect(sim.state.a.safeguardJ[0]).toBe(0);
    expect(drawnKWh(sim.state.a)).toBeGreaterThan(1);
    expect(() => followSchedule(sim.state, 0, { powerW: -1, ceilingC: 22 })).toThrow(/power -1 W/);
    expect(() => followSchedule(sim.state, 0, { powerW: 100, ceilingC: 22 }, 2)).toThrow(/bucket phase 2/);
    expect(() => followSchedule(sim.state, 0, { powerW: 100, ceilingC: Number.NaN })).toThrow(/ceiling/);
    expect(() => followSchedule(sim.state, 3, { powerW: 100, ceilingC: 22 })).toThrow(/index 3/);
  });
});
