/** Builds a command and the record that tracks it; the id is unique for life (a UUID), which makes delivery idempotent. */
import { DeviceCommandSchema, type DeviceCommand } from '../../contract/commands.js';
import type { CommandOrigin } from '../../contract/commands-api.js';
import type { CommandRecord } from './dispatch-store.js';

/** A command body without the fields the factory fills in. */
export type CommandBody = DeviceCommand extends infer C ? (C extends DeviceCommand ? Omit<C, 'id' | 'issuedAtMs' | 'expiresAtMs' | 'unitId'> : never) : never;

export interface NewCommand {
  readonly body: CommandBody;
  readonly deviceId: string;
  readonly unitId: string;
  readonly siteId: string;
  readonly origin: CommandOrigin;
  readonly planId: string | null;
  readonly actor: string;
  readonly nowMs: number;
  /** How long the device may still act on it after issue (ms). */
  readonly ttlMs: number;
  readonly id?: string;
}

export function newCommandRecord(n: NewCommand): CommandRecord {
  const id = n.id ?? `cmd-${globalThis.crypto.randomUUID()}`;
  const parsed = DeviceCommandSchema.safeParse({ ...n.body, id, unitId: n.unitId, issuedAtMs: n.nowMs, expiresAtMs: n.nowMs + n.ttlMs });
  // Callers build bodies from validated input and plans: a failure here is a bug, not bad input.
  if (!parsed.success) throw new Error(`invalid ${n.body.kind} command for ${n.deviceId}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    id, deviceId: n.deviceId, unitId: n.unitId, siteId: n.siteId, kind: parsed.data.kind, origin: n.origin, planId: n.planId, actor: n.actor,
    state: 'queued', attempts: 0, issuedAtMs: n.nowMs, expiresAtMs: n.nowMs + n.ttlMs, lastSentAtMs: null, answeredAtMs: null, reason: null,
    command: parsed.data,
  };
}
