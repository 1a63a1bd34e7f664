/**
 * How a demo device obeys the platform (docs/dispatch.md, "The demo"): it keeps the commands it accepted and,
 * at every step, puts its twin household's controller in the state they ask for — an override (setpoint, mode or
 * SG-Ready-like run permission) over the schedule, the schedule's slot over the occupants' own programme, which is
 * also the fallback once a schedule runs out. Each command id is applied once; a repeated id gets the first answer.
 *
 * A slot's `powerLimitW` is followed by the same controller the season strategies use (src/sim/schedule-control.ts:
 * the unit draws the planned energy per slot through an energy bucket, its own thermostat stays the comfort
 * safeguard), with the device's own comfort ceiling: its highest programmed setpoint (or the slot's setpoint) plus
 * the twin's boost allowance — the ceiling the planner used (src/optimize/twin-problem.ts).
 */
import { DeviceCommandSchema, type CommandAck, type DeviceCommand } from '../../contract/commands.js';
import { BOOST_K } from '../../sim/controls.js';
import type { FleetSimulation } from '../../sim/index.js';
import { followSchedule, isFollowingSchedule, releaseSchedule } from '../../sim/schedule-control.js';

type Answer = Pick<CommandAck, 'status' | 'reason'>;
type Sg = 'lock' | 'normal' | 'boost';
/** What is in force: a plan to follow (power per slot and ceiling) or the thermostat with a setpoint and run permission. */
type Control = { follow: { powerW: number; ceilingC: number } | null; setpointC: number | null; sg: Sg; untilMs: number };
type ScheduleCommand = Extract<DeviceCommand, { kind: 'schedule' }>;

const SG_OF = { 1: 'lock', 2: 'normal', 3: 'boost', 4: 'boost' } as const;

export interface CommandFollower {
  /** Handles one payload from the commands topic; returns the ack to publish, or null when there is nothing to answer. */
  receive(payload: string, nowMs: number): CommandAck | null;
  /** Applies what is in force at `nowMs` to household `i` of the simulation (call every step). */
  apply(sim: FleetSimulation, i: number, nowMs: number): void;
  applied(): number;
}

/** The schedule's control at `nowMs`: its slot, or its fallback once it ran out; null before it starts. */
function scheduleControl(schedule: ScheduleCommand, nowMs: number): Control | null {
  const slotMs = schedule.slotS * 1000;
  const k = Math.floor((nowMs - schedule.startMs) / slotMs);
  if (k < 0) return null;
  const slot = schedule.slots[k];
  const untilMs = schedule.startMs + (k + 1) * slotMs;
  if (slot) {
    if (slot.powerLimitW === undefined) return { follow: null, setpointC: slot.setpointC ?? null, sg: 'normal', untilMs };
    const ownCeilingC = Math.max(slot.setpointC ?? 0, ...schedule.fallback.hourlySetpointC) + BOOST_K;
    return { follow: { powerW: slot.powerLimitW, ceilingC: ownCeilingC }, setpointC: slot.setpointC ?? null, sg: 'normal', untilMs };
  }
  // The schedule ran out: follow its fallback (the occupants' own programme, by local hour).
  const hour = Math.floor((((nowMs / 3_600_000 + schedule.fallback.utcOffsetMin / 60) % 24) + 24) % 24);
  return { follow: null, setpointC: schedule.fallback.hourlySetpointC[hour] ?? null, sg: 'normal', untilMs: nowMs + 60_000 };
}

export function createCommandFollower(unitId: string): CommandFollower {
  const answers = new Map<string, Answer>();
  const overrides: DeviceCommand[] = [];
  let schedule: ScheduleCommand | null = null;
  let last = '';
  let appliedCount = 0;

  const decide = (c: DeviceCommand, nowMs: number): Answer => {
    if (c.unitId !== unitId) return { status: 'rejected', reason: `unit ${c.unitId} is not served by this gateway` };
    if (nowMs > c.expiresAtMs) return { status: 'rejected', reason: `expired at ${new Date(c.expiresAtMs).toISOString()}` };
    if (c.kind === 'schedule') schedule = c;
    else {
      // A newer command of the same kind replaces the older one.
      const i = overrides.findIndex((o) => o.kind === c.kind);
      if (i >= 0) overrides.splice(i, 1);
      overrides.push(c);
    }
    appliedCount++;
    return { status: 'accepted' };
  };

  const controlAt = (nowMs: number): Control => {
    let ctl: Control = (schedule && scheduleControl(schedule, nowMs)) ?? { follow: null, setpointC: null, sg: 'normal', untilMs: nowMs + 60_000 };
    for (const o of overrides) {
      if (!('validFromMs' in o) || o.validFromMs > nowMs || nowMs >= o.validToMs) continue;
      // An override wins over the plan: the unit leaves the schedule and its thermostat takes the override.
      const base = { ...ctl, follow: null, untilMs: Math.min(ctl.untilMs, o.validToMs) };
      if (o.kind === 'setpoint') ctl = { ...base, setpointC: o.setpointC };
      if (o.kind === 'run-permission') ctl = { ...base, sg: SG_OF[o.sgState] };
      if (o.kind === 'mode') ctl = { ...base, sg: o.mode === 'standby' ? 'lock' : 'normal' };
    }
    return ctl;
  };

  return {
    receive(payload, nowMs) {
      let json: unknown;
      try {
        json = JSON.parse(payload);
      } catch {
        return null;
      }
      const parsed = DeviceCommandSchema.safeParse(json);
      if (!parsed.success) {
        const id = (json as { id?: unknown } | null)?.id;
        return typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/.test(id)
          ? { commandId: id, status: 'rejected', reason: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500) }
          : null;
      }
      const c = parsed.data;
      let answer = answers.get(c.id);
      if (answer === undefined) {
        answer = decide(c, nowMs);
        answers.set(c.id, answer);
      }
      return { commandId: c.id, ...answer, atMs: nowMs };
    },
    apply(sim, i, nowMs) {
      const ctl = controlAt(nowMs);
      const key = `${ctl.follow?.powerW}|${ctl.follow?.ceilingC}|${ctl.setpointC}|${ctl.sg}|${ctl.untilMs}`;
      if (key === last) return;
      last = key;
      const durationS = Math.max(1, (ctl.untilMs - nowMs) / 1000);
      sim.setSetpoint(i, ctl.setpointC, durationS);
      sim.setRunPermission(i, ctl.sg, durationS);
      // Called at every slot boundary (the key holds the slot's end), as schedule-control asks.
      if (ctl.follow) followSchedule(sim.state, i, ctl.follow);
      else if (isFollowingSchedule(sim.state, i)) releaseSchedule(sim.state, i);
    },
    applied: () => appliedCount,
  };
}
