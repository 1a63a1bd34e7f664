/**
 * `heatfleet strategies`: the season comparison of issue 6 on the twin — thermostat baseline, valley-only,
 * optimised household, optimised fleet under transformer limits — closed loop, each strategy's outcome
 * measured by the twin. Prints the table, writes strategies.csv and strategies.json. docs/optimize-strategies.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { billedDaysWithin, contractPreset, parseContract, tariffPreset, type HeatingFeeContract, type Tariff } from '../../optimize/index.js';
import {
  contractColumns, DEFAULT_ANOMALY, DEFAULT_PLAN_MARGIN_K, DEFAULT_POWER_FACTOR, DEFAULT_SIZING_SHARE, FORECASTS, PLANNER_MODELS, sizeFromPeaks, STRATEGIES, strategyRow, villageTransformers,
  type ClosedLoopResult, type ForecastKind, type PlannerModel, type StrategyName, type StrategyRow, type StrategyRowWithContract, type TransformerSpec,
} from '../../optimize/strategies/index.js';
import { generateFleet, PRESETS, type FleetDefinition, type FleetSpec, type PresetName } from '../../sim/index.js';
import { DEFAULT_EPW, loadWeather, parseInstant } from './simulate.js';
import { runStrategyParallel, type StrategyJob } from './strategies-workers.js';

export interface StrategiesOptions {
  preset?: string; county?: string; tariff: string; from: string; to: string; strategies: string; out: string; workers: string;
  seed: string; weather: string; weatherSeed: string; forecast: string; ratingKva?: string; planMargin: string; maxIterations: string; exactFallback: boolean;
  /** The planner's building model: envelope (default) | room | identified. */
  plannerModel?: string;
  /** Planning horizon in days (1 | 2); the first day of each plan is followed. */
  horizonDays?: string;
  /** The envelope planner's earlier formulation (air floor held without heat, COP at the heating curve's flow): docs/optimize-strategies.md. */
  earlierEnvelopePlanner?: boolean;
  /** Hold each transformer's rating in real time by locking units (rating guard, src/optimize/strategies/rating-guard.md). */
  enforceRating?: boolean;
  /** A heating fee contract (preset id or JSON file) settled on each strategy (src/optimize/contracts/contracts.md). */
  contract?: string;
  /** Optimised fleet only: limit on the sum of all transformers' heat-pump load (kW; src/optimize/fleet/programme-target.md). */
  programmeCapKw?: string;
}

/** `--contract`: a preset id, or a path to a JSON contract; a bad one is an error naming each field. */
export function loadContract(arg: string): HeatingFeeContract {
  const preset = contractPreset(arg);
  if (preset.ok) return preset.contract;
  if (!arg.endsWith('.json') || !existsSync(arg)) throw new Error(`--contract: ${preset.message}, and not a .json file`);
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(arg, 'utf8')); } catch (e) { throw new Error(`--contract ${arg}: not JSON (${(e as Error).message})`); }
  const r = parseContract(raw);
  if (!r.ok) throw new Error(`--contract ${arg}: ${r.issues.join('; ')}`);
  return r.contract;
}

/** The county's households: the beijing-103 composition (shares of the field sample) drawn at scale. */
export const countySpec = (count: number): FleetSpec => ({
  name: 'county', count, areaM2: [67, 120, 216], envelope: { uninsulated: 35, 'partially-insulated': 45, retrofitted: 20 },
  emitter: { floor: 42, radiator: 61 }, unitType: { 'air-to-water': 1 }, inverterShare: 54 / 103, capacityKw: [8, 11, 14], weatherCompensatedShare: 0.5,
});

/**
 * Planning horizon of the CLI (days): 2 since the county timing of 2026-11-24 (docs/optimize-strategies.md, "Planning
 * horizon"); runClosedLoop's own default stays 1 day.
 */
export const DEFAULT_HORIZON_DAYS = 2;

const int = (v: string, field: string, min: number, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${field}: "${v}" is not a whole number ${min}…${max}`);
  return n;
};

function fleetAndTransformers(o: StrategiesOptions, seed: number, ratingKVA: number): { fleet: FleetDefinition; transformers: TransformerSpec[]; label: string } {
  if ((o.preset === undefined) === (o.county === undefined)) throw new Error('give either --preset <name> or --county <villages>x<households>');
  if (o.preset !== undefined) {
    if (!(PRESETS as readonly string[]).includes(o.preset)) throw new Error(`--preset: unknown preset "${o.preset}" (known: ${PRESETS.join(', ')})`);
    const fleet = generateFleet(o.preset as PresetName, seed);
    // The preset's registry snapshot has no transformer: all households behind one village transformer.
    return { fleet, transformers: villageTransformers(fleet.households.length, fleet.households.length, ratingKVA).map((t) => ({ ...t, id: `${o.preset}-tx1` })), label: o.preset };
  }
  const m = /^(\d+)x(\d+)$/.exec(o.county ?? '');
  if (!m) throw new Error(`--county: "${o.county}" is not <villages>x<households> (e.g. 100x100)`);
  const villages = int(m[1] as string, '--county villages', 1, 1000), per = int(m[2] as string, '--county households per village', 1, 1000);
  const fleet = generateFleet(countySpec(villages * per), seed);
  return { fleet, transformers: villageTransformers(villages * per, per, ratingKVA), label: `county ${villages}×${per}` };
}

function parseStrategies(list: string): StrategyName[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new Error('--strategies: empty list');
  for (const s of names) if (!(STRATEGIES as readonly string[]).includes(s)) throw new Error(`--strategies: unknown strategy "${s}" (known: ${STRATEGIES.join(', ')})`);
  return [...new Set(names)] as StrategyName[];
}

const f0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
export const TABLE_COLUMNS: [string, (r: StrategyRow) => string][] = [
  ['strategy', (r) => r.strategy], ['electricity kWh', (r) => f0(r.electricityKWh)], ['cost yuan', (r) => f0(r.costYuan)],
  ['heating kWh outside valley', (r) => f0(r.offValleyHeatingKWh)], ['safeguard kWh', (r) => f0(r.safeguardKWh)], ['backup kWh', (r) => f0(r.backupKWh)],
  ['below floor K·h/hh', (r) => f1(r.belowFloorKhPerHousehold)], ['below floor h/hh', (r) => f1(r.belowFloorHPerHousehold)],
  ['peak kW (max tx)', (r) => f0(r.peakKW)], ['peak % rating max', (r) => f0(r.peakPctMax)], ['median', (r) => f0(r.peakPctMedian)], ['p95', (r) => f0(r.peakPctP95)],
  ['overload tx·h', (r) => f1(r.overloadHours)], ['planned peak % max', (r) => f0(r.plannedPeakPctMax)],
  ['blocked h/hh', (r) => f1(r.blockedHPerHousehold)], ['blocked below floor h/hh', (r) => f1(r.blockedBelowFloorHPerHousehold)],
];
/** With --contract: the settlement over the run's period, whole fleet (yuan), and the household's mean cost. */
export const CONTRACT_TABLE_COLUMNS: [string, (r: StrategyRowWithContract) => string][] = [
  ['below guarantee K·h/hh', (r) => f1(r.belowGuaranteeKhPerHousehold ?? Number.NaN)], ['fee revenue yuan', (r) => f0(r.feeRevenueYuan ?? Number.NaN)],
  ['comfort refunds yuan', (r) => f0(r.comfortRefundYuan ?? Number.NaN)], ['operator margin yuan', (r) => f0(r.operatorMarginYuan ?? Number.NaN)],
  ['household mean cost yuan', (r) => f1(r.householdMeanCostYuan ?? Number.NaN)],
];

export async function runStrategies(o: StrategiesOptions, log: (s: string) => void = (s) => process.stderr.write(s)): Promise<{ rows: StrategyRowWithContract[]; results: ClosedLoopResult[]; transformers: TransformerSpec[] }> {
  const strategies = parseStrategies(o.strategies);
  const seed = int(o.seed, '--seed', 0, 2 ** 31);
  const weatherSeed = int(o.weatherSeed, '--weather-seed', 0, 2 ** 31);
  const workers = int(o.workers, '--workers', 1, 64);
  const maxIterations = int(o.maxIterations, '--max-iterations', 1, 1000);
  if (!(FORECASTS as readonly string[]).includes(o.forecast)) throw new Error(`--forecast: "${o.forecast}" is not one of ${FORECASTS.join(', ')}`);
  const planMarginK = Number(o.planMargin);
  if (!(planMarginK >= 0 && planMarginK <= 3)) throw new Error(`--plan-margin: "${o.planMargin}" is not a number of kelvin 0…3`);
  const plannerModel = o.plannerModel ?? 'envelope';
  if (!(PLANNER_MODELS as readonly string[]).includes(plannerModel)) throw new Error(`--planner-model: "${plannerModel}" is not one of ${PLANNER_MODELS.join(', ')}`);
  const horizonDays = int(o.horizonDays ?? String(DEFAULT_HORIZON_DAYS), '--horizon-days', 1, 2);
  const tp = tariffPreset(o.tariff);
  if (!tp.ok) throw new Error(`--tariff: ${tp.message}`);
  const tariff: Tariff = tp.tariff;
  const contract = o.contract === undefined ? null : loadContract(o.contract);
  const programmeCapKW = o.programmeCapKw === undefined ? undefined : Number(o.programmeCapKw);
  if (programmeCapKW !== undefined && !(Number.isFinite(programmeCapKW) && programmeCapKW >= 0)) throw new Error(`--programme-cap-kw: "${o.programmeCapKw}" is not a finite, non-negative number of kW`);
  if (programmeCapKW !== undefined && workers > 1) throw new Error('--programme-cap-kw couples all transformers and cannot be split over --workers: use --workers 1 with --programme-cap-kw (or drop --programme-cap-kw)');
  loadWeather(o.weather); // fails here with a clear message; the workers read the file again
  const fromMs = parseInstant(o.from, 8, '--from'), toMs = parseInstant(o.to, 8, '--to');
  if (!(toMs > fromMs)) throw new Error(`--from ${o.from} … --to ${o.to} is an empty period`);
  if ((toMs - fromMs) % 86_400_000 !== 0) throw new Error('--from/--to: give whole local days (YYYY-MM-DD)');
  const fixedRating = o.ratingKva === undefined ? Number.NaN : Number(o.ratingKva);
  if (o.ratingKva !== undefined && !(fixedRating > 0)) throw new Error(`--rating-kva: "${o.ratingKva}" is not a positive number`);
  const { fleet, transformers: unsized, label } = fleetAndTransformers(o, seed, Number.isNaN(fixedRating) ? 1 : fixedRating);
  const enforceRating = o.enforceRating === true;
  let guarded = enforceRating;
  const job = (strategy: StrategyName, transformers: TransformerSpec[]): StrategyJob => ({
    strategy, fleet, transformers, weatherPath: o.weather, weatherSeed, tariff, fromMs, toMs, forecast: o.forecast as ForecastKind, planMarginK,
    plannerModel: plannerModel as PlannerModel, horizonDays, ...(o.earlierEnvelopePlanner ? { envelopeAirFloor: 'no-heat' as const, planFlow: 'heating-curve' as const } : {}), coordination: { maxIterations }, exactFallback: o.exactFallback, enforceRating: guarded,
    ...(contract?.comfortGuarantee ? { comfortGuarantee: contract.comfortGuarantee } : {}),
    ...(programmeCapKW !== undefined && strategy === 'optimised-fleet' ? { programmeMaxPowerW: programmeCapKW * 1000 } : {}),
  });
  const run = async (strategy: StrategyName, transformers: TransformerSpec[]) => {
    const t0 = Date.now();
    const r = await runStrategyParallel(job(strategy, transformers), workers, (d, n) => log(`\r${strategy}: day ${d}/${n} (${Math.round((Date.now() - t0) / 1000)} s)`));
    log(`\r${strategy}: ${Math.round((toMs - fromMs) / 86_400_000)} days, ${fleet.households.length} households in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    return r;
  };
  const results = new Map<StrategyName, ClosedLoopResult>();
  let transformers = unsized;
  if (Number.isNaN(fixedRating)) {
    // Ratings from the uncoordinated baseline: the thermostat runs first, without the guard (and is reported if asked
    // for and the guard is off).
    guarded = false;
    const base = await run('thermostat', unsized);
    guarded = enforceRating;
    if (!enforceRating) results.set('thermostat', base);
    transformers = sizeFromPeaks(unsized, base.transformers.map((t) => Math.max(...t.loadW)));
  }
  for (const s of strategies) {
    if (results.has(s)) {
      const r = results.get(s) as ClosedLoopResult;
      results.set(s, { ...r, transformers: r.transformers.map((t, g) => ({ ...t, ratingKVA: (transformers[g] as TransformerSpec).ratingKVA })) });
    } else results.set(s, await run(s, transformers));
  }
  const ordered = strategies.map((s) => results.get(s) as ClosedLoopResult);
  const periodLabel = `${o.from}..${o.to} (local days, end exclusive)`;
  const areaM2 = new Map(fleet.households.map((h) => [h.id, h.areaM2]));
  const billedDays = contract ? billedDaysWithin(contract.season, fromMs, toMs) : 0;
  const rows: StrategyRowWithContract[] = ordered.map((r) => (contract
    ? { ...strategyRow(r), ...contractColumns(r, contract, (id) => areaM2.get(id) as number, billedDays, periodLabel) }
    : strategyRow(r)));
  const outDir = resolve(o.out);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'strategies.csv'), [Object.keys(rows[0] as StrategyRow).join(','), ...rows.map((r) => Object.values(r).map((v) => (typeof v === 'number' ? (Number.isFinite(v) ? String(+v.toFixed(3)) : '') : v)).join(','))].join('\n') + '\n');
  const conditions = {
    fleet: label, households: fleet.households.length, seed, from: o.from, to: o.to, tariff: { id: tariff.id, status: tariff.status, name: tariff.name },
    weather: { file: o.weather, actual: { kind: 'typical year + AR(1) anomaly', seed: weatherSeed, ...DEFAULT_ANOMALY } },
    forecast: o.forecast === 'perfect' ? 'perfect forecast (the twin\'s own weather)' : 'typical year + damped anomaly persistence', planMarginK, plannerModel, horizonDays, ...(o.earlierEnvelopePlanner ? { earlierEnvelopePlanner: true } : {}),
    ratingGuard: enforceRating ? 'every unit locked (SG-Ready) when its transformer has no room for it, in order of need' : 'off (the units\' local safeguard heats regardless of the transformer)',
    transformers: {
      count: transformers.length, powerFactor: DEFAULT_POWER_FACTOR,
      ratingKVA: Number.isNaN(fixedRating) ? `largest standard size ≤ ${DEFAULT_SIZING_SHARE * 100} % of the thermostat baseline's peak` : fixedRating,
      ratings: [...new Set(transformers.map((t) => t.ratingKVA))].sort((a, b) => a - b),
    },
    ...(contract ? { contract: { id: contract.id, name: contract.name, status: contract.status, note: contract.note, businessModel: contract.businessModel, period: periodLabel, billedDays, comfortGuarantee: contract.comfortGuarantee ?? null } } : {}),
    ...(programmeCapKW !== undefined ? { programmeTarget: { capKW: programmeCapKW, appliesTo: 'optimised-fleet', note: 'other strategies ignore it; the cap is on the planned heat-pump load of all transformers (committed heat included); measured load is the twin\'s' } } : {}),
    coordination: { maxIterations, exactFallback: o.exactFallback }, runAt: new Date().toISOString(),
  };
  writeFileSync(join(outDir, 'strategies.json'), JSON.stringify({
    conditions, rows,
    planning: Object.fromEntries(ordered.map((r) => [r.strategy, r.planning])),
    ...(enforceRating ? { ratingGuard: Object.fromEntries(ordered.map((r) => [r.strategy, r.ratingGuard])) } : {}),
    ...(programmeCapKW !== undefined ? { programme: Object.fromEntries(ordered.map((r) => [r.strategy, programmeOutcome(r, programmeCapKW)])) } : {}),
    transformers: transformers.map((t, g) => ({ id: t.id, ratingKVA: t.ratingKVA, households: t.householdIndices.length, peakKW: Object.fromEntries(ordered.map((r) => [r.strategy, +(Math.max(...(r.transformers[g]?.loadW ?? [0])) / 1000).toFixed(2)])) })),
  }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  return { rows, results: ordered, transformers };
}

/** The programme's load (sum of all transformers, measured by the twin per slot) against the cap. */
function programmeOutcome(r: ClosedLoopResult, capKW: number) {
  const slots = r.transformers[0]?.loadW.length ?? 0;
  const loadKW = Array.from({ length: slots }, (_, k) => r.transformers.reduce((s, t) => s + (t.loadW[k] as number), 0) / 1000);
  return {
    capApplied: r.strategy === 'optimised-fleet', measuredPeakKW: +Math.max(...loadKW).toFixed(2), slotsAboveCap: loadKW.filter((w) => w > capKW).length,
    maxExcessKW: +Math.max(0, ...loadKW.map((w) => w - capKW)).toFixed(2), plannedPeakKW: r.planning.plannedProgrammePeakW === undefined ? null : +(r.planning.plannedProgrammePeakW / 1000).toFixed(2),
    infeasibleDays: r.planning.programmeInfeasibleDays ?? null,
  };
}

export function formatTable(rows: readonly StrategyRowWithContract[]): string {
  const columns = rows.some((r) => r.contractId !== undefined) ? [...TABLE_COLUMNS, ...CONTRACT_TABLE_COLUMNS] : TABLE_COLUMNS;
  const cells = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, f]) => f(r)))];
  const widths = columns.map((_, c) => Math.max(...cells.map((row) => (row[c] as string).length)));
  return cells.map((row) => row.map((v, c) => (c === 0 ? v.padEnd(widths[c] as number) : v.padStart(widths[c] as number))).join('  ')).join('\n') + '\n';
}

export function registerStrategiesCommand(program: Command): void {
  program
    .command('strategies')
    .description('compare heating strategies over a season on the twin (closed loop): thermostat, valley-only, optimised household, optimised fleet under transformer limits')
    .option('--preset <name>', `a fleet preset (${PRESETS.join(', ')}); all households behind one transformer`)
    .option('--county <VxH>', 'a generated county of V villages × H households, one transformer per village (e.g. 100x100)')
    .option('--tariff <id>', 'tariff preset', 'beijing-rural-coal-to-electricity')
    .option('--from <date>', 'first local day (YYYY-MM-DD)', '2018-11-15')
    .option('--to <date>', 'end, exclusive (YYYY-MM-DD)', '2019-03-15')
    .option('--strategies <list>', `comma-separated (${STRATEGIES.join(', ')})`, STRATEGIES.join(','))
    .option('--out <dir>', 'output directory for strategies.csv and strategies.json', 'strategies-out')
    .option('--workers <n>', 'worker threads (transformers are split between them)', '1')
    .option('--seed <n>', 'fleet seed', '1')
    .option('--weather <epw>', 'typical-year weather file', DEFAULT_EPW)
    .option('--weather-seed <n>', "seed of the twin's weather anomaly", '1')
    .option('--forecast <kind>', `planner's forecast: ${FORECASTS.join(' | ')}`, 'anomaly-persistence')
    .option('--rating-kva <kva>', `transformer rating (default: largest standard size ≤ ${DEFAULT_SIZING_SHARE * 100} % of the thermostat peak)`)
    .option('--plan-margin <K>', 'the planner aims this far above the comfort floor', String(DEFAULT_PLAN_MARGIN_K))
    .option('--planner-model <model>', `the planner's building model: ${PLANNER_MODELS.join(' | ')} (src/optimize/envelope-model.md, src/optimize/strategies/identified-model.md)`, 'envelope')
    .option('--horizon-days <n>', 'planning horizon (1 | 2 days; the first day of each plan is followed)', String(DEFAULT_HORIZON_DAYS))
    .option('--earlier-envelope-planner', 'the envelope planner as before 2026-11-24 22:00 UTC: air floor held with no heat plus committed heat, COP at the heating curve\'s flow (docs/optimize-strategies.md)')
    .option('--max-iterations <n>', 'fleet coordination: dual iterations per transformer and day', '60')
    .option('--no-exact-fallback', 'fleet coordination: skip the exact HiGHS fallback per transformer')
    .option('--enforce-rating', 'rating guard: lock units (SG-Ready "blocked") in real time so no transformer exceeds its rating; blocks below the floor are counted (src/optimize/strategies/rating-guard.md)')
    .option('--programme-cap-kw <kW>', 'optimised-fleet only: limit on the sum of all transformers\' planned heat-pump load (kW), by nested decomposition (src/optimize/fleet/programme-target.md); needs --workers 1')
    .option('--contract <id|file.json>', 'settle a heating fee contract on each strategy (preset id or JSON file): fee revenue, comfort refunds, operator margin, household mean cost (src/optimize/contracts/contracts.md)')
    .action(async (o: StrategiesOptions) => {
      const { rows } = await runStrategies(o);
      process.stdout.write(formatTable(rows));
      process.stdout.write(`written: ${join(resolve(o.out), 'strategies.csv')}, strategies.json\n`);
    });
}
