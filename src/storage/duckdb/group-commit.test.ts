import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../../domain/telemetry-channels.js';
import { openDuckDbStores, type DuckDbStores } from './open-stores.js';

const T0 = Date.UTC(2024, 0, 15);
const batch = (unit: string, n: number, from = 0): Reading[] => Array.from({ length: n }, (_, i) => ({ unitId: unit, tsMs: T0 + (from + i) * 60_000, values: { indoorTempC: 20 + i } }));

describe('DuckDB telemetry writer: group commit', () => {
  let stores: DuckDbStores | null = null;
  afterEach(async () => {
    await stores?.close();
    stores = null;
  });

  it('gives every concurrent caller its own counts, duplicates across callers included', async () => {
    stores = await openDuckDbStores({ dataDir: null });
    const t = stores.telemetry;
    const results = await Promise.all([t.append(batch('a', 10)), t.append(batch('a', 10, 5)), t.append(batch('b', 3)), t.append(batch('a', 10))]);
    expect(results).toEqual([
      { inserted: 10, duplicates: 0 },
      { inserted: 5, duplicates: 5 },
      { inserted: 3, duplicates: 0 },
      { inserted: 0, duplicates: 10 },
    ]);
  });

  it('fails only the bad batch of a group; its neighbours are stored', async () => {
    stores = await openDuckDbStores({ dataDir: null });
    const t = stores.telemetry;
    const bad: Reading[] = [{ unitId: 'x', tsMs: T0 + 0.5, values: { indoorTempC: 1 } }]; // not an integer ms: a caller bug
    const [good1, failed, good2] = await Promise.allSettled([t.append(batch('a', 4)), t.append(bad), t.append(batch('b', 2))]);
    expect(good1).toEqual({ status: 'fulfilled', value: { inserted: 4, duplicates: 0 } });
    expect(failed?.status).toBe('rejected');
    expect(good2).toEqual({ status: 'fulfilled', value: { inserted: 2, duplicates: 0 } });
    expect(await t.countReadings()).toBe(6);
    expect(await t.latest(['a', 'b', 'x'])).toHaveLength(2);
  });

  it('closes only after queued appends are committed', async () => {
    stores = await openDuckDbStores({ dataDir: null });
    const pending = [stores.telemetry.append(batch('a', 50)), stores.telemetry.append(batch('b', 50))];
    await stores.telemetry.close();
    expect(await Promise.all(pending)).toEqual([
      { inserted: 50, duplicates: 0 },
      { inserted: 50, duplicates: 0 },
    ]);
  });
});
