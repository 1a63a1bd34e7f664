import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ThermalModelQuerySchema, ThermalModelSchema } from '../../contract/thermal-model.js';
import { OutdoorForecastQuerySchema, OutdoorForecastSchema } from '../../contract/weather-forecast.js';
import { emptyWeatherSample, sampleWeather } from '../../sim/index.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorText } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Models learned from a household's telemetry (docs/optimize.md, src/optimize/identify/identify-rc.md). */
export function modelRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/units/:id/thermal-model',
    {
      schema: {
        tags: ['optimise'],
        summary: 'The 1R1C room model fitted to the unit\'s 15-minute telemetry (registered building as prior), its goodness of fit, and the measured COP correction of the unit\'s map',
        params: IdParams, querystring: ThermalModelQuerySchema, response: { 200: ThermalModelSchema },
      },
    },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const m = await deps.models.thermalModel(c.principal, req.params.id, req.query);
      if (!m) throw new ApiError('not_found', `no unit ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'unit', id: req.params.id }) });
      return m;
    },
  );
  r.get(
    '/api/v1/forecast/outdoor',
    {
      schema: {
        tags: ['optimise'],
        summary: 'The outdoor temperature forecast the planners use now (typical year, fleet observations, weather feed) and what it rests on',
        querystring: OutdoorForecastQuerySchema, response: { 200: OutdoorForecastSchema },
      },
    },
    (req) => {
      requireAction(req, 'fleet:read');
      const w = deps.weather;
      if (!w) throw new ApiError('conflict', 'no forecast: the typical-year weather file is missing from data/weather');
      const s = w.status();
      const series = w.current();
      const from = Math.ceil((s.issuedMs ?? deps.clock.nowMs()) / 3_600_000) * 3_600_000;
      const ws = emptyWeatherSample();
      const points = Array.from({ length: req.query.hours }, (_, k) => {
        const t = from + k * 3_600_000;
        const tempC = sampleWeather(series, t, ws).tempC;
        return { at: new Date(t).toISOString(), tempC, typicalC: sampleWeather(w.typical, t, ws).tempC };
      });
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      return {
        source: s.source, issuedAt: iso(s.issuedMs), feed: s.feed, feedProblem: s.feedProblem, feedFetchedAt: iso(s.feedFetchedMs),
        observations: s.observations, observedAnomalyK: s.observedAnomalyK, points,
      };
    },
  );
}
