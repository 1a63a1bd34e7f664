/** Prints the one closing line CI reads: `N passed, N failed[, N skipped]`. */
import type { Reporter } from 'vitest/reporters';
import type { RunnerTask, RunnerTestFile } from 'vitest';

const walk = (tasks: readonly RunnerTask[], acc: { passed: number; failed: number; skipped: number }): void => {
  for (const t of tasks) {
    if (t.type === 'suite') walk(t.tasks, acc);
    else if (t.mode === 'skip' || t.mode === 'todo' || t.result?.state === 'skip') acc.skipped++;
    else if (t.result?.state === 'pass') acc.passed++;
    else acc.failed++;
  }
};

export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const acc = { passed: 0, failed: 0, skipped: 0 };
    walk(files, acc);
    // A file that failed to load has no tests; count it as a failure so it is never silent.
    acc.failed += files.filter((f) => f.result?.state === 'fail' && f.tasks.length === 0).length + errors.length;
    const skipped = acc.skipped > 0 ? `, ${acc.skipped} skipped` : '';
    process.stdout.write(`\n${acc.passed} passed, ${acc.failed} failed${skipped}\n`);
  }
}
