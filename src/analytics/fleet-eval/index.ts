/**
 * Post-evaluation of a fleet from measured KPIs (docs/analytics/post-evaluation.md): expected vs actual
 * against the digital twin with likely causes, key influence factors, model/manufacturer rankings and a
 * credit list from rules as data, after-sales metrics from fault codes, and fleet tables. Pure functions;
 * configuration is parsed by zod; results are JSON-serialisable and name their period, boundary and population.
 */
export type { EvaluatedUnit, PeriodLabel } from './evaluated-unit.js';
export { commonPeriod, unitCoveragePct, capacityBand, installationYear } from './evaluated-unit.js';
export { notEvaluableReasons, NOT_EVALUABLE_CODES, METERING_CODES, type NotEvaluableReason, type NotEvaluableCode, type EvaluabilityRule } from './evaluability.js';
export { KPI_CATALOGUE, KPI_KEYS, type KpiKey, type KpiSpec } from './kpi-catalogue.js';
export { filterUnits, kpiDistribution, compareUnits, FleetFilterSchema, DistributionRequestSchema, ComparisonRequestSchema, type FleetFilter, type FilterResult, type Distribution, type Comparison } from './fleet-tables.js';
export { rankGroups, RankingOptionsSchema, BoundarySchema, type Ranking, type RankingOptions, type RankedGroup, type UnrankedGroup } from './rankings.js';
export { creditList, parseCreditRules, ruleText, CreditRuleSchema, CreditRulesSchema, type CreditRule, type CreditList, type CreditEntry, type RuleOutcome, type UnitEvidence } from './credit-rules.js';
export { afterSalesMetrics, faultEventsFromReadings, faultCodesOf, eventsByUnit, AfterSalesOptionsSchema, type FaultEvent, type AfterSalesReport, type AfterSalesGroup } from './after-sales.js';
export { influenceFactors, InfluenceOptionsSchema, type InfluenceOptions, type InfluenceResult, type Term, type Contrast, type FactorNote, type FactorStatus } from './influence-factors.js';
export { FACTORS, FACTOR_KEYS, type FactorKey } from './influence-factors-data.js';
export { expectedVsActual, rankByShortfall, ExpectedVsActualOptionsSchema, type ExpectedVsActual, type ExpectedVsActualInput, type ExpectedVsActualOptions, type ShortfallRanking, type ActualFigures } from './expected-vs-actual.js';
export { runExpected, type ExpectedFigures, type ExpectedRunOptions } from './expected-performance.js';
export { diagnoseCauses, CauseThresholdsSchema, CAUSE_CODES, type Cause, type CauseCode, type CauseThresholds, type Evidence } from './causes.js';
export { periodWeather, hourlyOutdoorFromReadings, type HourlyTemperature, type PeriodWeather } from './measured-weather.js';
export { setpointsFromReadings } from './measured-setpoints.js';
export { fitOls, RankDeficientError, type OlsFit } from './ols.js';
export { studentTQuantile, studentTCdf } from './student-t.js';
export { bootstrapMedianCi, bootstrapMedianDifferenceCi, quantileSorted, median, summarise, type ConfidenceInterval, type BootstrapOptions, type Summary } from './stats.js';
export { GroupBySchema, groupOf, type GroupBy, type GroupLabel } from './groups.js';
