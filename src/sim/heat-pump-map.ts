/**
 * Heat-pump performance map: COP and maximum heating capacity as functions of source temperature
 * and leaving (flow) water temperature. COP is a Carnot efficiency η interpolated between certified
 * (EN 14825 / Keymark) or hplib-fitted points, so the map reproduces those points and extrapolates
 * like thermodynamics outside them. See heat-pump-map.md.
 */
export type MapSource = 'outdoor-air' | 'ground' | 'water';

/** Four source temperatures, each with a low- and a high-temperature application point. */
export interface CopPoints {
  readonly sourceC: readonly [number, number, number, number];
  readonly flowLowC: readonly [number, number, number, number];
  readonly flowHighC: readonly [number, number, number, number];
  readonly copLow: readonly [number, number, number, number];
  readonly copHigh: readonly [number, number, number, number];
}

/** Maximum (full-speed) capacity relative to the nominal rating, piecewise linear in source temperature. */
export interface CapacityShape {
  readonly ratingSourceC: number;
  readonly ratingFlowC: number;
  /** Relative change per K of source temperature above the knee, and below it (steeper: EVI units lose capacity fast below about −12 °C). */
  readonly slopePerK: number;
  readonly kneeC: number;
  readonly slopeBelowKneePerK: number;
  /** Relative change per K of flow temperature (negative: hotter water, less capacity). */
  readonly flowSlopePerK: number;
}

export interface PerformanceMapSpec {
  readonly id: string;
  readonly source: MapSource;
  readonly description: string;
  readonly provenance: string;
  readonly points: CopPoints;
  readonly capacity: CapacityShape;
}

export interface PerformanceMap extends PerformanceMapSpec {
  /** Carnot efficiencies at the points (same layout as copLow/copHigh). */
  readonly etaLow: Float64Array;
  readonly etaHigh: Float64Array;
}

/** Carnot COP with the heatpumpmonitor.org convention: condensing = flow + 2 K, evaporating = source − 6 K. */
export function carnotCop(sourceC: number, flowC: number): number {
  const liftK = Math.max(5, flowC + 2 - (sourceC - 6));
  return (flowC + 2 + 273.15) / liftK;
}

/** Validates points and precomputes η. Throws naming the map and point for impossible data (COP < 1, unsorted temperatures). */
export function buildPerformanceMap(spec: PerformanceMapSpec): PerformanceMap {
  const p = spec.points;
  const etaLow = new Float64Array(4);
  const etaHigh = new Float64Array(4);
  for (let k = 0; k < 4; k++) {
    const s = p.sourceC[k] as number;
    if (k > 0 && s <= (p.sourceC[k - 1] as number)) throw new Error(`performance map "${spec.id}": points.sourceC must increase (index ${k})`);
    for (const [flows, cops, eta, app] of [[p.flowLowC, p.copLow, etaLow, 'low'], [p.flowHighC, p.copHigh, etaHigh, 'high']] as const) {
      const cop = cops[k] as number;
      const flow = flows[k] as number;
      if (!(cop >= 1)) throw new Error(`performance map "${spec.id}": points.cop${app === 'low' ? 'Low' : 'High'}[${k}] = ${cop} at source ${s} °C / flow ${flow} °C is below 1 (impossible for a heat pump)`);
      eta[k] = cop / carnotCop(s, flow);
      if ((eta[k] as number) > 0.9) throw new Error(`performance map "${spec.id}": COP ${cop} at ${s}/${flow} °C exceeds 90 % of Carnot`);
    }
    if ((p.flowHighC[k] as number) <= (p.flowLowC[k] as number)) throw new Error(`performance map "${spec.id}": points.flowHighC[${k}] must exceed flowLowC[${k}]`);
  }
  return { ...spec, etaLow, etaHigh };
}

/**
 * The η line of a map at one source temperature, precomputed once per step and shared by every
 * household using the map: η(flow) = etaA + (etaB − etaA)·clamp((flow − flowA)/(flowB − flowA)).
 */
export interface EtaLine { flowA: number; flowB: number; etaA: number; etaB: number }

export function etaLineAt(map: PerformanceMap, sourceC: number, out: EtaLine): EtaLine {
  const s = map.points.sourceC;
  let k = 0;
  while (k < 2 && sourceC > (s[k + 1] as number)) k++;
  const s0 = s[k] as number;
  const s1 = s[k + 1] as number;
  // η is held constant beyond the outermost points: COP then follows Carnot (see heat-pump-map.md).
  const f = Math.max(0, Math.min(1, (sourceC - s0) / (s1 - s0)));
  out.flowA = lerpAt(map.points.flowLowC, k, f);
  out.flowB = lerpAt(map.points.flowHighC, k, f);
  out.etaA = lerpAt(map.etaLow, k, f);
  out.etaB = lerpAt(map.etaHigh, k, f);
  return out;
}
const lerpAt = (a: ArrayLike<number>, k: number, f: number): number => (a[k] as number) + ((a[k + 1] as number) - (a[k] as number)) * f;

export function copAt(map: PerformanceMap, sourceC: number, flowC: number): number {
  const line = etaLineAt(map, sourceC, { flowA: 0, flowB: 0, etaA: 0, etaB: 0 });
  const g = Math.max(0, Math.min(1, (flowC - line.flowA) / (line.flowB - line.flowA)));
  return Math.max(1, (line.etaA + (line.etaB - line.etaA) * g) * carnotCop(sourceC, flowC));
}

/** Source-temperature part of the capacity factor (piecewise linear, knee for EVI units). */
export function sourceCapacityFactor(shape: CapacityShape, sourceC: number): number {
  return sourceC >= shape.kneeC
    ? 1 + shape.slopePerK * (sourceC - shape.ratingSourceC)
    : 1 + shape.slopePerK * (shape.kneeC - shape.ratingSourceC) + shape.slopeBelowKneePerK * (sourceC - shape.kneeC);
}

/** Maximum heating capacity relative to nominal at (source, flow). Never below 0.2 (units trip before that). */
export function capacityFactor(shape: CapacityShape, sourceC: number, flowC: number): number {
  return Math.max(0.2, sourceCapacityFactor(shape, sourceC) * (1 + shape.flowSlopePerK * (flowC - shape.ratingFlowC)));
}

/** hplib's linear COP form, COP = p1·T_in + p2·T_out + p3 + p4·T_amb (Tjaden et al., hplib 1.x). */
export function hplibCop(p: readonly [number, number, number, number], sourceC: number, flowC: number, ambientC: number): number {
  return p[0] * sourceC + p[1] * flowC + p[2] + p[3] * ambientC;
}
