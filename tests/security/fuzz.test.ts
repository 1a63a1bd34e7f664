/**
 * Property-based fuzzing of every parser at the edge: the telemetry ingest use case on a real in-memory
 * DuckDB store, the API's zod schemas, the registry entity schemas and the registry file reader (JSON).
 * Properties: nothing throws (0 crashes); every row the store holds afterwards satisfies the channel
 * ranges and belongs to the sender; every accepted entity re-parses.
 *
 * Budget: ≥ 100,000 cases in CI (CI=true), 5,000 locally (FUZZ_CASES overrides), seeded per run and
 * printed, so a failure can be replayed with FUZZ_SEED.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelemetryIngestor, type IngestSender, type TelemetryIngestor } from '../../src/app/ingest-telemetry.js';
import { parseRegistryFiles } from '../../src/app/registry-io/index.js';
import { NewUserSchema, PasswordSchema } from '../../src/app/user-admin.js';
import { ApiTokenCreateSchema, LoginRequestSchema, SeriesQuerySchema, SiteListQuerySchema } from '../../src/contract/api.js';
import { WireBatchSchema, WireReadingSchema } from '../../src/contract/telemetry-payload.js';
import { REGISTRY_KINDS, REGISTRY_SCHEMAS, type RegistryKind } from '../../src/domain/registry.js';
import { CHANNELS, CHANNEL_BY_KEY } from '../../src/domain/telemetry-channels.js';
import { openDuckDbStores, type DuckDbStores } from '../../src/storage/duckdb/index.js';
import { INJECTIONS } from './support/injections.js';

const TOTAL = Number(process.env.FUZZ_CASES ?? (process.env.CI === 'true' ? 100_000 : 5_000));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Share of the budget per target (sums to 1). */
// Ingest writes to DuckDB (~4 ms a case); the pure parsers take microseconds.
const SHARE = { telemetry: 0.2, apiSchemas: 0.4, registrySchemas: 0.25, registryFiles: 0.15 } as const;
const TIMEOUT_MS = 240_000;
const runs = (k: keyof typeof SHARE) => Math.max(1, Math.round(TOTAL * SHARE[k]));
const counted: Record<string, number> = {};
const NOW = Date.parse('2025-01-15T06:00:00Z');
const LIMITS = { maxAgeMs: 30 * 86_400_000, maxFutureMs: 5 * 60_000 };

// ---- generators ----
const nasty = fc.oneof(
  fc.constantFrom(...INJECTIONS, '', ' ', '\u0000', '\uFEFF', '💥', 'NaN', 'Infinity', '-0', '1e309', '__proto__', 'constructor', '2017-02-30', '2017-13-01', '0000-00-00'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e21));
const scalar = fc.oneof(nasty, number, fc.boolean(), fc.constant(null), fc.constant(undefined));
const anyValue = fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(nasty, scalar, { maxKeys: 4 }), fc.jsonValue({ maxDepth: 3 }));

const OWN = ['u-own-1', 'u-own-2'];
const channelValue = (key: string) => {
  const c = CHANNEL_BY_KEY.get(key);
  const inRange = c ? fc.double({ min: c.min, max: c.max, noNaN: true }) : fc.double();
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: scalar });
};
const values = fc.oneof(
  fc.dictionary(fc.constantFrom(...CHANNELS.map((c) => c.key)), fc.constant(0), { minKeys: 0, maxKeys: 6 }).chain((d) =>
    fc.record(Object.fromEntries(Object.keys(d).map((k) => [k, channelValue(k)]))),
  ),
  fc.dictionary(nasty, scalar, { maxKeys: 3 }),
  anyValue,
);
const ts = fc.oneof(
  fc.integer({ min: NOW - LIMITS.maxAgeMs - 60_000, max: NOW + LIMITS.maxFutureMs + 60_000 }),
  fc.integer({ min: NOW - 86_400_000, max: NOW }).map((t) => new Date(t).toISOString()),
  number,
  nasty,
);
const reading = fc.record(
  { ts, unit: fc.oneof(fc.constantFrom(...OWN, 'u-foreign'), nasty), values, fault: fc.oneof(fc.constantFrom('E3', 'F-12', 'dfr.1'), nasty) },
  { requiredKeys: [] },
).chain((r) => fc.oneof(fc.constant<unknown>(r), fc.record({ extra: scalar }).map((x) => ({ ...r, ...x }))));
const telemetryPayload = fc.oneof(
  { weight: 4, arbitrary: reading.map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: fc.array(reading, { maxLength: 8 }).map((readings) => JSON.stringify({ readings })) },
  { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? 'undefined') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: reading },
);

/** A valid example of each registry kind, then fields overwritten with nasty values. */
const SAMPLES: Record<RegistryKind, Record<string, unknown>> = {
  areas: { id: 'a1', kind: 'village', parentId: null, name: 'A', nameZh: '村', lat: 40, lon: 116 },
  organisations: { id: 'o1', kind: 'heating-operator', name: 'O' },
  programmes: { id: 'p1', name: 'P', year: 2017, areaId: 'a1', description: 'd' },
  transformers: { id: 't1', villageId: 'a1', name: 'T', ratingKva: 400, powerFactor: 0.9 },
  sites: { id: 's1', kind: 'household', name: 'S', villageId: 'a1', operatorOrgId: 'o1', transformerId: 't1', lat: 40, lon: 116 },
  buildings: { id: 'b1', siteId: 's1', heatedAreaM2: 120, constructionYear: 1990, envelope: 'uninsulated', storeys: 1 },
  units: { id: 'u1', siteId: 's1', type: 'air-to-water', manufacturer: 'M', model: 'X', nominalCapacityKw: 10, capacityControl: 'inverter', refrigerant: 'R410A', installedOn: '2017-10-01', emitter: 'radiator' },
  meters: { id: 'm1', unitId: 'u1', kind: 'electricity', channels: ['unitPowerW'] },
  devices: { id: 'd1', siteId: 's1', unitIds: ['u1'], status: 'active' },
};
const dateish = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
const mutated = (kind: RegistryKind) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...Object.keys(SAMPLES[kind])), nasty), fc.oneof(anyValue, dateish, number)), { maxLength: 3 })
    .map((edits) => {
      const e: Record<string, unknown> = { ...SAMPLES[kind] };
      for (const [k, v] of edits) e[k] = v;
      return e;
    });

const run = async <T,>(name: string, arb: fc.Arbitrary<T>, n: number, prop: (v: T) => Promise<void> | void) => {
  await fc.assert(fc.asyncProperty(arb, async (v) => prop(v)), { numRuns: n, seed: SEED, endOnFailure: true });
  counted[name] = (counted[name] ?? 0) + n;
};

describe(`fuzz (seed ${SEED}, ${TOTAL} cases)`, () => {
  let stores: DuckDbStores;
  let ingestor: TelemetryIngestor;
  const sender: IngestSender = { id: 'dev-1', unitIds: new Set(OWN) };
  let accepted = 0;
  beforeAll(async () => {
    stores = await openDuckDbStores({ dataDir: null, clock: { nowMs: () => NOW } });
    ingestor = createTelemetryIngestor({ store: stores.telemetry, clock: { nowMs: () => NOW }, limits: LIMITS });
  });
  afterAll(async () => {
    await stores?.close();
    console.log(`fuzz seed ${SEED}: ${JSON.stringify(counted)}, total ${Object.values(counted).reduce((a, b) => a + b, 0)}`);
  });

  it('telemetry ingest: never throws, reports every reading, stores only valid rows of the sender\'s units', async () => {
    await run('telemetry', telemetryPayload, runs('telemetry'), async (payload) => {
      const report = await ingestor.ingest(sender, payload, { source: 'mqtt', topic: 't' });
      expect(report.accepted).toBeGreaterThanOrEqual(0);
      for (const r of report.rejected) expect(typeof r.reason).toBe('string');
      accepted += report.accepted;
    });
    let stored = 0;
    for (const unitId of [...OWN, 'u-foreign']) {
      const rows = await stores.telemetry.queryRaw({ unitId, fromMs: 0, toMs: NOW + 86_400_000, limit: 10_000_000 });
      if (unitId === 'u-foreign') expect(rows).toEqual([]);
      for (const row of rows) {
        stored++;
        expect(row.tsMs).toBeGreaterThanOrEqual(NOW - LIMITS.maxAgeMs);
        expect(row.tsMs).toBeLessThanOrEqual(NOW + LIMITS.maxFutureMs);
        expect(Object.keys(row.values).length).toBeGreaterThan(0);
        for (const [k, v] of Object.entries(row.values)) {
          const c = CHANNEL_BY_KEY.get(k);
          expect(c, k).toBeDefined();
          expect(Number.isFinite(v), `${k}=${v}`).toBe(true);
          expect(v as number).toBeGreaterThanOrEqual(c?.min ?? 0);
          expect(v as number).toBeLessThanOrEqual(c?.max ?? 0);
        }
        if (row.faultCode !== undefined && row.faultCode !== null) expect(row.faultCode).toMatch(/^[A-Za-z0-9_.:-]{1,32}$/);
      }
    }
    expect(stored).toBe(accepted);
    expect(stored).toBeGreaterThan(0); // the generator does reach the store
  }, TIMEOUT_MS);

  it('API schemas: never throw; what they accept parses again to the same value', async () => {
    const schemas = { LoginRequestSchema, ApiTokenCreateSchema, NewUserSchema, PasswordSchema, WireReadingSchema, WireBatchSchema, SiteListQuerySchema, SeriesQuerySchema } as const;
    // Schemas whose output is not input-shaped (transforms, coercions from strings) are only checked for crashes.
    const transforming = new Set(['WireReadingSchema', 'SeriesQuerySchema', 'SiteListQuerySchema']);
    const names = Object.keys(schemas) as (keyof typeof schemas)[];
    const input = fc.oneof(
      anyValue,
      fc.record({ username: nasty, password: nasty, name: nasty, actions: fc.array(nasty, { maxLength: 3 }), displayName: nasty, role: nasty, orgId: nasty, scopeAreaId: fc.oneof(nasty, fc.constant(null)), siteId: fc.oneof(nasty, fc.constant(null)) }, { requiredKeys: [] }),
      fc.record({ page: scalar, pageSize: scalar, q: nasty, villageId: nasty, status: nasty, from: scalar, to: scalar, resolution: nasty, channels: nasty }, { requiredKeys: [] }),
      reading,
    );
    await run('apiSchemas', fc.tuple(fc.constantFrom(...names), input), runs('apiSchemas'), ([name, value]) => {
      const schema = schemas[name] as unknown as { safeParse(v: unknown): { success: boolean; data?: unknown } };
      const r = schema.safeParse(value);
      if (r.success && !transforming.has(name)) {
        const again = schema.safeParse(r.data);
        expect(again.success, name).toBe(true);
        expect(again.data).toEqual(r.data);
      }
    });
  }, TIMEOUT_MS);

  it('registry entity schemas: never throw; accepted entities re-parse unchanged', async () => {
    const arb = fc.constantFrom(...REGISTRY_KINDS).chain((kind) => fc.tuple(fc.constant(kind), fc.oneof({ weight: 4, arbitrary: mutated(kind) }, { weight: 1, arbitrary: anyValue })));
    await run('registrySchemas', arb, runs('registrySchemas'), ([kind, value]) => {
      const r = REGISTRY_SCHEMAS[kind].safeParse(value);
      if (r.success) expect(REGISTRY_SCHEMAS[kind].parse(r.data)).toEqual(r.data);
    });
  }, TIMEOUT_MS);

  it('registry files (JSON): never throw; every entity of an accepted batch re-parses', async () => {
    const doc = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...REGISTRY_KINDS).chain((k) => fc.array(mutated(k), { minLength: 1, maxLength: 3 }).map((items) => JSON.stringify({ [k]: items }))) },
      { weight: 1, arbitrary: fc.record(Object.fromEntries(REGISTRY_KINDS.map((k) => [k, fc.array(mutated(k), { maxLength: 2 })])), { requiredKeys: [] }).map((d) => JSON.stringify(d)) },
      { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? '') },
      { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    );
    await run('registryFiles', doc, runs('registryFiles'), async (text) => {
      const res = await parseRegistryFiles([{ name: 'fuzz.json', bytes: new TextEncoder().encode(text) }]);
      if (!res.ok) {
        expect(res.errors.length).toBeGreaterThan(0);
        return;
      }
      for (const [kind, items] of Object.entries(res.batch) as [RegistryKind, unknown[]][]) for (const e of items) expect(REGISTRY_SCHEMAS[kind].safeParse(e).success, kind).toBe(true);
    });
  }, TIMEOUT_MS);
});
