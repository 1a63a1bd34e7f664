/**
 * Composition root: the only place that chooses adapters. Opens the store, builds the use cases, starts
 * the MQTT ingest (embedded broker, or a client of an external one), the HTTP API with the dashboard,
 * the rollup and live-update loops, and — in demo mode — seeds and drives a simulated fleet.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { Registry as MetricsRegistry, collectDefaultMetrics } from 'prom-client';
import { createAuthService } from '../app/auth-service.js';
import { createDeviceAdmin } from '../app/device-admin.js';
import { createDeviceDirectory } from '../app/device-directory.js';
import { createDispatcher, createDispatchService, createPlannerModels, createReplanner, planVsActual, workerModelChooser, workerPlanner, type CommandTransport } from '../app/dispatch/index.js';
import { createFleetQueries } from '../app/fleet-queries.js';
import { createHouseholdModels } from '../app/household-model.js';
import { createDrService } from '../app/dr/index.js';
import { createFleetStatus } from '../app/fleet-status.js';
import { createTelemetryIngestor } from '../app/ingest-telemetry.js';
import { createLiveHub } from '../app/live-hub.js';
import { systemClock, type Clock } from '../app/ports/clock.js';
import { createRegistryAdmin } from '../app/registry-admin.js';
import { createRegistryService } from '../app/registry-service.js';
import { createUserAdmin } from '../app/user-admin.js';
import { buildApiServer } from '../api/server.js';
import { createEmbeddedMqttIngest } from '../ingest/mqtt/embedded-broker.js';
import { createMqttCommandPublisher } from '../ingest/mqtt/command-publisher.js';
import { createExternalMqttIngest } from '../ingest/mqtt/external-client.js';
import { PLATFORM_USERNAME } from '../ingest/mqtt/topics.js';
import { parseEpw, type WeatherSeries } from '../sim/index.js';
import { openDuckDbStores } from '../storage/duckdb/index.js';
import { loadConfig, type PlatformConfig } from './config.js';
import { ensureAdmin } from './ensure-admin.js';
import { acceleratedClock } from './accelerated-clock.js';
import { DEMO_WEATHER_FILE, startDemo, type DemoCredential, type RunningDemo } from './demo/start-demo.js';
import { createPlatformSeasonReports } from './season-reports.js';
import { startPlanningWeather } from './planning-weather.js';

export interface RunningPlatform {
  readonly url: string;
  readonly httpPort: number;
  /** Port of the embedded MQTT broker (null with an external broker). */
  readonly mqttPort: number | null;
  readonly config: PlatformConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Logins of the demo (empty outside demo mode). */
  readonly demoCredentials: readonly DemoCredential[];
  /** Password of the `admin` user when it was created now (printed once), else null. */
  readonly adminPassword: string | null;
  readonly demo: RunningDemo | null;
  close(): Promise<void>;
}

const defaultWebDir = (): string | null => {
  const dir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  return existsSync(dir) ? dir : null;
};

export interface StartOptions extends Partial<PlatformConfig> {
  /** Use this logger instead of a new pino on stdout. */
  readonly logger?: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

export async function startPlatform(options: StartOptions = {}): Promise<RunningPlatform> {
  const { logger: givenLogger, env, ...overrides } = options;
  const config = loadConfig(env ?? process.env, overrides);
  const logger = givenLogger ?? pino({ level: config.logLevel, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret'], remove: true } }, pino.destination(2));
  // The platform clock drives telemetry (ingest limits, online/offline, live views); in the demo it is
  // simulated time. People's sessions, lockouts and the audit log always run on the wall clock.
  const clock: Clock = config.demo ? acceleratedClock(Date.parse(config.demoStart), config.demoSpeed) : systemClock;
  const wallClock: Clock = systemClock;
  // A demo device publishes about once a real second: scale the offline threshold with the demo speed.
  const offlineAfterMs = config.demo ? Math.max(config.offlineAfterS * 1000, config.demoSpeed * 30_000) : config.offlineAfterS * 1000;
  const stores = await openDuckDbStores({ dataDir: config.dataDir, clock: wallClock, memoryLimit: config.dbMemoryLimit });
  const cleanups: (() => Promise<void> | void)[] = [() => stores.close()];
  const close = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e: unknown) => logger.error({ err: e }, 'error while closing'));
  };
  try {
    const metrics = new MetricsRegistry();
    collectDefaultMetrics({ register: metrics });
    const registry = await createRegistryService(stores.registry);
    const auth = createAuthService({ access: stores.access, clock: wallClock });
    const devices = createDeviceDirectory({
      access: stores.access, devices: { unitsOfDevice: (id) => registry.index().unitsOfDevice(id) }, clock: wallClock,
      onUpgradeError: (deviceId, e) => logger.warn({ err: e, deviceId }, 'device secret: re-hash to the fast form failed (login accepted)'),
    });
    const deviceAdmin = createDeviceAdmin({ access: stores.access, registry, directory: devices, clock: wallClock });
    const ingestor = createTelemetryIngestor({ store: stores.telemetry, clock, limits: { maxAgeMs: config.ingestMaxAgeDays * 86_400_000, maxFutureMs: config.ingestMaxFutureS * 1000 } });
    const status = createFleetStatus({ store: stores.telemetry, clock, index: registry.index(), offlineAfterMs });
    registry.onChange((i) => status.setIndex(i));
    const queries = createFleetQueries({ index: () => registry.index(), status, store: stores.telemetry, clock });
    const live = createLiveHub({ status, onError: (e) => logger.error({ err: e }, 'live refresh failed') });
    const adminPassword = await ensureAdmin({ access: stores.access, registry, clock: wallClock, password: config.adminPassword });

    let mqttPort: number | null = null;
    let commandTransport: CommandTransport & { close(): Promise<void> };
    if (config.mqttExternalUrl === null) {
      // The platform's own command channel logs in with a secret that lives only in this process.
      const platformSecret = randomBytes(24).toString('base64url');
      const mqtt = await createEmbeddedMqttIngest({ ingestor, devices, logger, metrics: { registry: metrics }, host: config.mqttHost, port: config.mqttPort, deadLetters: stores.telemetry, clock, platformSecret });
      mqttPort = mqtt.port;
      const host = config.mqttHost === '0.0.0.0' ? '127.0.0.1' : config.mqttHost;
      commandTransport = await createMqttCommandPublisher({ url: `mqtt://${host}:${mqtt.port}`, username: PLATFORM_USERNAME, password: platformSecret, logger });
      deviceAdmin.onRevoke((id) => mqtt.revoke(id));
      cleanups.push(() => mqtt.close());
    } else {
      const ext = await createExternalMqttIngest({
        url: config.mqttExternalUrl,
        username: config.mqttExternalUsername ?? undefined,
        password: config.mqttExternalPassword ?? undefined,
        ingestor,
        devices,
        logger,
        metrics: { registry: metrics },
        deadLetters: stores.telemetry,
        clock,
      });
      deviceAdmin.onRevoke((id) => ext.revoke(id));
      cleanups.push(() => ext.close());
      commandTransport = await createMqttCommandPublisher({ url: config.mqttExternalUrl, username: config.mqttExternalUsername ?? '', password: config.mqttExternalPassword ?? '', clientId: 'heatfleet-platform-dispatch', logger });
    }
    cleanups.push(() => commandTransport.close());

    // Dispatch (docs/dispatch.md): commands with ack/timeout/retry, plans from the typical-year forecast, drift → replan.
    const weather: WeatherSeries | null = existsSync(DEMO_WEATHER_FILE) ? parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8')) : null;
    const planningWeather = weather === null ? null : startPlanningWeather({ typical: weather, feedUrl: config.weatherFeedUrl, refreshMs: config.demo ? Math.max(1000, config.weatherRefreshMs / config.demoSpeed) : config.weatherRefreshMs, telemetry: stores.telemetry, unitIds: () => registry.index().allUnitIds(), clock, logger });
    if (planningWeather) cleanups.push(() => planningWeather.stop());
    const onAlarm = (a: { message: string }) => logger.warn({ alarm: a }, `dispatch alarm: ${a.message}`);
    const siteLabel = (siteId: string) => { const s = registry.index().site(siteId); return s ? `${s.name} (${s.id})` : siteId; };
    const dispatcher = createDispatcher({ store: stores.dispatch, transport: commandTransport, clock, options: { ackTimeoutMs: config.dispatchAckTimeoutMs, maxAttempts: config.dispatchMaxAttempts }, siteLabel, onAlarm, onError: (e) => logger.error({ err: e }, 'dispatch error') });
    cleanups.push(() => dispatcher.close());
    // Planning runs in the optimiser's worker pool, off the event loop (src/app/dispatch/worker-planner.ts).
    const planner = workerPlanner();
    // Plans, replans and DR offers read the current forecast (typical year + fleet observations + feed) each time.
    const forecast = () => planningWeather?.weather.current() ?? weather;
    // Each household planned on the model fitted to its own telemetry when good enough (src/optimize/planner-model/model-choice.md).
    const plannerModels = config.plannerModel === 'identified'
      ? createPlannerModels({ index: () => registry.index(), telemetry: stores.telemetry, weather: forecast, choose: workerModelChooser() })
      : undefined;
    const dispatchDeps = { index: () => registry.index(), store: stores.dispatch, dispatcher, clock, weather: forecast, planner, onAlarm, ...(plannerModels ? { models: plannerModels } : {}) };
    const dispatchService = createDispatchService({ ...dispatchDeps, wallClock, access: stores.access });
    const replanner = createReplanner({ ...dispatchDeps, telemetry: stores.telemetry });
    let replanning = false;
    const replanTimer = setInterval(() => {
      if (replanning) return;
      replanning = true;
      replanner.tick().then(
        (out) => { for (const o of out.filter((x) => x.replanned)) logger.info({ plan: o.planId, next: o.newPlanId }, 'dispatch: replanned after drift'); },
        (e: unknown) => logger.error({ err: e }, 'dispatch: drift check failed'),
      ).finally(() => { replanning = false; });
    }, config.replanIntervalMs);
    replanTimer.unref();
    cleanups.push(() => clearInterval(replanTimer));

    const rollupTimer = setInterval(() => {
      stores.telemetry.refreshRollups().catch((e: unknown) => logger.error({ err: e }, 'rollup refresh failed'));
    }, config.rollupIntervalMs);
    rollupTimer.unref();
    cleanups.push(() => clearInterval(rollupTimer));
    live.start(config.liveIntervalMs);
    cleanups.push(() => live.stop());
    const season = createPlatformSeasonReports({
      index: () => registry.index(), kpiDays: stores.kpiDays, faults: stores.faultEvents, telemetry: stores.telemetry, clock, wallClock,
      twinResults: stores.twinResults, onError: (e) => logger.error({ err: e }, 'season report twin run failed'),
    });
    cleanups.push(() => season.stop());

    const api = await buildApiServer({
      clock,
      logger,
      auth,
      access: stores.access,
      registry,
      registryStore: stores.registry,
      registryAdmin: createRegistryAdmin({ registry, access: stores.access, clock: wallClock }),
      userAdmin: createUserAdmin({ access: stores.access, auth, registry, clock: wallClock }),
      queries,
      models: createHouseholdModels({ index: () => registry.index(), store: stores.telemetry, ...(plannerModels ? { planner: { models: plannerModels, clock } } : {}) }),
      weather: planningWeather?.weather ?? null,
      seasonReports: season.reports,
      live,
      ingestor,
      devices,
      deviceAdmin,
      telemetry: stores.telemetry,
      metrics,
      dr: createDrService({ index: () => registry.index(), events: stores.drEvents, plans: stores.dispatch, telemetry: stores.telemetry, dispatcher, clock, wallClock, access: stores.access, weather: forecast }),
      dispatch: { service: dispatchService, planVsActual: (p, villageId, day) => planVsActual({ index: () => registry.index(), store: stores.dispatch, telemetry: stores.telemetry, clock }, p, villageId, day) },
      options: {
        secureCookies: config.secureCookies,
        rateLimitPerMinute: config.rateLimitPerMinute,
        webDir: config.webDir ?? defaultWebDir(),
        bodyLimitBytes: 1024 * 1024,
        liveIntervalMs: config.liveIntervalMs,
        mqttPort,
      },
    });
    await api.listen({ host: config.httpHost, port: config.httpPort });
    cleanups.push(() => api.close());
    const address = api.server.address();
    const httpPort = typeof address === 'object' && address !== null ? address.port : config.httpPort;
    const url = `http://${config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost}:${httpPort}`;

    let demo: RunningDemo | null = null;
    if (config.demo) {
      if (mqttPort === null) throw new Error('the demo publishes through the embedded broker: unset HEATFLEET_MQTT_EXTERNAL_URL');
      demo = await startDemo({ config, clock, wallClock, logger, registry, access: stores.access, telemetry: stores.telemetry, mqttUrl: `mqtt://${config.mqttHost}:${mqttPort}`, adminPassword, afterBackfill: async () => { await stores.telemetry.refreshRollups(); await live.tick(); await planningWeather?.weather.refresh(); } });
      cleanups.push(() => demo?.stop());
    }
    return { url, httpPort, mqttPort, config, clock, logger, demoCredentials: demo?.credentials ?? [], adminPassword, demo, close };
  } catch (e) {
    await close();
    throw e;
  }
}
