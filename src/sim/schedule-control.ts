/**
 * Schedule following: the platform hands a unit a planned electric power per slot and a room ceiling;
 * the unit draws that energy on average (water allowed up to its design flow temperature), modulating (inverter) or cycling
 * (fixed speed) through an energy bucket, while its own thermostat stays the comfort safeguard. The
 * physics runs in fleet-kernel.ts; this file is the control interface and its constants. See schedule-control.md.
 */
import type { FleetState } from './fleet-state.js';

/**
 * Energy bucket of the plan (token bucket): it fills at the planned power and holds at most this many
 * seconds of it (and at most this much debt). 600 s lets a fixed-speed unit complete its 3-minute minimum
 * run and 5-minute minimum pause while keeping the slot average; nothing carries into a slot planned at 0.
 */
export const SCHEDULE_BUCKET_S = 600;
/** Initial bucket levels are spread over households by this irrational step, so fixed-speed units do not start in step. */
const PHASE_STEP = 0.6180339887498949;

export interface ScheduleSlot {
  /** Planned average electric power of compressor and fan (W); Infinity = unrestricted up to the ceiling. */
  readonly powerW: number;
  /** The plan never heats the room above this (°C). */
  readonly ceilingC: number;
}

function check(st: FleetState, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= st.size) throw new Error(`household index ${i} is outside 0…${st.size - 1}`);
}

/**
 * Puts household `i` on its plan for the next slot (call again at every slot boundary). `bucketPhase` (0…1)
 * sets the starting bucket level as a share of its size; by default it is spread by index. Pass a value tied to
 * the household (e.g. a hash of its id) when the same household may sit at different indices.
 */
export function followSchedule(st: FleetState, i: number, slot: ScheduleSlot, bucketPhase = (i * PHASE_STEP) % 1): void {
  check(st, i);
  if (!(slot.powerW >= 0)) throw new Error(`schedule: power ${slot.powerW} W must be ≥ 0 (Infinity = unrestricted)`);
  if (!Number.isFinite(slot.ceilingC)) throw new Error(`schedule: ceiling ${slot.ceilingC} °C must be finite`);
  const s = st.s;
  const wasFollowing = !Number.isNaN(s.schedW[i] as number);
  if (!wasFollowing) {
    // First slot: the thermostat's call state is not a safeguard call yet.
    s.heatCall[i] = 0;
    if (!(bucketPhase >= 0 && bucketPhase <= 1)) throw new Error(`schedule: bucket phase ${bucketPhase} must be within 0…1`);
    s.schedTokJ[i] = Number.isFinite(slot.powerW) ? slot.powerW * SCHEDULE_BUCKET_S * bucketPhase : 0;
  }
  s.schedW[i] = slot.powerW;
  s.schedCeilC[i] = slot.ceilingC;
}

/** Back to the unit's own thermostat and schedule. */
export function releaseSchedule(st: FleetState, i: number): void {
  check(st, i);
  st.s.schedW[i] = Number.NaN;
  st.s.schedTokJ[i] = 0;
}

export function isFollowingSchedule(st: FleetState, i: number): boolean {
  check(st, i);
  return !Number.isNaN(st.s.schedW[i] as number);
}
