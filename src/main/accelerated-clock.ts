import type { Clock } from '../app/ports/clock.js';

/**
 * The demo's clock: simulated time that starts at `startMs` and runs `speed` times faster than the wall
 * clock. The whole platform (ingest limits, online/offline, live views) runs on it in demo mode.
 */
export function acceleratedClock(startMs: number, speed: number, wallNowMs: () => number = Date.now): Clock {
  const t0 = wallNowMs();
  return { nowMs: () => Math.floor(startMs + (wallNowMs() - t0) * speed) };
}
