import { describe, expect, it } from 'vitest';
import { CommandAckSchema, DeviceCommandSchema } from './commands.js';
import { CreatePlanSchema, OverrideSchema } from './commands-api.js';

const T = Date.UTC(2019, 0, 15, 12);
const base = { id: 'cmd-1', unitId: 'u-1', issuedAtMs: T, expiresAtMs: T + 600_000 };
const fallback = { utcOffsetMin: 480, hourlySetpointC: Array.from({ length: 24 }, () => 18) };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('command protocol', () => {
  it('accepts each command kind', () => {
    for (const c of [
      { ...base, kind: 'setpoint', setpointC: 20.5, validFromMs: T, validToMs: T + 3_600_000 },
      { ...base, kind: 'mode', mode: 'standby', validFromMs: T, validToMs: T + 3_600_000 },
      { ...base, kind: 'run-permission', sgState: 4, validFromMs: T, validToMs: T + 3_600_000 },
      { ...base, kind: 'schedule', startMs: T, slotS: 900, slots: [{ powerLimitW: 1500 }, { setpointC: 19 }, { powerLimitW: 0, setpointC: 17 }], fallback },
    ]) expect(issues(DeviceCommandSchema.safeParse(c)), c.kind).toEqual([]);
  });

  it('names what is wrong in a bad command', () => {
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'setpoint', setpointC: 45, validFromMs: T, validToMs: T + 1 }))).toEqual([expect.stringMatching(/^setpointC: /)]);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, expiresAtMs: T - 1, kind: 'setpoint', setpointC: 20, validFromMs: T, validToMs: T + 1 }))).toEqual(['expiresAtMs: expiresAtMs must be after issuedAtMs']);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'setpoint', setpointC: 20, validFromMs: T, validToMs: T }))).toEqual(['validToMs: validToMs must be after validFromMs']);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'run-permission', sgState: 5, validFromMs: T, validToMs: T + 1 }))[0]).toMatch(/^sgState/);
    // The SG Ready label bounds a hard lock to 2 h.
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'run-permission', sgState: 1, validFromMs: T, validToMs: T + 3 * 3_600_000 }))).toEqual(['validToMs: a lock (SG state 1) lasts at most 2 h']);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'schedule', startMs: T, slotS: 900, slots: [{}], fallback }))).toEqual(['slots.0: a slot needs powerLimitW or setpointC']);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'schedule', startMs: T, slotS: 900, slots: [{ powerLimitW: 1 }], fallback: { ...fallback, hourlySetpointC: [18] } }))[0]).toMatch(/^fallback.hourlySetpointC/);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'reboot' }))[0]).toMatch(/^kind/);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, id: 'a b', kind: 'mode', mode: 'heating', validFromMs: T, validToMs: T + 1 }))[0]).toMatch(/^id: a command id/);
    expect(issues(DeviceCommandSchema.safeParse({ ...base, kind: 'mode', mode: 'heating', validFromMs: T, validToMs: T + 1, extra: 1 }))[0]).toMatch(/extra/);
  });

  it('acks: accepted, or rejected with a reason', () => {
    expect(CommandAckSchema.safeParse({ commandId: 'cmd-1', status: 'accepted' }).success).toBe(true);
    expect(CommandAckSchema.safeParse({ commandId: 'cmd-1', status: 'rejected', reason: 'expired' }).success).toBe(true);
    expect(issues(CommandAckSchema.safeParse({ commandId: 'cmd-1', status: 'rejected' }))).toEqual(['reason: a rejection needs a reason']);
    expect(CommandAckSchema.safeParse({ commandId: 'cmd-1', status: 'ok' }).success).toBe(false);
  });
});

describe('dispatch API bodies', () => {
  it('a plan is for one village or one transformer, on a calendar day', () => {
    expect(CreatePlanSchema.safeParse({ villageId: 'v1', day: '2019-01-15' }).success).toBe(true);
    expect(issues(CreatePlanSchema.safeParse({ villageId: 'v1', transformerId: 't1', day: '2019-01-15' }))).toEqual(['villageId: give exactly one of villageId or transformerId']);
    expect(issues(CreatePlanSchema.safeParse({ villageId: 'v1', day: '2019-02-30' }))).toEqual(['day: not a calendar date']);
  });
  it('an override carries exactly the field its kind needs', () => {
    expect(OverrideSchema.safeParse({ siteId: 's1', kind: 'setpoint', setpointC: 21, toMs: T }).success).toBe(true);
    expect(OverrideSchema.safeParse({ siteId: 's1', kind: 'run-permission', sgState: 1, toMs: T }).success).toBe(true);
    expect(OverrideSchema.safeParse({ siteId: 's1', kind: 'setpoint', sgState: 1, toMs: T }).success).toBe(false);
    expect(OverrideSchema.safeParse({ siteId: 's1', kind: 'run-permission', setpointC: 21, sgState: 2, toMs: T }).success).toBe(false);
  });
});
