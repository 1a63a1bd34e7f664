/**
 * Loads the HiGHS WASM runtime. The package ships ESM (`highs.mjs`, default export = loader) but is typed
 * as CommonJS, so under NodeNext TypeScript sees the module object: narrow it once here.
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';

type Loader = () => Promise<Highs>;

export function loadHighs(): Promise<Highs> {
  const m = highsModule as unknown as { default: Loader | { default: Loader } };
  const load = typeof m.default === 'function' ? m.default : m.default.default;
  return load();
}
