import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { registerScopCommand, runScop, SCOP_COLUMNS, summaryLine } from './scop.js';

const SUBSET = fileURLToPath(new URL('../../../data/keymark/keymark_en14825_subset.csv', import.meta.url));
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<(typeof SCOP_COLUMNS)[number], string>[];

describe('heatfleet scop', () => {
  it('prints one CSV row per input row with titel, scop, SCOPon, ηs, certified SCOP and a reason column', () => {
    const { csv } = runScop(SUBSET, { application: 'low', climate: 'average' });
    expect(csv.split('\n')[0]).toBe(SCOP_COLUMNS.join(','));
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(35);
    expect(rows[0]).toMatchObject({ titel: 'Acond Aconomis N', scop_on: '4.77', scop: '4.69', eta_s_pct: '185', scop_certified: '4.75', scop_difference: '-0.06', reason: '' });
    const withReason = rows.filter((r) => r.reason !== '');
    expect(withReason).toHaveLength(5);
    for (const r of withReason) expect(r.scop).toBe(''); // a reason, never a number
    expect(withReason.map((r) => r.reason)).toContain('missing-value: pcks is empty');
  });

  it('--application medium uses the _h columns; --climate colder gives every row a reason', () => {
    const med = rowsOf(runScop(SUBSET, { application: 'medium', climate: 'average' }).csv);
    expect(med[0]).toMatchObject({ application: 'medium', scop_on: '3.82', scop: '3.77', scop_certified: '3.83' }); // ηs 150 % → (150 + 3)·2.5/100
    const cold = rowsOf(runScop(SUBSET, { application: 'low', climate: 'colder' }).csv);
    expect(cold.every((r) => r.reason.startsWith('climate-not-declared:') && r.scop === '')).toBe(true);
  });

  it('--cdh re-applies cycling degradation and lowers SCOP; a bad --cdh is a clear error', () => {
    const plain = rowsOf(runScop(SUBSET, { application: 'low', climate: 'average' }).csv);
    const degraded = rowsOf(runScop(SUBSET, { application: 'low', climate: 'average', cdh: '0.9' }).csv);
    expect(Number(degraded[0]?.scop)).toBeLessThan(Number(plain[0]?.scop));
    expect(() => runScop(SUBSET, { application: 'low', climate: 'average', cdh: '1.5' })).toThrow(/--cdh: "1.5"/);
  });

  it('a CSV without a needed column, an empty file or a missing file is an error naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scop-'));
    const lines = readFileSync(SUBSET, 'utf8').split('\n');
    const cols = lines[0]!.split(',');
    const i = cols.indexOf('cop_2_l');
    const cut = (l: string) => l.split(',').filter((_, j) => j !== i).join(',');
    writeFileSync(join(dir, 'nocol.csv'), [cut(lines[0]!), cut(lines[1]!)].join('\n'));
    expect(() => runScop(join(dir, 'nocol.csv'), { application: 'low', climate: 'average' })).toThrow(/missing column\(s\) for --application low: cop_2_l/);
    writeFileSync(join(dir, 'empty.csv'), `${lines[0]}\n`);
    expect(() => runScop(join(dir, 'empty.csv'), { application: 'low', climate: 'average' })).toThrow(/no data rows/);
    expect(() => runScop(join(dir, 'absent.csv'), { application: 'low', climate: 'average' })).toThrow(/absent\.csv: ENOENT/);
  });

  it('registers as a command: --out writes the file and stderr gets a one-line summary', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'scop-')), 'scop.csv');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const program = new Command('heatfleet').exitOverride();
    registerScopCommand(program);
    await program.parseAsync(['node', 'heatfleet', 'scop', SUBSET, '--out', out]);
    expect(rowsOf(readFileSync(out, 'utf8'))).toHaveLength(35);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/^scop: 35 rows, 30 rated, 5 with a reason; vs certified \(30\): median \|Δ\|/);
    err.mockRestore();
    expect(summaryLine([])).toBe('scop: 0 rows, 0 rated, 0 with a reason');
  });
});
