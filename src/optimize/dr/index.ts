/** Demand-response events: household flexibility, fleet offer, least-cost commitment, delivered flexibility (demand-response.md). */
export { householdFlexibility, WINDOW_PRICE_MULTIPLE, type DrDirection, type DrWindow, type HouseholdFlexibility } from './flexibility.js';
export { fleetOffer, commitEvent, deliveredFlexibility, type DrGroupLimits, type DrOffer, type DrCommitment, type DrParticipation, type DeliveredFlexibility } from './fleet-event.js';
