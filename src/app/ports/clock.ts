/** Port: the time source. Simulators, planners and ingestion take a Clock; tests use a fixed one. */
export interface Clock {
  nowMs(): number;
}
export const systemClock: Clock = { nowMs: () => Date.now() };
export const fixedClock = (ms: number): Clock & { set(ms: number): void; advance(ms: number): void } => {
  let t = ms;
  return { nowMs: () => t, set: (v) => { t = v; }, advance: (d) => { t += d; } };
};
