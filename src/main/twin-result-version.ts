/**
 * Names what produces a twin result besides its inputs: the code of the pure core that runs the twin and shapes
 * its answer (src/sim, src/analytics, src/domain, src/contract, and the job function in app/season-report/twin-runner)
 * and the typical-year weather file. Stored results (expected-runs.ts) are served only under the same name, so a
 * new build — a changed model, a new field in the answer — recomputes them instead of serving stale ones; no one has
 * to remember to bump a number. Costs one read of those files at start-up (about 0.1 s on this machine).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORE_DIRS = ['sim', 'analytics', 'domain', 'contract'] as const;
const CODE_FILE = /\.(ts|js)$/;
const NOT_CODE = /\.(test|bench)\.ts$|\.d\.ts$/;

export function twinResultVersion(weatherFile: string): string {
  // src/ under tsx, dist/ when built: each names its own code.
  const root = fileURLToPath(new URL('../', import.meta.url));
  const files = CORE_DIRS.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => CODE_FILE.test(f) && !NOT_CODE.test(f))
      .map((f) => join(dir, f)),
  );
  const runner = readdirSync(join(root, 'app', 'season-report'), { encoding: 'utf8' }).filter((f) => /^twin-runner\.(ts|js)$/.test(f)).map((f) => join('app', 'season-report', f));
  const h = createHash('sha256');
  for (const f of [...files, ...runner].sort()) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  h.update(readFileSync(weatherFile));
  return `twin-${h.digest('base64url').slice(0, 22)}`;
}
