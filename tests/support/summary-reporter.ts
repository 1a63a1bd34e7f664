/** Prints the one closing line CI reads: `N passed, N failed[, N skipped]`. */
import type { Reporter } from 'vitest/reporters';
import type { RunnerTask, RunnerTestFile } from 'vitest';

const walk = (tasks: readonly RunnerTask[], acc: { passed: number; failed: number; skipped: number }): void => {
  for (const t of tasks) {
    if (t.type === 'suite') {
      const before = acc.failed;
      walk(t.tasks, acc);
      // A failing beforeAll/afterAll fails the suite while its tests show as skipped: count it.
      if (t.result?.state === 'fail' && acc.failed === before) acc.failed++;
    }
    else if (t.mode === 'skip' || t.mode === 'todo' || t.result?.state === 'skip') acc.skipped++;
    else if (t.result?.state === 'pass') acc.passed++;
    else acc.failed++;
  }
};

const hasFailedTask = (tasks: readonly RunnerTask[]): boolean => tasks.some((t) => t.result?.state === 'fail' || (t.type === 'suite' && hasFailedTask(t.tasks)));

export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const acc = { passed: 0, failed: 0, skipped: 0 };
    walk(files, acc);
    // A file that failed to load, or whose top-level hooks failed, has no failed test; count it so it is never silent.
    acc.failed += files.filter((f) => f.result?.state === 'fail' && !hasFailedTask(f.tasks)).length + errors.length;
    const skipped = acc.skipped > 0 ? `, ${acc.skipped} skipped` : '';
    process.stdout.write(`\n${acc.passed} passed, ${acc.failed} failed${skipped}\n`);
  }
}
