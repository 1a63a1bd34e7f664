/**
 * `heatfleet scop <file.csv>`: EN 14825 SCOP by the bin method for every row of a Keymark/hplib
 * EN 14825 table (columns as in keymark_en14825_dev.csv). File I/O and CSV live here; the method is in
 * src/analytics/scop (pure). Method and validation: docs/analytics/scop.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type Command, Option } from 'commander';
import {
  errorDistribution, rateKeymarkRows, requiredColumns, type Application, type ClimateName, type KeymarkRating, type KeymarkRow,
} from '../../analytics/scop/index.js';

export interface ScopCommandOptions {
  application: Application;
  climate: ClimateName;
  out?: string;
  cdh?: string;
}

export const SCOP_COLUMNS = [
  'titel', 'application', 'climate', 'scop_on', 'scop', 'eta_s_pct', 'backup_share', 'scop_certified', 'scop_difference', 'reason',
] as const;

const fixed = (v: number | null, digits: number) => (v === null ? '' : v.toFixed(digits));

function toRecord(r: KeymarkRating): Record<(typeof SCOP_COLUMNS)[number], string> {
  return {
    titel: r.titel,
    application: r.application,
    climate: r.climate,
    scop_on: fixed(r.scopOn, 2),
    scop: fixed(r.scop, 2),
    eta_s_pct: fixed(r.seasonalEfficiencyPct, 0),
    backup_share: fixed(r.backupShare, 3),
    scop_certified: fixed(r.certifiedScop, 2),
    scop_difference: fixed(r.difference, 2),
    reason: r.reason ? `${r.reason.code}: ${r.reason.message}` : '',
  };
}

/** Parses the CSV text; a header without the needed columns is an error naming them. */
export function parseKeymarkCsv(text: string, application: Application, file: string): KeymarkRow[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: false }) as Record<string, string>[];
  } catch (e) {
    throw new Error(`${file}: not a readable CSV (${(e as Error).message})`, { cause: e });
  }
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = requiredColumns(application).filter((c) => !header.includes(c));
  if (rows.length === 0) throw new Error(`${file}: no data rows`);
  if (missing.length) throw new Error(`${file}: missing column(s) for --application ${application}: ${missing.join(', ')}`);
  return rows;
}

export function runScop(file: string, o: ScopCommandOptions): { csv: string; ratings: KeymarkRating[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
  let cyclingCdh: number | undefined;
  if (o.cdh !== undefined) {
    cyclingCdh = Number(o.cdh);
    if (!(cyclingCdh > 0 && cyclingCdh <= 1)) throw new Error(`--cdh: "${o.cdh}" is not a number in (0, 1]`);
  }
  const rows = parseKeymarkCsv(text, o.application, file);
  const ratings = rateKeymarkRows(rows, o.application, o.climate, { cyclingCdh });
  const csv = stringify(ratings.map(toRecord), { header: true, columns: [...SCOP_COLUMNS] });
  return { csv, ratings };
}

/** One line for stderr: how many rows got a number, and how they compare with the certified SCOP. */
export function summaryLine(ratings: readonly KeymarkRating[]): string {
  const rated = ratings.filter((r) => r.scop !== null || r.scopOn !== null).length;
  const diffs = ratings.flatMap((r) => (r.difference === null ? [] : [r.difference]));
  const head = `scop: ${ratings.length} rows, ${rated} rated, ${ratings.length - rated} with a reason`;
  if (diffs.length === 0) return head;
  const d = errorDistribution(diffs);
  return `${head}; vs certified (${d.count}): median |Δ| ${d.medianAbs.toFixed(3)}, p95 ${d.p95Abs.toFixed(3)}, within ±0.1 ${(100 * d.shareWithin010).toFixed(1)} %`;
}

export function registerScopCommand(program: Command): void {
  program
    .command('scop')
    .description('EN 14825 SCOP (bin method) from declared test points, one row per unit of a Keymark EN 14825 CSV')
    .argument('<file.csv>', 'CSV with the columns of keymark_en14825_dev.csv (hplib database_reduced)')
    .addOption(new Option('--application <app>', 'low = 35 °C (_l columns), medium = 55 °C (_h columns)').choices(['low', 'medium']).default('low'))
    .addOption(new Option('--climate <climate>', 'EN 14825 reference climate').choices(['average', 'colder', 'warmer']).default('average'))
    .option('--cdh <number>', 're-apply cycling degradation with this Cdh where capacity exceeds load (not for EN 14825 declared COPs)')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .action((file: string, o: ScopCommandOptions) => {
      const { csv, ratings } = runScop(file, o);
      if (o.out) writeFileSync(o.out, csv);
      else process.stdout.write(csv);
      process.stderr.write(`${summaryLine(ratings)}\n`);
    });
}
