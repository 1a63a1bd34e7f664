/** What a contract suite gets from an adapter under test, and the per-test open/cleanup every suite shares. */
import { afterEach } from 'vitest';

export interface StoreHandle<S> {
  readonly store: S;
  /** Closes the store if still open and opens it again on the same data (omit for volatile adapters). */
  readonly reopen?: () => Promise<S>;
  cleanup(): Promise<void>;
}

/** Call inside a `describe`: returns `open()`, whose handle is cleaned up after each test. */
export function useStoreHandle<H extends { cleanup(): Promise<void> }>(newStore: () => Promise<H>): () => Promise<H> {
  let handle: H | null = null;
  afterEach(async () => {
    await handle?.cleanup();
    handle = null;
  });
  return async () => {
    handle = await newStore();
    return handle;
  };
}
