/**
 * Platform configuration: defaults, then an optional JSON file (HEATFLEET_CONFIG), then environment
 * variables. Parsed once by zod; an invalid value stops start-up with a message naming the setting.
 * Every setting is documented in docs/configuration.md.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')]);

export const ConfigSchema = z.strictObject({
  dataDir: z.string().min(1).nullable().default('.heatfleet/data'),
  /** DuckDB's memory limit (e.g. 8GB, 512MiB); null: DuckDB's default (80 % of the machine's RAM). */
  dbMemoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 8GB or 512MiB').nullable().default(null),
  httpHost: z.string().min(1).default('127.0.0.1'),
  httpPort: z.coerce.number().int().min(0).max(65535).default(8080),
  mqttHost: z.string().min(1).default('127.0.0.1'),
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** When set (e.g. mqtt://127.0.0.1:1883), telemetry comes through this external broker instead of the embedded one. */
  mqttExternalUrl: z.string().url().nullable().default(null),
  mqttExternalUsername: z.string().nullable().default(null),
  mqttExternalPassword: z.string().nullable().default(null),
  offlineAfterS: z.coerce.number().positive().default(900),
  liveIntervalMs: z.coerce.number().int().min(200).max(60_000).default(2000),
  rollupIntervalMs: z.coerce.number().int().min(500).default(5000),
  ingestMaxAgeDays: z.coerce.number().positive().default(400),
  ingestMaxFutureS: z.coerce.number().min(0).default(300),
  /** Mark the session cookie Secure (set true behind HTTPS). */
  secureCookies: bool.default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  webDir: z.string().nullable().default(null),
  /** Password of the `admin` user created on first start; random (printed once) when unset. */
  adminPassword: z.string().min(10).nullable().default(null),
  rateLimitPerMinute: z.coerce.number().int().positive().default(600),
  demo: bool.default(false),
  demoHouseholds: z.coerce.number().int().min(1).max(10_000).default(103),
  /** Simulated seconds per real second in the demo. */
  demoSpeed: z.coerce.number().positive().max(3600).default(60),
  /** Simulated start of the demo (ISO date-time); the demo clock runs from here. */
  demoStart: z.string().datetime({ offset: true }).default('2018-12-20T00:00:00+08:00'),
  /** Days of history the demo backfills on a fresh store (readings every 15 simulated minutes); more days give a fuller season report. */
  demoBackfillDays: z.coerce.number().int().min(1).max(150).default(2),
  /** Simulated minutes between backfilled readings (1 = full resolution, as live; 15 = the thin, faster backfill). */
  demoBackfillStepMin: z.coerce.number().int().min(1).max(60).default(1),
  /** Percentage of the demo's devices that never acknowledge commands (to show retries → alarm → fallback). */
  demoNeverAckPct: z.coerce.number().min(0).max(100).default(0),
  /** Dispatch (docs/dispatch.md): wall-clock wait for a device's ack, publishes per command, and how often drift is checked. */
  dispatchAckTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
  dispatchMaxAttempts: z.coerce.number().int().min(1).max(20).default(4),
  replanIntervalMs: z.coerce.number().int().min(1000).default(60_000),
  /** Dispatch planner's building model: 'identified' (fitted to each household's telemetry when good enough, src/optimize/planner-model/model-choice.md) or 'registered'. */
  plannerModel: z.enum(['identified', 'registered']).default('identified'),
  /** Weather feed in the Open-Meteo JSON format (docs/weather-forecast.md); null: typical year + fleet observations only. */
  weatherFeedUrl: z.string().url().nullable().default(null),
  /** How often the planners' forecast is rebuilt (and the feed fetched), wall-clock ms. */
  weatherRefreshMs: z.coerce.number().int().min(1000).default(900_000),
});
export type PlatformConfig = z.infer<typeof ConfigSchema>;

/** Environment variable → setting. */
export const ENV_VARS: Readonly<Record<string, keyof PlatformConfig>> = {
  HEATFLEET_DATA_DIR: 'dataDir',
  HEATFLEET_DB_MEMORY_LIMIT: 'dbMemoryLimit',
  HEATFLEET_HTTP_HOST: 'httpHost',
  HEATFLEET_HTTP_PORT: 'httpPort',
  HEATFLEET_MQTT_HOST: 'mqttHost',
  HEATFLEET_MQTT_PORT: 'mqttPort',
  HEATFLEET_MQTT_EXTERNAL_URL: 'mqttExternalUrl',
  HEATFLEET_MQTT_EXTERNAL_USERNAME: 'mqttExternalUsername',
  HEATFLEET_MQTT_EXTERNAL_PASSWORD: 'mqttExternalPassword',
  HEATFLEET_OFFLINE_AFTER_S: 'offlineAfterS',
  HEATFLEET_LIVE_INTERVAL_MS: 'liveIntervalMs',
  HEATFLEET_ROLLUP_INTERVAL_MS: 'rollupIntervalMs',
  HEATFLEET_INGEST_MAX_AGE_DAYS: 'ingestMaxAgeDays',
  HEATFLEET_INGEST_MAX_FUTURE_S: 'ingestMaxFutureS',
  HEATFLEET_SECURE_COOKIES: 'secureCookies',
  HEATFLEET_LOG_LEVEL: 'logLevel',
  HEATFLEET_WEB_DIR: 'webDir',
  HEATFLEET_ADMIN_PASSWORD: 'adminPassword',
  HEATFLEET_RATE_LIMIT_PER_MINUTE: 'rateLimitPerMinute',
  HEATFLEET_DEMO: 'demo',
  HEATFLEET_DEMO_HOUSEHOLDS: 'demoHouseholds',
  HEATFLEET_DEMO_SPEED: 'demoSpeed',
  HEATFLEET_DEMO_START: 'demoStart',
  HEATFLEET_DEMO_BACKFILL_DAYS: 'demoBackfillDays',
  HEATFLEET_DEMO_BACKFILL_STEP_MIN: 'demoBackfillStepMin',
  HEATFLEET_DEMO_NEVER_ACK_PCT: 'demoNeverAckPct',
  HEATFLEET_DISPATCH_ACK_TIMEOUT_MS: 'dispatchAckTimeoutMs',
  HEATFLEET_DISPATCH_MAX_ATTEMPTS: 'dispatchMaxAttempts',
  HEATFLEET_REPLAN_INTERVAL_MS: 'replanIntervalMs',
  HEATFLEET_PLANNER_MODEL: 'plannerModel',
  HEATFLEET_WEATHER_FEED_URL: 'weatherFeedUrl',
  HEATFLEET_WEATHER_REFRESH_MS: 'weatherRefreshMs',
};

export class ConfigError extends Error {}

/** Secrets may only come from files nobody else can read. */
function readConfigFile(path: string): Record<string, unknown> {
  const mode = statSync(path).mode & 0o077;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${path}: a config file holds one JSON object`);
  const obj = raw as Record<string, unknown>;
  const secrets = ['adminPassword', 'mqttExternalPassword'].filter((k) => obj[k] !== undefined && obj[k] !== null);
  if (secrets.length > 0 && mode !== 0) throw new ConfigError(`${path} holds secrets (${secrets.join(', ')}) but is readable by group/others: chmod 600 it`);
  return obj;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  let fromFile: Record<string, unknown> = {};
  if (env.HEATFLEET_CONFIG) {
    try {
      fromFile = readConfigFile(env.HEATFLEET_CONFIG);
    } catch (e) {
      throw e instanceof ConfigError ? e : new ConfigError(`HEATFLEET_CONFIG=${env.HEATFLEET_CONFIG}: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_VARS)) {
    const v = env[name];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  const parsed = ConfigSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    const byKey = Object.fromEntries(Object.entries(ENV_VARS).map(([n, k]) => [k, n]));
    const msg = parsed.error.issues
      .map((i) => {
        const key = String(i.path[0] ?? '');
        return `${key}${byKey[key] ? ` (${byKey[key]})` : ''}: ${i.message}`;
      })
      .join('; ');
    throw new ConfigError(`invalid configuration: ${msg}`);
  }
  return parsed.data;
}
