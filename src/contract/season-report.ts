/**
 * Wire contract of the season report and post-evaluation API (`/api/v1/performance/...`, docs/analytics/reports.md).
 * Every response names its period (local days, UTC+8), the SEPEMO boundary of each figure and the population
 * it was computed over. Queries are flat query strings (lists comma-separated); only the credit list with
 * regulator-posted rules takes a JSON body.
 */
import { z } from 'zod';
import { CAPACITY_CONTROLS, EMITTER_TYPES, HEAT_PUMP_TYPE_KEYS } from '../domain/heat-pump-types.js';
import { TextRefSchema } from './texts/text-ref.js';

// ---------------------------------------------------------------- shared vocabulary

export const BOUNDARIES = ['h1', 'h2', 'h3', 'h4'] as const;
export const BoundarySchema = z.enum(BOUNDARIES);
export type BoundaryKey = z.infer<typeof BoundarySchema>;

/** SEPEMO boundaries, as every table labels them. */
export const BOUNDARY_DEFINITIONS: Readonly<Record<BoundaryKey, string>> = {
  h1: 'SPF H1 = heat-pump heat / compressor electricity',
  h2: 'SPF H2 = heat-pump heat / (compressor + outdoor fan + controls) electricity',
  h3: 'SPF H3 = (heat-pump + backup heat) / (H2 electricity + backup heater)',
  h4: 'SPF H4 = (heat-pump + backup heat) / (H3 electricity + circulation pump)',
};

/** The KPIs of fleet tables, distributions, comparisons and exports (labels, units and boundaries come with every response). */
export const SEASON_KPI_KEYS = [
  'spfH1', 'spfH2', 'spfH3', 'spfH4', 'copRunning', 'heatKWh', 'electricityH2KWh', 'backupElectricityKWh', 'pumpElectricityKWh',
  'defrostSharePct', 'startsPerRunningHour', 'shortCycles', 'loadRatio', 'flowTempC', 'deltaTK', 'carnotPct', 'hoursBelowTarget',
  'degreeHoursBelowKh', 'meanIndoorC', 'meanOutdoorC', 'hddKd', 'heatPerHddKWhPerKd', 'coveragePct',
] as const;
export const SeasonKpiKeySchema = z.enum(SEASON_KPI_KEYS);
export type SeasonKpiKey = z.infer<typeof SeasonKpiKeySchema>;

export const INFLUENCE_FACTOR_KEYS = ['emitter', 'capacityControl', 'unitType', 'envelope', 'loadRatio', 'flowTempC', 'meanOutdoorC', 'hddKd', 'heatLossWPerM2K', 'constructionYear', 'nominalCapacityKw'] as const;
export const GROUP_BY = ['model', 'manufacturer'] as const;
export const GroupBySchema = z.enum(GROUP_BY);

export const KpiColumnSchema = z.object({ key: SeasonKpiKeySchema, label: z.string(), unit: z.string(), boundary: BoundarySchema.nullable() });
export type KpiColumn = z.infer<typeof KpiColumnSchema>;

// ---------------------------------------------------------------- queries

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LocalDateSchema = z.string().regex(LOCAL_DATE, 'a local date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');
export const SEASON_REPORT_MAX_DAYS = 366;

const list = (what: string) => z.string().min(1).max(2000).optional().describe(`${what}, comma-separated`);

/** Period of whole local days (Asia/Shanghai, UTC+8): [from, to). Both or neither; neither → the heating season containing now, clamped to the data. */
export const periodShape = {
  from: LocalDateSchema.optional().describe('first local day (UTC+8), inclusive'),
  to: LocalDateSchema.optional().describe('the local day after the last one (exclusive): the Beijing season 15 Nov–15 Mar is from=YYYY-11-15&to=YYYY-03-16'),
};
/** Fleet filter as flat query parameters (the fleet-eval FleetFilter). */
export const filterShape = {
  village: list('village area ids'),
  programme: list('programme ids'),
  manufacturer: list('manufacturer names'),
  model: list('model names'),
  unitType: list(`unit types (${HEAT_PUMP_TYPE_KEYS.join(', ')})`),
  capacityControl: list(`capacity control (${CAPACITY_CONTROLS.join(', ')})`),
  emitter: list(`emitter types (${EMITTER_TYPES.join(', ')})`),
  minCapacityKw: z.coerce.number().nonnegative().optional().describe('nominal capacity ≥ this (kW)'),
  maxCapacityKw: z.coerce.number().positive().optional().describe('nominal capacity < this (kW)'),
  installedFrom: z.coerce.number().int().min(1990).max(2100).optional().describe('installation year ≥'),
  installedTo: z.coerce.number().int().min(1990).max(2100).optional().describe('installation year ≤'),
};

type PeriodLike = { from?: string | undefined; to?: string | undefined };
export function checkPeriod(q: PeriodLike, ctx: z.RefinementCtx): void {
  if ((q.from === undefined) !== (q.to === undefined)) { ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'give both from and to, or neither (the default heating season)' }); return; }
  if (q.from === undefined || q.to === undefined) return;
  const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
  if (!(days > 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from (to is exclusive)' });
  else if (days > SEASON_REPORT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${SEASON_REPORT_MAX_DAYS} days` });
}
function checkFilter(q: { minCapacityKw?: number | undefined; maxCapacityKw?: number | undefined; installedFrom?: number | undefined; installedTo?: number | undefined }, ctx: z.RefinementCtx): void {
  if (q.minCapacityKw !== undefined && q.maxCapacityKw !== undefined && !(q.minCapacityKw < q.maxCapacityKw)) ctx.addIssue({ code: 'custom', path: ['maxCapacityKw'], message: 'maxCapacityKw must be above minCapacityKw' });
  if (q.installedFrom !== undefined && q.installedTo !== undefined && q.installedFrom > q.installedTo) ctx.addIssue({ code: 'custom', path: ['installedTo'], message: 'installedTo must not be before installedFrom' });
}
const refineAll = (q: PeriodLike & Parameters<typeof checkFilter>[0], ctx: z.RefinementCtx) => { checkPeriod(q, ctx); checkFilter(q, ctx); };

export const SeasonScopeQuerySchema = z.object({ ...periodShape, ...filterShape }).strict().superRefine(refineAll);
export type SeasonScopeQuery = z.infer<typeof SeasonScopeQuerySchema>;

export const FleetTableQuerySchema = z.object({
  ...periodShape, ...filterShape,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.union([SeasonKpiKeySchema, z.literal('unitId')]).default('unitId').describe('a KPI key or unitId; units whose figure is null come last'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict().superRefine(refineAll);
export type FleetTableQuery = z.infer<typeof FleetTableQuerySchema>;

export const DistributionQuerySchema = z.object({
  ...periodShape, ...filterShape,
  kpi: SeasonKpiKeySchema.default('spfH2'),
  bins: z.coerce.number().int().min(1).max(200).default(10),
  rangeLow: z.coerce.number().optional(), rangeHigh: z.coerce.number().optional(),
}).strict().superRefine((q, ctx) => {
  refineAll(q, ctx);
  if ((q.rangeLow === undefined) !== (q.rangeHigh === undefined)) ctx.addIssue({ code: 'custom', path: ['rangeHigh'], message: 'give both rangeLow and rangeHigh, or neither' });
  else if (q.rangeLow !== undefined && q.rangeHigh !== undefined && !(q.rangeLow < q.rangeHigh)) ctx.addIssue({ code: 'custom', path: ['rangeHigh'], message: 'rangeHigh must be above rangeLow' });
});

export const ComparisonQuerySchema = z.object({
  ...periodShape,
  unitIds: z.string().min(1).max(4000).describe('up to 50 unit ids, comma-separated'),
  kpis: z.string().min(1).max(2000).optional().describe(`KPI keys, comma-separated (${SEASON_KPI_KEYS.join(', ')})`),
}).strict().superRefine((q, ctx) => {
  checkPeriod(q, ctx);
  const ids = q.unitIds.split(',').filter((s) => s.trim() !== '');
  if (ids.length === 0 || ids.length > 50) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: 'give 1 to 50 unit ids' });
  const bad = (q.kpis ?? '').split(',').filter((k) => k !== '' && !(SEASON_KPI_KEYS as readonly string[]).includes(k));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', path: ['kpis'], message: `unknown KPI ${bad.join(', ')}` });
});

export const UnitReportQuerySchema = z.object({
  ...periodShape,
  boundary: BoundarySchema.default('h2').describe('boundary of the expected-vs-actual comparison'),
  expected: z.enum(['true', 'false']).default('true').describe('run the digital twin for expected vs actual'),
}).strict().superRefine(checkPeriod);

export const ShortfallQuerySchema = z.object({ ...periodShape, ...filterShape, boundary: BoundarySchema.default('h2') }).strict().superRefine(refineAll);

export const InfluenceQuerySchema = z.object({
  ...periodShape, ...filterShape,
  boundary: BoundarySchema.default('h2'),
  factors: z.string().min(1).max(500).optional().describe(`factor keys, comma-separated (${INFLUENCE_FACTOR_KEYS.join(', ')})`),
  weighting: z.enum(['none', 'heat']).default('none'),
  minUnits: z.coerce.number().int().min(3).max(100_000).optional(),
  minCoveragePct: z.coerce.number().min(0).max(100).optional(),
}).strict().superRefine((q, ctx) => {
  refineAll(q, ctx);
  const bad = (q.factors ?? '').split(',').filter((k) => k !== '' && !(INFLUENCE_FACTOR_KEYS as readonly string[]).includes(k));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', path: ['factors'], message: `unknown factor ${bad.join(', ')}` });
});

export const RankingQuerySchema = z.object({
  ...periodShape, ...filterShape,
  groupBy: GroupBySchema.default('model'),
  boundary: BoundarySchema.default('h2'),
  minUnits: z.coerce.number().int().min(1).max(100_000).default(10).describe('groups need this many units meeting the unit rules'),
  minCoveragePct: z.coerce.number().min(0).max(100).default(80),
  minHeatKWh: z.coerce.number().min(0).default(500),
}).strict().superRefine(refineAll);

export const AfterSalesQuerySchema = z.object({ ...periodShape, ...filterShape, groupBy: GroupBySchema.default('model') }).strict().superRefine(refineAll);

// Credit rules: the same shape as src/analytics/fleet-eval/credit-rules.ts (a parity test keeps them equal).
const pct = z.number().min(0).max(100);
const ruleCommon = { id: z.string().min(1).max(64).optional(), groupBy: GroupBySchema.default('model'), minUnits: z.number().int().min(1) };
const spfData = { boundary: BoundarySchema, minCoveragePct: pct, minHeatKWh: z.number().min(0).default(0) };
export const CreditRuleWireSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('median-spf-below'), ...ruleCommon, ...spfData, thresholdSpf: z.number().positive() }).strict(),
  z.object({ kind: z.literal('share-below-floor'), ...ruleCommon, ...spfData, floorSpf: z.number().positive(), maxSharePct: pct }).strict(),
  z.object({ kind: z.literal('comfort-failure-share'), ...ruleCommon, maxHoursBelowPct: pct, maxSharePct: pct, minIndoorCoveragePct: pct.default(80) }).strict(),
  z.object({ kind: z.literal('fault-rate'), ...ruleCommon, maxEventsPerUnitSeason: z.number().min(0), seasonDays: z.number().positive().max(366).default(121) }).strict(),
  z.object({ kind: z.literal('not-evaluable-share'), ...ruleCommon, maxSharePct: pct }).strict(),
]);
export type CreditRuleWire = z.infer<typeof CreditRuleWireSchema>;
/** A regulator's own rules, applied to the population the query selects (rules replace the default set). */
export const CreditListBodySchema = z.object({ rules: z.array(CreditRuleWireSchema).min(1).max(50) }).strict();
export const CreditListQuerySchema = z.object({ ...periodShape, ...filterShape }).strict().superRefine(refineAll);

export const ExportQuerySchema = z.object({
  ...periodShape, ...filterShape,
  lang: z.enum(['en', 'zh-CN']).default('en').describe('language of the printable HTML page, the XLSX (sheets, headers, texts) and the CSV headers and comment lines (default en: the stable English column keys)'),
}).strict().superRefine(refineAll);

// ---------------------------------------------------------------- response parts

export const ReportPeriodSchema = z.object({
  from: z.string().describe('first local day, inclusive'),
  to: z.string().describe('local day after the last one (exclusive)'),
  lastDay: z.string().describe('last local day, inclusive'),
  days: z.number(),
  fromIso: z.string(), toIso: z.string(),
  timezone: z.literal('Asia/Shanghai (UTC+08:00)'),
  label: z.string().describe('"YYYY-MM-DD..YYYY-MM-DD", both days inclusive'),
  source: z.enum(['requested', 'default-season']),
  /** The heating season the default came from (Beijing 15 Nov – 15 Mar). */
  season: z.object({ from: z.string(), to: z.string() }).nullable(),
  clampedToData: z.boolean(),
  /** First and last local day with readings among the population inside the period (null: none). */
  dataDays: z.object({ first: z.string(), last: z.string(), withData: z.number() }).nullable(),
});
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export const PopulationSchema = z.object({
  scope: z.string().describe('whose units: the caller\'s scope in words'),
  scopeRef: TextRefSchema.describe('`scope` as a code of SCOPE_TEXTS'),
  unitsInScope: z.number(),
  unitsMatched: z.number().describe('units in scope matching the filter'),
  unitsWithData: z.number().describe('matched units with at least one reading in the period'),
  filter: z.record(z.string(), z.unknown()),
});
export type Population = z.infer<typeof PopulationSchema>;

const envelope = { period: ReportPeriodSchema, population: PopulationSchema, notes: z.array(z.string()), notesZh: z.array(z.string()).describe('the notes in Chinese (zh-CN), same order') };
const nn = z.number().nullable();
const SpfRecord = z.object({ h1: nn, h2: nn, h3: nn, h4: nn });

export const FleetRowSchema = z.object({
  unitId: z.string(), siteId: z.string(), siteName: z.string(), villageId: z.string().nullable(), programmeId: z.string().nullable(),
  manufacturer: z.string(), model: z.string(), unitType: z.string(), capacityControl: z.string(), emitter: z.string(),
  nominalCapacityKw: z.number(), installedOn: z.string(),
  status: z.enum(['ok', 'no-data']),
  values: z.record(SeasonKpiKeySchema, nn),
  spfReasons: z.object({ h1: z.string().nullable(), h2: z.string().nullable(), h3: z.string().nullable(), h4: z.string().nullable() }),
  /** Metering problems that keep the unit out of rankings (codes of evaluability.ts). */
  notEvaluable: z.array(z.string()),
  excludedChannels: z.array(z.string()),
  warnings: z.array(z.string()),
  warningRefs: z.array(TextRefSchema).describe('the warnings as codes of UNIT_WARNING_TEXTS (src/contract/texts/unit-texts.ts), same order'),
});
export type FleetRow = z.infer<typeof FleetRowSchema>;

export const FleetTableSchema = z.object({
  ...envelope,
  boundaries: z.record(BoundarySchema, z.string()),
  columns: z.array(KpiColumnSchema),
  items: z.array(FleetRowSchema), total: z.number(), page: z.number(), pageSize: z.number(),
  sort: z.string(), order: z.enum(['asc', 'desc']),
});
export type FleetTable = z.infer<typeof FleetTableSchema>;

export const DistributionSchema = z.object({
  ...envelope,
  kpi: SeasonKpiKeySchema, label: z.string(), unit: z.string(), boundary: BoundarySchema.nullable(),
  n: z.number(), nMissing: z.number(),
  quantiles: z.object({ p0: z.number(), p10: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p90: z.number(), p100: z.number() }).nullable(),
  mean: nn,
  histogram: z.array(z.object({ fromIncl: z.number(), toExcl: z.number(), count: z.number() })),
  outside: z.number(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

export const ComparisonSchema = z.object({
  ...envelope,
  units: z.array(z.object({ unitId: z.string(), manufacturer: z.string(), model: z.string(), emitter: z.string(), capacityControl: z.string(), nominalCapacityKw: z.number() })),
  rows: z.array(KpiColumnSchema.extend({ values: z.array(nn) })),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

/** Why a unit is not evaluable: `text` words `detail` by a code of NOT_EVALUABLE_TEXTS. */
const NotEvaluableSchema = z.object({ code: z.string(), detail: z.string(), text: TextRefSchema });
export const CauseSchema = z.object({
  code: z.string(), text: z.string(), textRef: TextRefSchema.describe('`text` as a code of CAUSE_TEXTS'),
  evidence: z.array(z.object({ figure: z.string(), figureRef: TextRefSchema.describe('`figure` as a code of EVIDENCE_FIGURE_TEXTS'), unit: z.string(), actual: z.number(), expected: nn, threshold: nn })),
  estimatedSpfLoss: nn, boundary: BoundarySchema.nullable(),
});
export const ExpectedVsActualSchema = z.object({
  unitId: z.string(), boundary: BoundarySchema, boundaryLabel: z.string(),
  status: z.enum(['evaluated', 'not-evaluable']),
  notEvaluable: z.array(NotEvaluableSchema),
  weather: z.object({ source: z.enum(['measured', 'mixed', 'typical-year']), measuredHoursPct: z.number() }),
  expected: z.object({
    spf: SpfRecord, heatKWh: z.number(), heatPumpHeatKWh: z.number(), backupHeatKWh: z.number(), electricityH2KWh: z.number(), electricityH4KWh: z.number(),
    startsPerRunningHour: nn, loadRatio: nn, heatWeightedFlowC: nn, carnotPct: nn, hoursBelowTarget: z.number(), defrostSharePct: nn, pumpSharePct: nn, backupSharePct: nn,
  }).nullable(),
  actual: z.object({ spf: SpfRecord, heatKWh: nn, electricityKWh: nn, hoursBelowTarget: nn, heatWeightedFlowC: nn, carnotPct: nn, startsPerRunningHour: nn, loadRatio: nn, defrostSharePct: nn }),
  gap: z.object({ spf: z.number(), spfPct: z.number(), electricityExcessKWh: z.number() }).nullable(),
  causes: z.array(CauseSchema),
  warnings: z.array(z.string()),
  warningsZh: z.array(z.string()).describe('the warnings in Chinese (zh-CN), same order'),
  /** True when served from the per-(unit, period) cache of twin runs. */
  cached: z.boolean(),
});
export type ExpectedVsActualWire = z.infer<typeof ExpectedVsActualSchema>;

/**
 * Where one unit's twin run stands: `ready` (in expectedVsActual), `computing` (queued or running in the twin's
 * worker thread: ask again after retryAfterMs), `failed` (a note says why; asking again retries), `no-data`
 * (no readings in the period), `not-requested` (expected=false).
 */
export const TwinStatusSchema = z.object({
  state: z.enum(['ready', 'computing', 'failed', 'no-data', 'not-requested']),
  queuedAhead: z.number().describe('twin runs of other requests ahead of this one'),
  retryAfterMs: z.number().nullable(),
});
export type TwinStatusWire = z.infer<typeof TwinStatusSchema>;

export const FigureSchema = KpiColumnSchema.omit({ key: true }).extend({ key: z.string(), value: nn, reason: z.string().nullable() });
export const UnitReportSchema = z.object({
  ...envelope,
  unit: z.object({
    unitId: z.string(), siteId: z.string(), siteName: z.string(), villageId: z.string().nullable(), manufacturer: z.string(), model: z.string(), unitType: z.string(),
    capacityControl: z.string(), emitter: z.string(), nominalCapacityKw: z.number(), installedOn: z.string(),
    building: z.object({ heatedAreaM2: z.number(), constructionYear: z.number(), envelope: z.string(), storeys: z.number() }).nullable(),
  }),
  status: z.enum(['ok', 'no-data']),
  boundaries: z.array(z.object({ boundary: BoundarySchema, definition: z.string(), spf: nn, reason: z.string().nullable(), heatKWh: z.number(), electricityKWh: z.number(), coveredH: z.number(), channels: z.array(z.string()) })),
  figures: z.array(FigureSchema),
  coverage: z.array(z.object({ channel: z.string(), coveragePct: z.number(), measured: z.number(), bridged: z.number(), missing: z.number() })),
  registers: z.array(z.object({ register: z.string(), power: z.string(), registerKWh: z.number(), integratedKWh: nn, toleranceKWh: z.number(), status: z.string() })),
  plausibility: z.object({ flags: z.array(z.object({ channel: z.string(), code: z.string(), detail: z.string(), text: TextRefSchema.describe('`detail` as a code of PLAUSIBILITY_TEXTS') })), excludedChannels: z.array(z.string()) }),
  heatMeterFault: z.object({ detected: z.boolean().nullable(), reason: z.string().nullable(), episodes: z.number(), durationH: z.number() }),
  comfortByHour: z.array(z.object({ hour: z.number(), coveredH: z.number(), hoursBelow: z.number(), degreeHoursBelowKh: z.number() })),
  notEvaluable: z.array(NotEvaluableSchema),
  expectedVsActual: ExpectedVsActualSchema.nullable(),
  expectedVsActualStatus: TwinStatusSchema,
  warnings: z.array(z.string()),
  warningRefs: z.array(TextRefSchema).describe('the warnings as codes of UNIT_WARNING_TEXTS, same order'),
});
export type UnitReport = z.infer<typeof UnitReportSchema>;

export const ShortfallRankingSchema = z.object({
  ...envelope,
  boundary: BoundarySchema, boundaryLabel: z.string(),
  ranked: z.array(z.object({ rank: z.number(), unitId: z.string(), gapSpf: z.number(), gapPct: z.number(), actualSpf: z.number(), expectedSpf: z.number(), causes: z.array(z.string()) })),
  notEvaluable: z.array(z.object({ unitId: z.string(), reasons: z.array(z.string()) })),
  /** Units whose twin run is queued or running (in a worker thread); ask again after twin.retryAfterMs (results are cached). */
  notComputed: z.array(z.string()),
  twin: z.object({
    state: z.enum(['complete', 'computing']),
    total: z.number().describe('units with readings in the period'), done: z.number().describe('results ready'), pending: z.number().describe('queued or running'),
    failed: z.number(), failedUnits: z.array(z.string()), fromCache: z.number().describe('results computed before this request'),
    queuedAhead: z.number().describe('twin runs of other requests ahead of this request'), retryAfterMs: z.number().nullable(),
  }).describe('progress of the twin runs behind this ranking'),
});
export type ShortfallRankingWire = z.infer<typeof ShortfallRankingSchema>;

const CiSchema = z.object({ low: z.number(), high: z.number(), level: z.number(), method: z.string() }).nullable();
const GroupLabelShape = { key: z.string(), manufacturer: z.string(), model: z.string().nullable() };
export const RankingSchema = z.object({
  ...envelope,
  groupBy: GroupBySchema, boundary: BoundarySchema, boundaryLabel: z.string(), rules: z.string(),
  rulesRef: TextRefSchema.describe('`rules` as a code of RANKING_RULE_TEXTS'),
  evaluation: z.object({ units: z.number(), eligibleUnits: z.number(), groups: z.number() }),
  ranked: z.array(z.object({
    ...GroupLabelShape, rank: z.number(), n: z.number(), medianSpf: z.number(), q25: z.number(), q75: z.number(), iqr: z.number(), ci: CiSchema,
    secondary: z.object({ boundary: BoundarySchema, n: z.number(), medianSpf: nn }), meanCoveragePct: z.number(), heatKWh: z.number(), unitIds: z.array(z.string()),
  })),
  insufficientData: z.array(z.object({ ...GroupLabelShape, nEligible: z.number(), nUnits: z.number(), reason: z.string(), reasonRef: TextRefSchema.describe('`reason` as a code of INSUFFICIENT_DATA_TEXTS') })),
  excludedUnits: z.array(z.object({ unitId: z.string(), group: z.string(), reasons: z.array(NotEvaluableSchema) })),
});
export type RankingWire = z.infer<typeof RankingSchema>;

export const CreditEntrySchema = z.object({
  ...GroupLabelShape, ruleId: z.string(), ruleText: z.string(), ruleTextRef: TextRefSchema.describe('`ruleText` as a code of CREDIT_RULE_TEXTS'), boundary: BoundarySchema.nullable(),
  statistic: z.string(), statisticRef: TextRefSchema.describe('`statistic` as a code of CREDIT_STATISTIC_TEXTS'), value: z.number(), threshold: z.number(), n: z.number(),
  units: z.array(z.object({ unitId: z.string(), figure: nn, coveragePct: z.number(), heatKWh: nn, fails: z.boolean() })),
});
export const CreditListSchema = z.object({
  ...envelope,
  rulesSource: z.string().describe('"default: data/credit-rules.json" or "request body"'),
  rules: z.array(z.object({
    ruleId: z.string(), ruleText: z.string(), ruleTextRef: TextRefSchema.describe('`ruleText` as a code of CREDIT_RULE_TEXTS'), groupBy: GroupBySchema,
    rule: CreditRuleWireSchema.describe('the rule as applied: the dashboard states it in the reader\'s language'),
    listed: z.array(CreditEntrySchema),
    passed: z.array(z.object({ ...GroupLabelShape, value: z.number(), n: z.number() })),
    notJudged: z.array(z.object({ ...GroupLabelShape, n: z.number(), reason: z.string(), reasonRef: TextRefSchema.describe('`reason` as a code of INSUFFICIENT_DATA_TEXTS') })),
  })),
  entries: z.array(CreditEntrySchema),
});
export type CreditListWire = z.infer<typeof CreditListSchema>;

export const InfluenceSchema = z.object({
  ...envelope,
  response: z.string(), boundary: BoundarySchema, boundaryLabel: z.string(), weighting: z.enum(['none', 'heat']),
  evaluation: z.object({ units: z.number(), evaluable: z.number(), used: z.number() }),
  model: z.object({
    status: z.enum(['fitted', 'insufficient-data']), n: z.number(), coefficients: z.number(), reason: z.string().nullable(),
    reasonRef: TextRefSchema.nullable().describe('`reason` as a code of INFLUENCE_TEXTS'),
    rSquared: nn, adjRSquared: nn, residualDf: nn, intercept: nn,
    terms: z.array(z.object({ factor: z.string(), term: z.string(), estimate: z.number(), seHc3: z.number(), ci: z.tuple([z.number(), z.number()]), pValue: z.number(), vif: nn, confoundedWith: z.string().nullable() })),
  }),
  factors: z.array(z.object({ factor: z.string(), label: z.string(), status: z.string(), note: z.string().nullable(), noteRef: TextRefSchema.nullable().describe('`note` as a code of INFLUENCE_TEXTS') })),
  contrasts: z.array(z.object({ factor: z.string(), comparison: z.string(), nA: z.number(), nB: z.number(), medianA: z.number(), medianB: z.number(), medianDifference: z.number(), ci: CiSchema })),
  method: z.string(),
  methodRef: TextRefSchema.describe('`method` as a code of INFLUENCE_TEXTS'),
});
export type InfluenceWire = z.infer<typeof InfluenceSchema>;

const AfterSalesFigures = {
  units: z.number(), unitSeasons: z.number(), faultEvents: z.number(), eventsPerUnitSeason: z.number(), unitsWithFaults: z.number(), unitsWithFaultsPct: z.number(),
  meanTimeBetweenFaultsH: nn, meanRunningHoursBetweenFaults: nn, observedH: z.number(), runningH: z.number(), byCode: z.record(z.string(), z.number()),
};
export const AfterSalesSchema = z.object({
  ...envelope,
  groupBy: GroupBySchema, seasonDays: z.number(),
  fleet: z.object(AfterSalesFigures),
  groups: z.array(z.object({ ...GroupLabelShape, ...AfterSalesFigures })),
  faultEventRule: z.string(),
  serviceRecords: z.object({ available: z.boolean(), note: z.string() }),
});
export type AfterSalesWire = z.infer<typeof AfterSalesSchema>;

// ---------------------------------------------------------------- paths

/** Paths of the season-report API (all GET, except the credit list with posted rules). */
export const SEASON_REPORT_PATHS = {
  units: '/api/v1/performance/units',
  unit: '/api/v1/performance/units/:id',
  distribution: '/api/v1/performance/distribution',
  comparison: '/api/v1/performance/comparison',
  expectedVsActual: '/api/v1/performance/expected-vs-actual',
  influenceFactors: '/api/v1/performance/influence-factors',
  rankings: '/api/v1/performance/rankings',
  creditList: '/api/v1/performance/credit-list',
  afterSales: '/api/v1/performance/after-sales',
  csv: '/api/v1/performance/report.csv',
  xlsx: '/api/v1/performance/report.xlsx',
  html: '/api/v1/performance/report.html',
} as const;
