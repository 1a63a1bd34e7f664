import type { RegistryKind, RegistrySnapshot } from '../../domain/registry.js';

/** Port: persistent fleet registry. Writes are atomic: a batch is stored whole or not at all. */
export interface RegistryStore {
  snapshot(): Promise<RegistrySnapshot>;
  /** Insert or replace every entity of the batch in one transaction. */
  upsert(batch: Partial<RegistrySnapshot>): Promise<void>;
  /** Delete entities by id in one transaction; unknown ids are ignored. */
  remove(kind: RegistryKind, ids: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
