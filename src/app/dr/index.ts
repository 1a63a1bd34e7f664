/** Demand-response events: offer, commitment as a new plan revision, delivered flexibility (docs/demand-response.md). */
export { createDrService, summaryOfEvent, type DrService, type DrServiceDeps, type DrResult } from './dr-service.js';
