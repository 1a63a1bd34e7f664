/**
 * The demand-response API as the dashboard uses it (docs/demand-response.md). Types come from the wire
 * contract (type-only imports keep zod out of the bundle); the literal types keep these copies in step with
 * src/contract/dr-events.ts.
 */
import type { DR_DIRECTIONS as DrDirections, DR_STATUSES as DrStatuses } from '../../../../src/contract/dr-events.js';
import { query } from '../../api/client.js';

export type { CreateDrEvent, DrEventDetail, DrEventSummary, DrStatus } from '../../../../src/contract/dr-events.js';

export const DR_DIRECTIONS: typeof DrDirections = ['reduce', 'increase'];
export const DR_STATUSES: typeof DrStatuses = ['offered', 'committed', 'completed', 'cancelled'];
export type DrDirection = (typeof DR_DIRECTIONS)[number];

/** Paths relative to /api/v1 (`useApi`, `apiRequest`). */
export const drPaths = {
  events: (villageId?: string) => `/dr/events${query({ villageId, limit: 200 })}`,
  create: () => '/dr/events',
  event: (id: string) => `/dr/events/${encodeURIComponent(id)}`,
  commit: (id: string) => `/dr/events/${encodeURIComponent(id)}/commit`,
  cancel: (id: string) => `/dr/events/${encodeURIComponent(id)}/cancel`,
};
