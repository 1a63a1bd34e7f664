/**
 * The weather the twin lives in during a comparison: the typical year plus an anomaly, so the planner
 * (who knows only the typical year and recent observations) cannot see it coming. The anomaly is a
 * first-order autoregressive process in hourly steps, x_{t+1} = φ x_t + σ√(1−φ²) ε_t with φ = exp(−1/τ),
 * plus independent noise per record; the dew point moves with the temperature (relative humidity kept).
 * Seeded and deterministic. The defaults (σ = 3 K, τ = 48 h, noise 0.7 K) are assumptions of the order of
 * day-to-day winter temperature variability at Beijing, not fitted values; see strategies.md.
 */
import { mulberry32, type WeatherSeries } from '../../sim/index.js';

export interface AnomalyWeatherOptions {
  readonly seed: number;
  readonly sdK?: number;
  readonly correlationH?: number;
  readonly noiseK?: number;
}

export const DEFAULT_ANOMALY = { sdK: 3, correlationH: 48, noiseK: 0.7 } as const;

export function anomalyWeather(typical: WeatherSeries, o: AnomalyWeatherOptions): WeatherSeries {
  const sd = o.sdK ?? DEFAULT_ANOMALY.sdK;
  const tauH = o.correlationH ?? DEFAULT_ANOMALY.correlationH;
  const noise = o.noiseK ?? DEFAULT_ANOMALY.noiseK;
  if (!(sd >= 0) || !(tauH > 0) || !(noise >= 0)) throw new Error(`anomaly weather: sd ${sd} K, correlation ${tauH} h and noise ${noise} K must be non-negative (correlation > 0)`);
  if (!Number.isInteger(o.seed) || o.seed < 0) throw new Error(`anomaly weather: seed ${o.seed} is not a non-negative integer`);
  const rng = mulberry32(o.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const phi = Math.exp(-1 / (tauH * typical.recordsPerHour));
  const innov = sd * Math.sqrt(1 - phi * phi);
  const tempC = new Float64Array(typical.length);
  const dewPointC = new Float64Array(typical.length);
  let x = sd * gauss();
  // Start mid-year and wrap, so the seam of the generated series falls in summer, not inside a heating season.
  const start = Math.floor(typical.length / 2);
  for (let j = 0; j < typical.length; j++) {
    const r = (start + j) % typical.length;
    const dT = x + noise * gauss();
    tempC[r] = (typical.tempC[r] as number) + dT;
    dewPointC[r] = Math.min((typical.dewPointC[r] as number) + dT, tempC[r] as number);
    x = phi * x + innov * gauss();
  }
  return { ...typical, tempC, dewPointC };
}
