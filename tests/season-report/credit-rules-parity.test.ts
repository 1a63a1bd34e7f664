/** The wire schema of credit rules (contract) and the analytics' own schema accept and refuse the same rules. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreditRuleSchema } from '../../src/analytics/fleet-eval/credit-rules.js';
import { CreditRuleWireSchema } from '../../src/contract/season-report.js';
import { DEFAULT_CREDIT_RULES_FILE, loadCreditRulesFile } from '../../src/main/season-reports.js';

const rules: unknown[] = [
  { kind: 'median-spf-below', boundary: 'h2', minUnits: 3, minCoveragePct: 80, thresholdSpf: 2.5 },
  { kind: 'share-below-floor', groupBy: 'manufacturer', boundary: 'h4', minUnits: 3, minCoveragePct: 80, floorSpf: 2, maxSharePct: 30, minHeatKWh: 100 },
  { kind: 'comfort-failure-share', minUnits: 3, maxHoursBelowPct: 10, maxSharePct: 20 },
  { kind: 'fault-rate', minUnits: 3, maxEventsPerUnitSeason: 2 },
  { kind: 'not-evaluable-share', minUnits: 3, maxSharePct: 10, id: 'x' },
  { kind: 'median-spf-below', boundary: 'h5', minUnits: 3, minCoveragePct: 80, thresholdSpf: 2.5 },
  { kind: 'median-spf-below', boundary: 'h2', minUnits: 0, minCoveragePct: 80, thresholdSpf: 2.5 },
  { kind: 'share-below-floor', boundary: 'h2', minUnits: 3, minCoveragePct: 120, floorSpf: 2, maxSharePct: 30 },
  { kind: 'fault-rate', minUnits: 3, maxEventsPerUnitSeason: 2, colour: 'red' },
  { kind: 'comfort-failure-share', minUnits: 3, maxHoursBelowPct: 10 },
  { kind: 'fault-rate', minUnits: 3, maxEventsPerUnitSeason: 2, seasonDays: 400 },
];

describe('credit rules: wire schema = analytics schema', () => {
  it('accepts and refuses the same rules, with the same parsed values', () => {
    for (const r of rules) {
      const a = CreditRuleSchema.safeParse(r); const w = CreditRuleWireSchema.safeParse(r);
      expect(w.success, JSON.stringify(r)).toBe(a.success);
      if (a.success) expect(w.data).toEqual(a.data);
    }
  });

  it('the default rule file parses and names a bad field when broken', () => {
    expect(loadCreditRulesFile(DEFAULT_CREDIT_RULES_FILE).rules.length).toBeGreaterThanOrEqual(5);
    const broken = JSON.parse(readFileSync(DEFAULT_CREDIT_RULES_FILE, 'utf8')) as { rules: Record<string, unknown>[] };
    (broken.rules[1] as Record<string, unknown>).maxSharePct = 'thirty';
    const path = join(mkdtempSync(join(tmpdir(), 'credit-rules-')), 'rules.json');
    writeFileSync(path, JSON.stringify(broken));
    expect(() => loadCreditRulesFile(path)).toThrow(/rules\.1\.maxSharePct/);
  });
});
