/**
 * Season report at scale (issue 5): 1,000 units × 121 days × 1-minute data generated with SQL straight into a
 * file-backed store, then: the cold build of the per-local-day KPI aggregates (normally paid at ingest), the full
 * season report (query + composition into UnitKpis for every unit), and one raw scan reading every channel column
 * of every row. Rows are written time-major, every unit minute by minute, as ingest writes them. `npx tsx bench/run.ts report [--units N]` (HEATFLEET_BENCH_REPORT_UNITS also works).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { localDayOf, seasonKpis } from '../src/analytics/season/index.js';
import type { UnitFacts } from '../src/analytics/unit-kpis/index.js';
import { CHANNEL_COLUMNS } from '../src/storage/duckdb/channel-columns.js';
import { DATABASE_FILE_NAME, openDuckDbStores } from '../src/storage/duckdb/index.js';
import type { BenchFigure } from './run.js';

const DAYS = 121;
const FROM_MS = Date.parse('2018-11-15T00:00:00+08:00');
const TO_MS = FROM_MS + DAYS * 86_400_000;

function unitsArg(): number {
  const i = process.argv.indexOf('--units');
  const n = Number(i >= 0 ? process.argv[i + 1] : (process.env.HEATFLEET_BENCH_REPORT_UNITS ?? 1000));
  if (!Number.isInteger(n) || n < 1) throw new Error(`report bench: --units ${String(n)} must be a positive integer`);
  return n;
}

const unitId = (u: string) => `'hp-' || lpad(${u}::VARCHAR, 4, '0')`;

/**
 * One row per unit and minute of local days [fromDay, toDay) (0-based): diurnal outdoor temperature, compressor cycles whose
 * duty follows the cold, defrost with negative heat below +3 °C, standby between cycles, backup heat below −6 °C,
 * registers, and gaps (an hour now and then, single minutes). Rows are written time-major (every unit, minute
 * by minute), as ingest writes them. A store holds one row per (unit, instant): redeliveries are merged at
 * ingest, so there are no duplicate rows to generate.
 */
export function generateSql(units: number, fromDay: number, toDay: number): string {
  const minutes = DAYS * 1440;
  return `INSERT INTO readings (unit_id, ts_ms, outdoor_temp_c, indoor_temp_c, supply_temp_c, return_temp_c, flow_m3h, unit_power_w, unit_energy_kwh,
      compressor_power_w, compressor_energy_kwh, backup_power_w, backup_energy_kwh, pump_power_w, pump_energy_kwh, heat_power_w, heat_energy_kwh,
      compressor_hz, compressor_on, defrost, mode, setpoint_c)
    SELECT ${unitId('u')}, ${FROM_MS} + m * 60000, out_c, 17 + 2.5 * duty + (u % 5) * 0.2, CASE WHEN is_on THEN 45 - out_c * 0.5 ELSE 30 END,
      CASE WHEN is_on THEN 39 - out_c * 0.5 ELSE 29 END, 1.2, unit_w, m * 0.0125, CASE WHEN is_on THEN unit_w - 60 ELSE 0 END, m * 0.0115,
      backup_w, m * 0.001, 40, m * 0.00067, heat_w, m * 0.04, CASE WHEN is_on THEN 50 + 40 * duty ELSE 0 END, is_on::INTEGER,
      is_defrost::INTEGER, CASE WHEN is_on THEN 1 ELSE 4 END, 20
    FROM (
      SELECT u, m, out_c, duty, is_on, is_defrost,
        CASE WHEN is_on THEN 1500 + 60 * (5 - out_c) ELSE 12 END AS unit_w,
        CASE WHEN out_c < -6 AND is_on THEN 2000 ELSE 0 END AS backup_w,
        CASE WHEN is_defrost THEN -1200 WHEN is_on THEN (1500 + 60 * (5 - out_c)) * (3.0 + 0.05 * out_c) + CASE WHEN out_c < -6 THEN 2000 ELSE 0 END ELSE 0 END AS heat_w
      FROM (
        SELECT u, m, out_c, duty, ((m + u * 13) % 40) < 40 * duty AS is_on,
          ((m + u * 13) % 40) < 40 * duty AND ((m + u * 13) % 40) >= 40 * duty - 2 AND out_c < 3 AS is_defrost
        FROM (
          SELECT u, m, out_c, greatest(0.15, least(1.0, (14 - out_c) / 22)) AS duty
          FROM (SELECT u, m, -2 + 6 * sin(2 * pi() * ((m % 1440) / 1440 - 0.375)) - 4 * sin(pi() * m / ${minutes}) + (u % 7) * 0.3 AS out_c
                FROM range(${fromDay * 1440}, ${toDay * 1440}) s(m), range(${units}) t(u))
        )
      )
      WHERE hash(u, m // 60) % 700 <> 0 AND (m + u) % 997 <> 0
    )`;
}

const secondsSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

export async function run(): Promise<BenchFigure[]> {
  const units = unitsArg();
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-report-bench-'));
  try {
    await (await openDuckDbStores({ dataDir: dir })).close();
    // Generate straight into the file (the store is closed meanwhile) and mark every unit-day for the build.
    let inst = await DuckDBInstance.create(join(dir, DATABASE_FILE_NAME));
    let conn = await inst.connect();
    let t = process.hrtime.bigint();
    // Batches of whole days, ≈ 3 M rows each. Minutes on the left of the cross product: DuckDB emits the whole unit
    // range for each minute, so rows come out time-major (checked below: the time span of each row group).
    const batchDays = Math.max(1, Math.floor(3_000_000 / (units * 1440)));
    for (let day = 0; day < DAYS; day += batchDays) await conn.run(generateSql(units, day, Math.min(DAYS, day + batchDays)));
    await conn.run(`INSERT INTO kpi_dirty SELECT DISTINCT unit_id, ((ts_ms + 28800000) // 86400000)::INTEGER FROM readings`);
    await conn.run('CHECKPOINT');
    const generateS = secondsSince(t);
    const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM readings')).getRows()[0]?.[0] ?? 0);
    // How time-major the file is: the widest span of ts_ms in one row group (what the zone maps can prune on).
    const spanMin = Number((await conn.runAndReadAll(`SELECT max(span) // 60000 FROM (SELECT max(ts_ms) - min(ts_ms) AS span FROM readings GROUP BY rowid // 122880)`)).getRows()[0]?.[0] ?? 0);
    conn.closeSync(); inst.closeSync();
    process.stderr.write(`report: generated ${rows.toLocaleString('en')} rows (${units} units × ${DAYS} days, time-major: ≤ ${spanMin} min per row group) in ${generateS.toFixed(1)} s\n`);

    const stores = await openDuckDbStores({ dataDir: dir });
    let buildS: number; let seasonS: number; let unitsWithSpf = 0;
    try {
      t = process.hrtime.bigint();
      const built = await stores.kpiDays.refreshKpiDays();
      buildS = secondsSince(t);
      process.stderr.write(`report: built ${built.toLocaleString('en')} unit-days in ${buildS.toFixed(1)} s\n`);
      const facts: UnitFacts[] = Array.from({ length: units }, (_, u) => ({ unitId: `hp-${String(u).padStart(4, '0')}`, nominalCapacityKw: 10, type: 'air-to-water', emitter: 'radiator' }));
      t = process.hrtime.bigint();
      const days = await stores.kpiDays.queryKpiDays({ unitIds: facts.map((f) => f.unitId), fromDay: localDayOf(FROM_MS), toDay: localDayOf(TO_MS) });
      const report = seasonKpis(days, facts, { fromMs: FROM_MS, toMs: TO_MS });
      seasonS = secondsSince(t);
      unitsWithSpf = report.filter((k) => k.spf.h2 !== null).length;
    } finally {
      await stores.close();
    }

    inst = await DuckDBInstance.create(join(dir, DATABASE_FILE_NAME));
    conn = await inst.connect();
    t = process.hrtime.bigint();
    await conn.runAndReadAll(`SELECT count(*), ${CHANNEL_COLUMNS.map((c) => `sum(${c.column})`).join(', ')} FROM readings`);
    const rawS = secondsSince(t);
    conn.closeSync(); inst.closeSync();
    const conditions = `${units} units × ${DAYS} days × 1 min = ${rows.toLocaleString('en')} rows, ${CHANNEL_COLUMNS.length} channel columns, written time-major (≤ ${spanMin} min per row group), file-backed`;
    process.stderr.write(`report: ${conditions}; ${unitsWithSpf} units with SPF H2\n`);
    return [
      { name: 'report.kpi_day_build_s', value: buildS, unit: 's', target: `cold build of the day aggregates (normally paid at ingest); ${conditions}` },
      { name: 'report.season_1000_units_s', value: seasonS, unit: 's', target: `${units} units, all KPIs: query + composition` },
      { name: 'report.raw_scan_s', value: rawS, unit: 's', target: 'one scan summing every channel column of every row' },
      { name: 'report.ratio_to_raw_scan', value: seasonS / rawS, unit: 'ratio', target: '≤2' },
      { name: 'report.generate_s', value: generateS, unit: 's', target: 'SQL data generation (not a product figure)' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
