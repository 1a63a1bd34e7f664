import { describe, expect, it } from 'vitest';
import { WireReadingSchema } from './telemetry-payload.js';

describe('wire reading', () => {
  it('refuses a reading whose channels are all undefined (an in-process caller), even with a fault code', () => {
    // Found by the fuzz test (seed 265714344): such a reading passed the "at least one channel" rule and was stored as
    // a row without values.
    const r = WireReadingSchema.safeParse({ ts: 1_736_000_000_000, values: { indoorTempC: undefined }, fault: 'F-12' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('values must hold at least one channel');
    expect(WireReadingSchema.safeParse({ ts: 1_736_000_000_000, values: { indoorTempC: 19.5, outdoorTempC: undefined } }).success).toBe(true);
  });
});
