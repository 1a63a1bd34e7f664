/** Wire contract of `GET /api/v1/forecast/outdoor`: the outdoor temperature forecast the planners use now. */
import { z } from 'zod';

export const OutdoorForecastQuerySchema = z.object({
  hours: z.coerce.number().int().min(1).max(168).default(48).describe('hours ahead, 1…168'),
});

const at = z.string().describe('ISO 8601 instant (UTC)');

export const OutdoorForecastSchema = z.object({
  source: z.enum(['feed', 'observations', 'typical-year']).describe('what the forecast rests on beyond the typical year'),
  issuedAt: at.nullable().describe('when the current forecast was made (platform clock); null before the first refresh'),
  feed: z.string().nullable().describe('the configured weather feed (host and path), null when none'),
  feedProblem: z.string().nullable().describe("the feed's problem at the last refresh, if any"),
  feedFetchedAt: at.nullable(),
  observations: z.number().int().describe('hourly fleet observations (median over units) behind the anomaly'),
  observedAnomalyK: z.number().nullable().describe('observed minus typical-year temperature over the last 6 h (K)'),
  points: z.array(z.object({ at, tempC: z.number(), typicalC: z.number() })).describe('hourly from the issue time'),
});
export type OutdoorForecast = z.infer<typeof OutdoorForecastSchema>;
