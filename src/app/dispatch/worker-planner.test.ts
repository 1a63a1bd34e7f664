import { afterAll, describe, expect, it } from 'vitest';
import { randomHousehold } from '../../optimize/household-fixture.js';
import { coordinateFleet, type TransformerGroup } from '../../optimize/fleet/index.js';
import { mulberry32 } from '../../sim/index.js';
import { closeOptimizeWorkers } from '../optimize-worker.js';
import { workerPlanner } from './worker-planner.js';

afterAll(closeOptimizeWorkers);

const rng = mulberry32(5);
const village: TransformerGroup = { id: 'T-village', ratingKVA: 15, powerFactor: 0.9, households: Array.from({ length: 12 }, (_, i) => randomHousehold(rng, `h${i}`)) };

describe('dispatch planner in the optimiser worker pool', () => {
  it('keeps the event loop turning while it plans, and plans what the in-process optimiser plans', async () => {
    let turns = 0;
    let planning = true;
    const spin = () => { turns++; if (planning) setImmediate(spin); };
    setImmediate(spin);
    const plan = await workerPlanner()([village]);
    planning = false;
    // A synchronous in-process plan would hold the loop for its whole run: not one turn in between.
    expect(turns).toBeGreaterThan(10);
    const local = coordinateFleet([village], { recovery: 'restore' });
    expect(plan.groups.map((g) => g.transformerId)).toEqual(['T-village']);
    const ids = (ps: readonly { id: string }[] | undefined) => (ps ?? []).map((p) => p.id).sort();
    expect(ids(plan.groups[0]?.plans)).toEqual(ids(local.groups[0]?.plans));
    expect(ids(plan.groups[0]?.plans)).toHaveLength(12);
    // The worker may also re-solve a short household exactly (HiGHS is loaded there): never worse than in process.
    expect(plan.objectiveYuan).toBeLessThanOrEqual(local.objectiveYuan * (1 + 1e-9));
    const peak = Math.max(...(plan.groups[0]?.loadW ?? []));
    expect(peak).toBeLessThanOrEqual(15 * 0.9 * 1000 + 1e-6);
  });
});
