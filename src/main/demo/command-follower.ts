/**
 * How a demo device obeys the platform (docs/dispatch.md, "Device behaviour"): it keeps the commands it
 * accepted and, at every step, puts its twin household's controller in the state they ask for —
 * an override (setpoint or SG-Ready-like run permission) over the schedule, the schedule's slot over the
 * occupants' own programme, which is also the fallback once a schedule runs out. Each command id is applied
 * once; a repeated id gets the first answer again. Minimal on purpose: a slot's power ceiling maps to
 * "locked" (ceiling 0) or "normal" (any other ceiling), since the twin's controller has no power limit.
 */
import { DeviceCommandSchema, type CommandAck, type DeviceCommand } from '../../contract/commands.js';
import type { FleetSimulation } from '../../sim/index.js';

type Answer = Pick<CommandAck, 'status' | 'reason'>;
type Control = { setpointC: number | null; sg: 'lock' | 'normal' | 'boost'; untilMs: number };

const SG_OF = { 1: 'lock', 2: 'normal', 3: 'boost', 4: 'boost' } as const;

export interface CommandFollower {
  /** Handles one payload from the commands topic; returns the ack to publish, or null when there is nothing to answer. */
  receive(payload: string, nowMs: number): CommandAck | null;
  /** Applies what is in force at `nowMs` to household `i` of the simulation (call every step). */
  apply(sim: FleetSimulation, i: number, nowMs: number): void;
  applied(): number;
}

export function createCommandFollower(unitId: string): CommandFollower {
  const answers = new Map<string, Answer>();
  const overrides: DeviceCommand[] = [];
  let schedule: Extract<DeviceCommand, { kind: 'schedule' }> | null = null;
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
    const live = overrides.filter((o) => 'validFromMs' in o && o.validFromMs <= nowMs && nowMs < o.validToMs);
    let ctl: Control = { setpointC: null, sg: 'normal', untilMs: nowMs + 60_000 };
    if (schedule !== null) {
      const k = Math.floor((nowMs - schedule.startMs) / (schedule.slotS * 1000));
      const slot = k >= 0 ? schedule.slots[k] : undefined;
      if (slot) ctl = { setpointC: slot.setpointC ?? null, sg: slot.powerLimitW === 0 ? 'lock' : 'normal', untilMs: schedule.startMs + (k + 1) * schedule.slotS * 1000 };
      else if (k >= schedule.slots.length) {
        // The schedule ran out: follow its fallback (the occupants' own programme, by local hour).
        const hour = Math.floor((((nowMs / 3_600_000 + schedule.fallback.utcOffsetMin / 60) % 24) + 24) % 24);
        ctl = { setpointC: schedule.fallback.hourlySetpointC[hour] ?? null, sg: 'normal', untilMs: nowMs + 60_000 };
      }
    }
    for (const o of live) {
      const until = 'validToMs' in o ? o.validToMs : nowMs;
      if (o.kind === 'setpoint') ctl = { ...ctl, setpointC: o.setpointC, untilMs: Math.min(ctl.untilMs, until) };
      if (o.kind === 'run-permission') ctl = { ...ctl, sg: SG_OF[o.sgState], untilMs: Math.min(ctl.untilMs, until) };
      if (o.kind === 'mode') ctl = { ...ctl, sg: o.mode === 'standby' ? 'lock' : 'normal', untilMs: Math.min(ctl.untilMs, until) };
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
      const key = `${ctl.setpointC}|${ctl.sg}|${ctl.untilMs}`;
      if (key === last) return;
      last = key;
      const durationS = Math.max(1, (ctl.untilMs - nowMs) / 1000);
      sim.setSetpoint(i, ctl.setpointC, durationS);
      sim.setRunPermission(i, ctl.sg, durationS);
    },
    applied: () => appliedCount,
  };
}
