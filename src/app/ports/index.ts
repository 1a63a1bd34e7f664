export type * from './telemetry-store.js';
export type * from './registry-store.js';
export type * from './access-store.js';
export * from './clock.js';
export { ROLLUP_RESOLUTIONS, RESOLUTION_MS } from './telemetry-store.js';
export type * from './kpi-day-store.js';
export type * from './fault-event-store.js';
export type * from './dr-event-store.js';
export type * from './weather-feed.js';
