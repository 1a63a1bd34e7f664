import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../sim/index.js';
import { randomHousehold } from '../optimize/household-fixture.js';
import { coordinateFleet, type TransformerGroup } from '../optimize/fleet/index.js';
import { loadHighs } from '../optimize/load-highs.js';
import { closeOptimizeWorkers, planFleetInWorkers, solveMonolithicInWorker, warmOptimizeWorkers } from './optimize-worker.js';

afterAll(closeOptimizeWorkers);

const rng = mulberry32(11);
const groups: TransformerGroup[] = [1, 2, 3].map((g) => ({
  id: `T${g}`, ratingKVA: 12, powerFactor: 0.9, households: Array.from({ length: 6 }, (_, i) => randomHousehold(rng, `g${g}h${i}`)),
}));

describe('optimiser worker pool', () => {
  it('plans transformer groups on pooled workers exactly as in-process, and serves later jobs on the same workers', async () => {
    const local = coordinateFleet(groups, {}, await loadHighs());
    const first = await planFleetInWorkers(groups, { workers: 2 });
    expect(first.groups.map((g) => g.transformerId)).toEqual(['T1', 'T2', 'T3']);
    expect(first.objectiveYuan).toBeCloseTo(local.objectiveYuan, 6);
    const sorted = (issues: readonly unknown[]) => issues.map((i) => JSON.stringify(i)).sort();
    expect(sorted(first.issues)).toEqual(sorted(local.issues)); // the alarms survive the trip back from the workers
    const mono = await solveMonolithicInWorker(groups);
    expect(mono.ok && mono.objectiveYuan).toBeLessThanOrEqual(first.objectiveYuan * (1 + 1e-9));
    const again = await planFleetInWorkers(groups, { workers: 2 });
    expect(again.objectiveYuan).toBeCloseTo(first.objectiveYuan, 9);
  });

  it('warming the pool (a synthetic plan in each worker) leaves later plans unchanged', async () => {
    const before = await planFleetInWorkers(groups, { workers: 2 });
    expect(await warmOptimizeWorkers(2)).toBeGreaterThan(0);
    const after = await planFleetInWorkers(groups, { workers: 2 });
    expect(after.objectiveYuan).toBeCloseTo(before.objectiveYuan, 9);
    expect(after.groups.map((g) => g.plans.map((p) => p.id))).toEqual(before.groups.map((g) => g.plans.map((p) => p.id)));
  });
});
