/** The planner's building model per household: fitted to its telemetry or registered, and why (model-choice.md). */
export { fitRoomModel, registeredRoomPrior, withIdentifiedModel, TRUSTED_HEAT_LOSS_FACTOR, TRUSTED_TIME_CONSTANT_H, type IdentifiedRoomModel, type FitRoomModelOptions, type IdentifyMethod } from './identified-room-model.js';
export { chooseHouseholdModel, registeredChoice, MAX_FIT_RMSE_K, PLANNER_MODEL_CODES, PLANNER_MODEL_WINDOW_DAYS, type ChooseModelOptions, type ModelDecision, type PlannerModelChoice, type PlannerModelCode } from './model-choice.js';
export { chooseHouseholdModels, problemOnModel, type ModelJob } from './plan-on-model.js';
