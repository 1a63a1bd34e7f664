/**
 * `heatfleet what-if`: one household of a fleet, simulated side by side with changed envelope, emitter,
 * unit, setpoint or O&M settings (same seed, same weather, same period). Each `--change` is one variant
 * (one column); keys inside one `--change` combine: `--change envelope=retrofitted,emitter=floor`.
 * Parsing and printing live here; the simulation is `compareWhatIf` in src/sim (pure).
 */
import type { Command } from 'commander';
import {
  compareWhatIf, ENVELOPE_CLASSES, PERFORMANCE_MAP_IDS, SIM_EMITTERS, SPF_BOUNDARIES,
  type EnvelopeClass, type HouseholdDefinition, type SimEmitter, type WhatIfChange, type WhatIfResult,
} from '../../sim/index.js';
import { DEFAULT_EPW, loadFleet, loadWeather, parseInstant, STEPS } from './simulate.js';

export interface WhatIfOptions {
  fleet: string; seed: string; household: string; change: string[]; weather: string; from: string; to: string; step: string;
  price?: string; json?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Setter = (value: string, c: Mutable<WhatIfChange>, h: HouseholdDefinition, key: string) => void;

const oneOf = <T extends string>(known: readonly T[]) => (value: string, key: string): T => {
  if (!(known as readonly string[]).includes(value)) throw new Error(`--change ${key}: "${value}" is not one of ${known.join(', ')}`);
  return value as T;
};
const num = (value: string, key: string): number => {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) throw new Error(`--change ${key}: "${value}" is not a number`);
  return v;
};

/** The change keys a user can give, each with what it sets on the household. */
export const CHANGE_KEYS: Record<string, { help: string; set: Setter }> = {
  envelope: { help: ENVELOPE_CLASSES.join('|'), set: (v, c, _h, k) => { c.envelope = oneOf<EnvelopeClass>(ENVELOPE_CLASSES)(v, k); } },
  emitter: { help: `${SIM_EMITTERS.join('|')} (with its default design flow unless flow= is given)`, set: (v, c, _h, k) => { c.emitter = oneOf<SimEmitter>(SIM_EMITTERS)(v, k); } },
  flow: { help: 'design flow temperature °C', set: (v, c, _h, k) => { c.designFlowTempC = num(v, k); } },
  setpoint: {
    help: 'day setpoint °C (the night setback keeps its depth)',
    set: (v, c, h, k) => {
      const day = num(v, k);
      c.daySetpointC = day;
      c.nightSetpointC = day - (h.occupants.daySetpointC - h.occupants.nightSetpointC);
    },
  },
  'night-setpoint': { help: 'night setpoint °C', set: (v, c, _h, k) => { c.nightSetpointC = num(v, k); } },
  capacity: { help: 'nominal capacity kW', set: (v, c, _h, k) => { c.unit = { ...c.unit, capacityKw: num(v, k) }; } },
  control: { help: 'inverter|fixed-speed', set: (v, c, _h, k) => { c.unit = { ...c.unit, capacityControl: oneOf(['inverter', 'fixed-speed'] as const)(v, k) }; } },
  map: { help: `performance map (${PERFORMANCE_MAP_IDS.join('|')})`, set: (v, c, _h, k) => { c.unit = { ...c.unit, performanceMap: oneOf(PERFORMANCE_MAP_IDS)(v, k) }; } },
  backup: { help: 'backup heater kW', set: (v, c, _h, k) => { c.unit = { ...c.unit, backupKw: num(v, k) }; } },
  pump: { help: 'circulation pump W', set: (v, c, _h, k) => { c.pumpW = num(v, k); } },
  'pump-control': { help: 'continuous|with-compressor', set: (v, c, _h, k) => { c.pumpControl = oneOf(['continuous', 'with-compressor'] as const)(v, k); } },
  curve: { help: 'weather-compensated|fixed', set: (v, c, _h, k) => { c.curve = oneOf(['weather-compensated', 'fixed'] as const)(v, k); } },
};

/** `key=value[,key=value…]` → one variant; errors name the key. */
export function parseChange(spec: string, h: HouseholdDefinition): WhatIfChange {
  const c: Mutable<WhatIfChange> = { label: spec };
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`--change "${part}": expected key=value (keys: ${Object.keys(CHANGE_KEYS).join(', ')})`);
    const key = part.slice(0, eq).trim();
    const entry = CHANGE_KEYS[key];
    if (!entry) throw new Error(`--change ${key}: unknown key (known: ${Object.keys(CHANGE_KEYS).join(', ')})`);
    entry.set(part.slice(eq + 1).trim(), c, h, key);
  }
  return c;
}

export interface WhatIfReport {
  household: string; fleet: string; period: { from: string; to: string }; weather: string;
  boundaries: typeof SPF_BOUNDARIES; pricePerKWh: number | null;
  variants: (WhatIfResult['summary'] & { label: string; costYuan: number | null })[];
}

export function runWhatIf(o: WhatIfOptions): WhatIfReport {
  const stepS = STEPS[o.step];
  if (!stepS) throw new Error(`--step: "${o.step}" is not one of ${Object.keys(STEPS).join(', ')}`);
  const seed = Number(o.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: "${o.seed}" is not a non-negative integer`);
  const price = o.price === undefined ? null : Number(o.price);
  if (price !== null && !(price >= 0)) throw new Error(`--price: "${o.price}" is not a non-negative number (yuan/kWh)`);
  if (o.change.length === 0) throw new Error('--change: give at least one variant, e.g. --change envelope=retrofitted');
  const fleet = loadFleet(o.fleet, seed);
  const h = fleet.households.find((x) => x.id === o.household);
  if (!h) {
    const ids = fleet.households.map((x) => x.id);
    throw new Error(`--household: no household "${o.household}" in fleet ${fleet.name} (ids ${ids[0]} … ${ids[ids.length - 1]})`);
  }
  const changes = o.change.map((spec) => parseChange(spec, h));
  const weather = loadWeather(o.weather);
  const fromMs = parseInstant(o.from, weather.location.tzHours, '--from');
  const toMs = parseInstant(o.to, weather.location.tzHours, '--to');
  if (!(toMs > fromMs)) throw new Error(`--to (${o.to}) must be after --from (${o.from})`);
  const results = compareWhatIf(h, changes, weather, { fromMs, toMs, stepS });
  return {
    household: h.id, fleet: fleet.name, period: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    weather: `${weather.location.city} ${weather.location.country}`, boundaries: SPF_BOUNDARIES, pricePerKWh: price,
    variants: results.map((r) => ({ ...r.summary, label: r.label, costYuan: price === null ? null : Math.round(r.summary.electricityKWh.total * price * 100) / 100 })),
  };
}

const f = (v: number | null, digits = 0) => (v === null ? '–' : v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

/** Metrics as rows, variants as columns. */
export function formatWhatIf(r: WhatIfReport): string {
  const v = r.variants;
  const rows: [string, (x: WhatIfReport['variants'][number]) => string][] = [
    ['SPF H1 (unit: compressor)', (x) => f(x.spf.h1, 2)],
    ['SPF H2 (+ fan, controls, standby)', (x) => f(x.spf.h2, 2)],
    ['SPF H3 (+ backup heater)', (x) => f(x.spf.h3, 2)],
    ['SPF H4 (+ circulation pump)', (x) => f(x.spf.h4, 2)],
    ['heat delivered kWh', (x) => f(x.heatKWh)],
    ['electricity total kWh', (x) => f(x.electricityKWh.total)],
    ['  compressor kWh', (x) => f(x.electricityKWh.compressor)],
    ['  fan kWh', (x) => f(x.electricityKWh.fan)],
    ['  standby kWh', (x) => f(x.electricityKWh.standby)],
    ['  backup heater kWh', (x) => f(x.electricityKWh.backup)],
    ['  circulation pump kWh', (x) => f(x.electricityKWh.pump)],
    ['hours below 18 °C indoor', (x) => f(x.hoursBelow18C)],
    ['peak electric kW (≤ 1 min)', (x) => f(x.peakElectricKw, 2)],
    ['compressor starts', (x) => f(x.compressorStarts)],
    ['defrost kWh', (x) => f(x.defrostKWh)],
  ];
  if (r.pricePerKWh !== null) rows.push([`running cost yuan at ${r.pricePerKWh} yuan/kWh`, (x) => f(x.costYuan)]);
  const table = [['', ...v.map((x) => x.label)], ...rows.map(([name, get]) => [name, ...v.map(get)])];
  const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
  const lines = table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '));
  return [
    `what-if ${r.household} (${r.fleet}), ${r.period.from} … ${r.period.to}, weather ${r.weather}`,
    ...lines,
    'SPF boundaries (SEPEMO): H1 unit, H2 + source fan/controls/standby, H3 + backup heater, H4 + circulation pump; energy-weighted over the period.',
  ].join('\n') + '\n';
}

export function registerWhatIfCommand(program: Command): void {
  program
    .command('what-if')
    .description('the same household with a changed envelope, emitter, unit or setpoint, side by side')
    .requiredOption('--household <id>', 'household id in the fleet (e.g. bj103-007)')
    .option('--change <key=value[,key=value]>', `one variant per --change; keys: ${Object.entries(CHANGE_KEYS).map(([k, e]) => `${k}=${e.help}`).join('; ')}`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--fleet <preset|file.json>', 'fleet preset or JSON fleet definition / fleet spec', 'beijing-103')
    .option('--seed <n>', 'fleet seed', '1')
    .option('--weather <file.epw>', 'EPW weather file', DEFAULT_EPW)
    .option('--from <date>', 'start, YYYY-MM-DD in the weather file\'s local time, or ISO 8601', '2018-11-15')
    .option('--to <date>', 'end (exclusive)', '2019-03-15')
    .option('--step <1m|5m|15m|1h>', 'reporting step (the physics always runs at ≤ 60 s)', '15m')
    .option('--price <yuan/kWh>', 'flat electricity price for a running-cost row (state its source)')
    .option('--json', 'print JSON instead of a table')
    .action((opts: WhatIfOptions) => {
      try {
        const report = runWhatIf(opts);
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatWhatIf(report));
      } catch (e) {
        process.stderr.write(`heatfleet what-if: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
