/** Dispatch: commands to devices with ack/timeout/retry, plans per transformer and day, drift and rolling replanning (docs/dispatch.md). */
export { createDispatcher, DEFAULT_DISPATCHER_OPTIONS, type Dispatcher, type DispatcherOptions } from './dispatcher.js';
export { createDispatchService, DEFAULT_TARIFF_ID, type DispatchService, type DispatchServiceDeps, type DispatchResult } from './dispatch-service.js';
export { createReplanner, type Replanner, type ReplanOutcome } from './replanner.js';
export { planVsActual } from './plan-vs-actual.js';
export { newCommandRecord, type CommandBody } from './command-factory.js';
export type { CommandTransport } from './command-transport.js';
export type { DispatchStore, CommandRecord, PlanRecord } from './dispatch-store.js';
export type { Planner } from './plan-builder.js';
export { workerModelChooser, workerPlanner } from './worker-planner.js';
export { createPlannerModels, registeredModels, type ModelChooser, type PlannerModelSource } from './planner-models.js';
