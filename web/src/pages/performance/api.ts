/**
 * The season-report API as the dashboard uses it. Types come from the wire contract (type-only imports keep
 * zod out of the bundle); the literal types keep these copies of its constants in step with it.
 */
import type {
  BoundaryKey,
  SEASON_KPI_KEYS as SeasonKpiKeys,
  SEASON_REPORT_PATHS as SeasonReportPaths,
  SeasonKpiKey,
} from '../../../../src/contract/season-report.js';

export type {
  AfterSalesWire,
  BoundaryKey,
  Comparison,
  CreditListWire,
  CreditRuleWire,
  Distribution,
  ExpectedVsActualWire,
  FleetRow,
  FleetTable,
  InfluenceWire,
  KpiColumn,
  Population,
  RankingWire,
  ReportPeriod,
  SeasonKpiKey,
  ShortfallRankingWire,
  TwinStatusWire,
  UnitReport,
} from '../../../../src/contract/season-report.js';

export const PATHS: typeof SeasonReportPaths = {
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
};

/** `useApi` paths are relative to /api/v1. */
export const apiPath = (key: keyof typeof PATHS, id?: string): string =>
  PATHS[key].replace('/api/v1', '').replace(':id', encodeURIComponent(id ?? ''));

export const KPI_KEYS: typeof SeasonKpiKeys = [
  'spfH1', 'spfH2', 'spfH3', 'spfH4', 'copRunning', 'heatKWh', 'electricityH2KWh', 'backupElectricityKWh', 'pumpElectricityKWh',
  'defrostSharePct', 'startsPerRunningHour', 'shortCycles', 'loadRatio', 'flowTempC', 'deltaTK', 'carnotPct', 'hoursBelowTarget',
  'degreeHoursBelowKh', 'meanIndoorC', 'meanOutdoorC', 'hddKd', 'heatPerHddKWhPerKd', 'coveragePct',
];
export const BOUNDARY_KEYS: readonly BoundaryKey[] = ['h1', 'h2', 'h3', 'h4'];

/** KPIs the fleet table shows by default (the rest are one click away in the column chooser). */
export const DEFAULT_TABLE_KPIS: readonly SeasonKpiKey[] = ['spfH2', 'spfH4', 'copRunning', 'heatKWh', 'electricityH2KWh', 'defrostSharePct', 'startsPerRunningHour', 'flowTempC', 'hoursBelowTarget', 'coveragePct'];
/** KPIs a side-by-side comparison starts with. */
export const COMPARISON_KPIS: readonly SeasonKpiKey[] = KPI_KEYS;

/** Decimal places per KPI for display; figures keep full precision on the wire and in exports. */
export const KPI_DIGITS: Readonly<Record<SeasonKpiKey, number>> = {
  spfH1: 2, spfH2: 2, spfH3: 2, spfH4: 2, copRunning: 2, heatKWh: 0, electricityH2KWh: 0, backupElectricityKWh: 0, pumpElectricityKWh: 0,
  defrostSharePct: 1, startsPerRunningHour: 2, shortCycles: 0, loadRatio: 2, flowTempC: 1, deltaTK: 1, carnotPct: 1, hoursBelowTarget: 0,
  degreeHoursBelowKh: 0, meanIndoorC: 1, meanOutdoorC: 1, hddKd: 0, heatPerHddKWhPerKd: 1, coveragePct: 1,
};

export const isKpiKey = (s: string | null | undefined): s is SeasonKpiKey => (KPI_KEYS as readonly string[]).includes(s ?? '');
