/**
 * SQL column names of the canonical channels: derived from `CHANNELS`, camelCase → snake_case
 * (`unitEnergyKWh` → `unit_energy_kwh`), so a new channel in the domain becomes a new column on open.
 */
import { CHANNEL_KEYS, type ChannelKey } from '../../domain/telemetry-channels.js';

export const toSnakeCase = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export interface ChannelColumn {
  readonly key: ChannelKey;
  readonly column: string;
}

export const CHANNEL_COLUMNS: readonly ChannelColumn[] = CHANNEL_KEYS.map((key) => ({ key, column: toSnakeCase(key) }));

const seen = new Set<string>();
for (const { key, column } of CHANNEL_COLUMNS) {
  // A collision or an unsafe name would be a programming error in the domain table, not input.
  if (!/^[a-z][a-z0-9_]*$/.test(column)) throw new Error(`channel ${key}: column name "${column}" is not a plain SQL identifier`);
  if (seen.has(column)) throw new Error(`channel ${key}: column name "${column}" collides with another channel`);
  seen.add(column);
}

/** `a, b, c` — the channel columns in domain order. */
export const channelColumnList = (prefix = ''): string => CHANNEL_COLUMNS.map((c) => `${prefix}${c.column}`).join(', ');
