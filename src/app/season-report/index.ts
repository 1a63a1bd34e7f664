/** Season reports and post-evaluation (docs/analytics/reports.md): use cases, exports and their bounds. */
export { createSeasonReports, FAULT_EVENT_MAX_GAP_S, type SeasonReports, type SeasonReportDeps, type SeasonReportBundle } from './service.js';
export { createExpectedRuns, DEFAULT_EXPECTED_RUN_OPTIONS, type ExpectedRuns, type ExpectedRunOptions } from './expected-runs.js';
export { SeasonReportError, type SeasonReportErrorCode } from './errors.js';
export { seasonOfDay, dayOfLocalDate, localDateOfDay } from './period.js';
