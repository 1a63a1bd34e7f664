/**
 * `npm run bench`: runs every benchmark, prints a table and appends each figure as a JSON line
 * {"name","value","unit"} to bench/results.jsonl. Ratios are measured against a reference run in
 * the same process (the machines are shared and noisy). `npm run bench -- ingest` runs one group.
 * `--no-record` prints the table without touching bench/results.jsonl (development runs);
 * `--record-to <file>` appends the JSON lines to that file instead. Other `--options` belong to the groups.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Optional target, printed beside the figure. */
  readonly target?: string;
}

/** Every `bench/<group>.bench.ts` exports `run(): Promise<BenchFigure[]>`. */
const dir = fileURLToPath(new URL('.', import.meta.url));
const GROUPS: Record<string, () => Promise<BenchFigure[]>> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => [f.replace('.bench.ts', ''), async () => ((await import(`./${f}`)) as { run(): Promise<BenchFigure[]> }).run()]),
);

const args = process.argv.slice(2);
const noRecord = args.includes('--no-record');
const recordToAt = args.indexOf('--record-to');
const recordTo = recordToAt >= 0 ? args[recordToAt + 1] : undefined;
if (recordToAt >= 0 && (recordTo === undefined || recordTo.startsWith('--'))) throw new Error('bench: --record-to needs a file path');
const only = args.filter((a) => a in GROUPS);
const unknown = args.filter((a, i) => !a.startsWith('--') && !(a in GROUPS) && !(args[i - 1] ?? '').startsWith('--'));
if (unknown.length > 0) throw new Error(`bench: unknown group ${unknown.join(', ')} (groups: ${Object.keys(GROUPS).join(', ')})`);
const results: BenchFigure[] = [];
for (const [group, run] of Object.entries(GROUPS)) {
  if (only.length > 0 && !only.includes(group)) continue;
  process.stderr.write(`bench: ${group} …\n`);
  results.push(...(await run()));
}
const rows = results.map((r) => [r.name, r.value >= 100 ? Math.round(r.value).toLocaleString('en') : r.value.toPrecision(3), r.unit, r.target ?? '']);
const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'value', 'unit', 'target'], ...rows].map((r) => String(r[i]).length)));
const line = (r: readonly string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
console.log(line(['figure', 'value', 'unit', 'target']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (noRecord) {
  console.log(`\n${results.length} figures not recorded (--no-record)`);
} else {
  const out = recordTo ?? `${dir}results.jsonl`;
  appendFileSync(out, results.map((r) => JSON.stringify({ name: r.name, value: r.value, unit: r.unit })).join('\n') + (results.length ? '\n' : ''));
  console.log(`\n${results.length} figures appended to ${recordTo ?? 'bench/results.jsonl'}`);
}
