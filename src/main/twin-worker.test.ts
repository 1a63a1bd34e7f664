/** The twin in a real worker thread gives the same result as in process, and a bad job fails with the reason. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildUnit } from '../analytics/fleet-eval/test-population.js';
import { runTwinJob, type TwinJob } from '../app/season-report/twin-runner.js';
import { parseEpw } from '../sim/index.js';
import { DEMO_WEATHER_FILE } from './demo/start-demo.js';
import { createWorkerTwinRunner } from './twin-worker.js';

const u = buildUnit({ id: 'w1', spf: 3 }).evaluated;
const job: TwinJob = {
  unit: u.unit, kpis: u.kpis, boundary: 'h2', hourlyOutdoorC: [],
  building: { id: 'b-w1', siteId: u.unit.siteId, heatedAreaM2: 110, constructionYear: 2005, envelope: 'partially-insulated', storeys: 1, thermalMass: 'heavy' },
};

describe('twin worker', { timeout: 120_000 }, () => {
  const runner = createWorkerTwinRunner({ weatherFile: DEMO_WEATHER_FILE, workers: 1 });
  afterAll(() => runner.close());

  it('runs the twin off the main thread with the same result as in process', async () => {
    const inWorker = await runner.run(job);
    expect(inWorker.expected?.heatKWh).toBeGreaterThan(0);
    expect(inWorker).toEqual(runTwinJob(job, parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8'))));
  });

  it('fails a job with the twin\'s reason and keeps serving the next one', async () => {
    await expect(runner.run({ ...job, kpis: { ...job.kpis, unitId: 'someone-else' } })).rejects.toThrow(/KPIs of someone-else given for unit w1/);
    expect((await runner.run(job)).unitId).toBe('w1');
  });

  it('refuses jobs once closed', async () => {
    const r = createWorkerTwinRunner({ weatherFile: DEMO_WEATHER_FILE });
    await r.close();
    await expect(r.run(job)).rejects.toThrow(/closed/);
  });
});
