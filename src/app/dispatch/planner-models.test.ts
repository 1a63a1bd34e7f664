import { describe, expect, it } from 'vitest';
import { registeredChoice, type ModelDecision, type ModelJob } from '../../optimize/planner-model/index.js';
import { generateHousehold } from '../../sim/fleet-generator.js';
import { emptySnapshot } from '../../domain/registry.js';
import { buildFleetIndex } from '../fleet-index.js';
import { createPlannerModels } from './planner-models.js';
import type { SteerableHousehold } from './transformer-households.js';

const labels = { id: 'h1', areaM2: 120, envelope: 'partially-insulated', emitter: 'radiator', type: 'air-to-water', inverter: true, capacityKw: 11, installedOn: '2018-10-01', weatherCompensated: false } as const;
const household = (areaM2: number): SteerableHousehold => ({ siteId: 's1', unitId: 'u1', deviceId: 'd1', definition: generateHousehold({ ...labels, areaM2 }, 7) });

/** Counts the fits: every job is answered with the registered model (the fit itself is tested in optimize/planner-model). */
function counting() {
  const fitted: ModelJob[][] = [];
  const source = createPlannerModels({
    index: () => buildFleetIndex(emptySnapshot()),
    telemetry: { queryRollup: async () => [] },
    weather: () => null,
    choose: async (jobs): Promise<ModelDecision[]> => {
      fitted.push([...jobs]);
      return jobs.map((j) => ({ choice: registeredChoice(j.definition, 'too-few-days', 'test'), model: null }));
    },
  });
  return { fitted, source };
}

describe('planner models per household and day', () => {
  it('fits once per household and day, and again after the household\'s registration changed that day', async () => {
    const { fitted, source } = counting();
    await source([household(120)], '2019-01-15');
    await source([household(120)], '2019-01-15'); // a replan the same day: the cached decision
    expect(fitted).toHaveLength(1);
    const edited = household(160); // the operator corrected the heated area
    const decision = (await source([edited], '2019-01-15')).get('s1');
    expect(fitted).toHaveLength(2);
    expect(fitted[1]?.[0]?.definition.areaM2).toBe(160);
    expect(decision?.choice.heatLossWK).toBeGreaterThan(0);
    await source([household(120)], '2019-01-16'); // another day: fitted again
    expect(fitted).toHaveLength(3);
  });
});
