/**
 * `heatfleet simulate`: runs the digital twin over a period and writes every unit's telemetry in the
 * canonical channels (CSV) plus summary.json; or, with --publish, drives the fleet live over MQTT at an
 * accelerated clock. Reading files, writing files and the network live here; the twin (src/sim) is pure.
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CHANNEL_KEYS } from '../../domain/telemetry-channels.js';
import {
  createFleetSimulation, FleetDefinitionSchema, generateFleet, parseEpw, parseOrThrow, PRESETS, summarise,
  type FleetDefinition, type FleetSimulation, type FleetSpec, type PresetName, type SeasonSummary, type WeatherSeries,
} from '../../sim/index.js';
import { withProgress } from '../progress.js';
import { fleetRegistrySnapshot, simulatedDeviceId, simulatedUnitId } from './simulate-registry.js';
import { simulateSeasonParallel } from './simulate-workers.js';

export const DEFAULT_EPW = fileURLToPath(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url));
export const STEPS: Record<string, number> = { '1m': 60, '5m': 300, '15m': 900, '1h': 3600 };

export interface SimulateOptions {
  fleet: string; seed: string; weather: string; from: string; to: string; step: string; out?: string;
  publish?: string; credentials?: string; speed: string; telemetry: boolean; registryOut?: string; workers?: string;
}

/** Loads a preset name or a JSON file holding either a FleetDefinition ({households}) or a FleetSpec. */
export function loadFleet(arg: string, seed: number): FleetDefinition {
  if ((PRESETS as readonly string[]).includes(arg)) return generateFleet(arg as PresetName, seed);
  if (!arg.endsWith('.json')) throw new Error(`--fleet: unknown preset "${arg}" (known: ${PRESETS.join(', ')}) and not a .json file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(arg, 'utf8'));
  } catch (e) {
    throw new Error(`--fleet ${arg}: ${(e as Error).message}`, { cause: e });
  }
  if (json && typeof json === 'object' && 'households' in json) return parseOrThrow(FleetDefinitionSchema, json, `fleet file ${arg}`);
  return generateFleet(json as FleetSpec, seed);
}

export function loadWeather(path: string): WeatherSeries {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`--weather ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return parseEpw(text);
  } catch (e) {
    throw new Error(`--weather ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** A date (YYYY-MM-DD, local time of the weather file) or a full ISO instant → UTC epoch ms. */
export function parseInstant(value: string, tzHours: number, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - tzHours * 3_600_000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`${field}: "${value}" is not a date (YYYY-MM-DD or ISO 8601)`);
  return ms;
}

const fmt = (v: number | undefined) => (v === undefined ? '' : Number.isInteger(v) ? String(v) : v.toFixed(3));

/** Batch simulation: CSV telemetry (ts, unit, channels…) and summary.json in `outDir`. */
export async function runSimulation(o: SimulateOptions, log: (s: string) => void = (s) => process.stderr.write(s)): Promise<{ summaryPath: string; telemetryPath: string | null }> {
  const stepS = STEPS[o.step];
  if (!stepS) throw new Error(`--step: "${o.step}" is not one of ${Object.keys(STEPS).join(', ')}`);
  const seed = Number(o.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: "${o.seed}" is not a non-negative integer`);
  const weather = loadWeather(o.weather);
  const fleet = loadFleet(o.fleet, seed);
  const fromMs = parseInstant(o.from, weather.location.tzHours, '--from');
  const toMs = parseInstant(o.to, weather.location.tzHours, '--to');
  if (!(toMs > fromMs)) throw new Error(`--to (${o.to}) must be after --from (${o.from})`);
  const workers = Number(o.workers ?? '1');
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`--workers: "${o.workers}" is not a whole number 1…64`);
  if (workers > 1 && o.telemetry) throw new Error('--workers: more than one worker needs --no-telemetry (telemetry rows are written step by step)');
  const outDir = resolve(o.out ?? 'sim-out');
  mkdirSync(outDir, { recursive: true });
  const telemetryPath = o.telemetry ? join(outDir, 'telemetry.csv') : null;
  const stream = telemetryPath ? createWriteStream(telemetryPath) : null;
  stream?.write(['ts', 'unit', ...CHANNEL_KEYS].join(',') + '\n');
  const total = Math.ceil((toMs - fromMs) / (stepS * 1000));
  const t0 = Date.now();
  const summary = await withProgress(`simulate ${fleet.households.length} units`, total, async (tick) => {
    const pending: string[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!stream || pending.length === 0) return;
      const ok = stream.write(pending.join(''));
      pending.length = 0;
      pendingBytes = 0;
      if (!ok) await new Promise<void>((r) => stream.once('drain', () => r()));
    };
    const onStep = (sim: FleetSimulation) => {
      tick();
      if (!stream) return;
      const ts = sim.tsMs;
      for (let i = 0; i < sim.size; i++) {
        const v = sim.channels(i);
        let row = `${ts},${sim.ids[i]}`;
        for (const k of CHANNEL_KEYS) row += ',' + fmt(v[k]);
        pending.push(row + '\n');
        pendingBytes += row.length;
      }
    };
    // Chunk the run so the stream can drain between chunks (simulateSeason itself is synchronous and pure).
    const chunkSteps = Math.max(1, Math.floor(2_000_000 / Math.max(1, fleet.households.length * (stream ? 200 : 1))));
    if (workers > 1) return simulateSeasonParallel(fleet, o.weather, { fromMs, stepS, steps: total, workers, tick: (n) => { for (let t = 0; t < n; t++) tick(); } });
    const sim = createFleetSimulation(fleet, weather, { startMs: fromMs, stepS });
    if (stream) {
      for (let k = 0; k < total; k++) {
        sim.step();
        onStep(sim);
        if ((k + 1) % chunkSteps === 0 || pendingBytes > 8_000_000) await flush();
      }
    } else {
      // No telemetry: the cache-blocked path (same results as step by step), a day at a time for the progress bar.
      const perChunk = Math.max(1, Math.round(86_400 / stepS));
      for (let k = 0; k < total; k += perChunk) {
        const n = Math.min(perChunk, total - k);
        sim.advance(n);
        for (let t = 0; t < n; t++) tick();
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    await flush();
    const result: SeasonSummary = summarise(fleet, sim.state, { from: new Date(fromMs).toISOString(), to: new Date(sim.tsMs).toISOString() });
    return result;
  });
  if (stream) await new Promise<void>((r, j) => stream.end((e?: Error | null) => (e ? j(e) : r())));
  const summaryPath = join(outDir, 'summary.json');
  writeFileSync(summaryPath, JSON.stringify({ ...summary, weather: `${weather.location.city} ${weather.location.country} (${o.weather.split('/').pop()})`, stepS, fleetName: fleet.name, seed }, null, 2) + '\n');
  const f = summary.fleet;
  log(`${fleet.households.length} units, ${new Date(fromMs).toISOString()} … ${summary.period.to}, step ${o.step}, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  log(`fleet SPF H1 ${f.spf.h1} · H2 ${f.spf.h2} · H3 ${f.spf.h3} · H4 ${f.spf.h4} (energy-weighted), heat ${Math.round(f.heatKWh)} kWh, load ratio ${f.loadRatio}\n`);
  log(`wrote ${summaryPath}${telemetryPath ? ` and ${telemetryPath}` : ''}\n`);
  return { summaryPath, telemetryPath };
}

/** Writes the registry snapshot that provisions the fleet's units and gateway devices (see simulate-registry.ts). */
export function writeFleetRegistry(o: Pick<SimulateOptions, 'fleet' | 'seed'>, path: string): { units: number } {
  const fleet = loadFleet(o.fleet, Number(o.seed));
  writeFileSync(path, JSON.stringify(fleetRegistrySnapshot(fleet), null, 2) + '\n');
  return { units: fleet.households.length };
}

/**
 * Live mode: each household's gateway (device id = household id + "-gw", see simulate-registry.ts) publishes
 * its readings (unit = household id) over MQTT, the simulated clock running `speed`× real time.
 * Resolves when the period is over (or on SIGINT) with the number of readings acknowledged.
 */
export async function runPublish(o: SimulateOptions, log: (s: string) => void = (s) => process.stderr.write(s)): Promise<{ published: number }> {
  const { connectAsync } = await import('mqtt');
  const stepS = STEPS[o.step];
  if (!stepS) throw new Error(`--step: "${o.step}" is not one of ${Object.keys(STEPS).join(', ')}`);
  const speed = Number(o.speed);
  if (!(speed > 0)) throw new Error(`--speed: "${o.speed}" must be a positive number`);
  if (!o.credentials) throw new Error('--credentials <file> is required with --publish (JSON map deviceId → secret)');
  let secrets: Record<string, unknown>;
  try {
    secrets = JSON.parse(readFileSync(o.credentials, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`--credentials ${o.credentials}: ${(e as Error).message}`, { cause: e });
  }
  const weather = loadWeather(o.weather);
  const fleet = loadFleet(o.fleet, Number(o.seed));
  const devices = fleet.households.map((h) => simulatedDeviceId(h.id));
  const units = fleet.households.map((h) => simulatedUnitId(h.id));
  const missing = devices.filter((d) => typeof secrets[d] !== 'string');
  if (missing.length) throw new Error(`--credentials: no secret for device(s) ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''} (device id = household id + "-gw")`);
  const fromMs = parseInstant(o.from, weather.location.tzHours, '--from');
  const toMs = parseInstant(o.to, weather.location.tzHours, '--to');
  if (!(toMs > fromMs)) throw new Error(`--to (${o.to}) must be after --from (${o.from})`);
  const sim = createFleetSimulation(fleet, weather, { startMs: fromMs, stepS });
  const clients = await Promise.all(devices.map((d) => connectAsync(o.publish as string, { username: d, password: secrets[d] as string, clientId: `${d}:sim`, reconnectPeriod: 1000 })));
  let stop = false;
  const onSigint = () => { stop = true; };
  process.once('SIGINT', onSigint);
  const wall0 = Date.now();
  let published = 0;
  try {
    while (!stop && sim.tsMs < toMs) {
      sim.step();
      const due = wall0 + (sim.tsMs - fromMs) / speed;
      await Promise.all(clients.map(async (c, i) => {
        await c.publishAsync(`heatfleet/v1/devices/${devices[i]}/telemetry`, JSON.stringify({ ts: sim.tsMs, unit: units[i], values: sim.channels(i) }), { qos: 1 });
        published++;
      }));
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    await Promise.all(clients.map((c) => c.endAsync()));
  }
  log(`published ${published} readings of ${devices.length} devices to ${o.publish}\n`);
  return { published };
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('run the digital twin: telemetry (canonical channels, CSV) and summary.json, or live over MQTT')
    .option('--fleet <preset|file.json>', `fleet preset (${PRESETS.join(', ')}) or a JSON fleet definition / fleet spec`, 'beijing-103')
    .option('--seed <n>', 'fleet seed', '1')
    .option('--weather <file.epw>', 'EPW weather file (any year maps onto the typical year)', DEFAULT_EPW)
    .option('--from <date>', 'start, YYYY-MM-DD in the weather file\'s local time, or ISO 8601', '2018-11-15')
    .option('--to <date>', 'end (exclusive)', '2019-03-15')
    .option('--step <1m|5m|15m|1h>', 'simulation and telemetry step', '15m')
    .option('--out <dir>', 'output directory', 'sim-out')
    .option('--no-telemetry', 'write summary.json only')
    .option('--workers <n>', 'with --no-telemetry: worker threads sharing the fleet (e.g. 2 on a 2-core machine)', '1')
    .option('--publish <url>', 'publish live over MQTT (mqtt://host:port) instead of writing files')
    .option('--credentials <file>', 'with --publish: JSON map deviceId → secret (device id = household id + "-gw")')
    .option('--registry-out <file>', 'write the registry snapshot (sites, units, gateway devices) that provisions this fleet for --publish, then exit')
    .option('--speed <x>', 'with --publish: simulated seconds per real second', '60')
    .action(async (opts: SimulateOptions) => {
      try {
        if (opts.registryOut) process.stderr.write(`wrote ${opts.registryOut}: ${writeFleetRegistry(opts, opts.registryOut).units} units and their gateway devices\n`);
        else if (opts.publish) await runPublish(opts);
        else await runSimulation(opts);
      } catch (e) {
        process.stderr.write(`heatfleet simulate: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
