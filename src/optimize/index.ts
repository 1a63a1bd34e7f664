/**
 * heatfleet's optimiser — pure, no I/O: tariffs as data, the household day-ahead LP (HiGHS and a
 * specialised exact solver), and fleet coordination under transformer limits. See docs/optimize.md.
 */
export * from './tariff/index.js';
export { type HouseholdProblem, type HouseholdPlan, householdProblemIssues, COMFORT_TOLERANCE_K } from './household-problem.js';
export { householdProblemFromTwin, PENALTY_PRICE_MULTIPLE, type TwinProblemOptions } from './twin-problem.js';
export { prepareHousehold, solveHouseholdFast, evaluatePlan, revalue, type PreparedHousehold, type FastSolution, type FastSolveOptions } from './household-fast.js';
export { solveHouseholdLp, solveModel, type HouseholdLpResult, type LpOutcome } from './household-lp.js';
export { buildLp, scheduleFromColumns, type LpHousehold, type LpOptions, type LpTransformer } from './lp-model.js';
export { solveHouseholdOnOff, onOffStates, onOffViolations, type OnOffRule, type OnOffViolation, type OnOffResult, type OnOffOptions } from './on-off.js';
export { discretise, simulateTempC, type Discretised } from './rc-model.js';
export { loadHighs } from './load-highs.js';
export * from './fleet/index.js';
export * from './contracts/index.js';
