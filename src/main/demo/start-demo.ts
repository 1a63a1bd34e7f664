/**
 * `npm start`'s demo: a programme of three villages whose households are the digital twin's
 * `beijing-103` fleet on Beijing typical-year weather, seeded into the registry with a login per role,
 * and driven live through the real MQTT path on the accelerated clock.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { AccessStore } from '../../app/ports/access-store.js';
import type { Clock } from '../../app/ports/clock.js';
import type { TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { RegistryService } from '../../app/registry-service.js';
import { createFleetSimulation, generateFleet, parseEpw } from '../../sim/index.js';
import type { PlatformConfig } from '../config.js';
import { demoUserSpecs, ensureDemoAccounts, ensureDeviceSecrets, type DemoCredential } from './demo-accounts.js';
import { demoProgramme } from './demo-programme.js';
import { startSimulatedDevices } from './simulated-devices.js';

export type { DemoCredential } from './demo-accounts.js';

export interface RunningDemo {
  readonly credentials: readonly DemoCredential[];
  readonly households: number;
  /** Resolves once the backfill is stored. */
  readonly ready: Promise<void>;
  published(): number;
  stop(): Promise<void>;
}

export const DEMO_WEATHER_FILE = fileURLToPath(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url));
const STEP_S = 60;
const DEMO_SEED = 2017;

export async function startDemo(deps: {
  config: PlatformConfig;
  clock: Clock;
  wallClock: Clock;
  logger: Logger;
  registry: RegistryService;
  access: AccessStore;
  telemetry: TelemetryStore;
  mqttUrl: string;
  adminPassword: string | null;
  afterBackfill: () => Promise<void>;
}): Promise<RunningDemo> {
  const full = generateFleet('beijing-103', DEMO_SEED);
  const n = deps.config.demoHouseholds;
  // More households than the preset: repeat its composition, one new seed per block of the preset's size.
  const blocks = Array.from({ length: Math.ceil(n / full.households.length) }, (_, b) => (b === 0 ? full : generateFleet('beijing-103', DEMO_SEED + b)));
  const drawn = blocks.flatMap((f) => f.households).slice(0, n);
  const fleet = { ...full, households: n <= full.households.length ? drawn : drawn.map((h, i) => ({ ...h, id: `${h.id}-${i}` })) };
  const { snapshot, households } = demoProgramme(fleet);
  await deps.registry.write(snapshot);
  const first = households[0];
  if (!first) throw new Error('demoHouseholds: the demo needs at least one household');
  const credentials = await ensureDemoAccounts({ access: deps.access, clock: deps.wallClock, dataDir: deps.config.dataDir, specs: demoUserSpecs(first.siteId, first.villageId), adminPassword: deps.adminPassword });
  const secrets = await ensureDeviceSecrets({ access: deps.access, clock: deps.wallClock, dataDir: deps.config.dataDir, deviceIds: households.map((h) => h.deviceId) });

  // Continue from the newest stored reading after a restart, else backfill `demoBackfillDays` days.
  const latest = await deps.telemetry.latest(households.map((h) => h.unitId));
  const resumeMs = latest.length > 0 ? Math.max(...latest.map((r) => r.tsMs)) : deps.clock.nowMs() - deps.config.demoBackfillDays * 86_400_000;
  const startMs = Math.floor(resumeMs / (STEP_S * 1000)) * STEP_S * 1000;
  const weather = parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8'));
  const sim = createFleetSimulation(fleet, weather, { startMs, stepS: STEP_S });
  const registerOffsets = new Map(
    latest.map((r) => [r.unitId, Object.fromEntries(Object.entries(r.values).filter(([k]) => k.endsWith('EnergyKWh'))) as Record<string, number>]),
  );
  const devices = startSimulatedDevices({ mqttUrl: deps.mqttUrl, households, secrets, sim, clock: deps.clock, logger: deps.logger, backfillEvery: deps.config.demoBackfillStepMin * 60 / STEP_S, stepMs: STEP_S * 1000, registerOffsets, neverAckPct: deps.config.demoNeverAckPct,
    // A fresh store gets its history written directly; after a restart the gap is replayed over MQTT like an outage.
    ...(latest.length === 0 ? { backfillStore: deps.telemetry } : {}) });
  const ready = devices.ready.then(deps.afterBackfill);
  ready.catch((e: unknown) => deps.logger.error({ err: e }, 'demo backfill failed'));
  return { credentials, households: households.length, ready, published: devices.published, stop: devices.stop };
}
