/**
 * Live updates: a loop refreshes the fleet status and tells subscribers which sites changed. Each
 * subscriber (an SSE connection) filters by its own principal, so a live channel never carries data
 * its listener may not see.
 */
import type { FleetStatus } from './fleet-status.js';

export type LiveListener = (changedSiteIds: ReadonlySet<string>) => void;

export interface LiveHub {
  subscribe(listener: LiveListener): () => void;
  /** One refresh now (also used by tests); returns the changed site ids. */
  tick(): Promise<ReadonlySet<string>>;
  start(intervalMs: number): void;
  stop(): void;
  readonly listenerCount: number;
}

export function createLiveHub(deps: { status: FleetStatus; onError: (e: unknown) => void }): LiveHub {
  const listeners = new Set<LiveListener>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const tick = async (): Promise<ReadonlySet<string>> => {
    const changed = await deps.status.refresh();
    if (changed.size > 0) for (const l of listeners) l(changed);
    return changed;
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    tick,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        tick()
          .catch(deps.onError)
          .finally(() => {
            running = false;
          });
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
