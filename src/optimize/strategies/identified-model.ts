/**
 * The identified planner model lives in ../planner-model/identified-room-model.ts (shared with the live dispatch
 * planner); the season strategy runs import it from here. identified-model.md describes its use in the season runs.
 */
export * from '../planner-model/identified-room-model.js';
