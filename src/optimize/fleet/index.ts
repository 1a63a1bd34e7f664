export { coordinateFleet, coordinateGroup, fleetPlanOf } from './coordinate.js';
export { restore, restoreSequential } from './restore.js';
export { solveFleetMonolithic, type MonolithicResult } from './monolithic.js';
export { heatingCapacityW, type TransformerGroup, type FleetIssue, type FleetPlan, type GroupPlan, type CoordinationOptions } from './types.js';
export { ColumnPool, solveMaster } from './master.js';
export { warmUpFleetSolvers } from './warm-up.js';
export { coordinateProgramme } from './programme-coordinate.js';
export { parseProgrammeTarget, ProgrammeTargetSchema, type ProgrammeTarget, type ProgrammeTargetInput, type ProgrammeIssue, type ProgrammePlan, type ProgrammeReport } from './programme-target.js';
