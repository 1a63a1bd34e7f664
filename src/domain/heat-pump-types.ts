/**
 * Every heat-pump type the source document names, declared as data (no branching on type in shared code):
 * what it takes heat from, what it heats, and which channels a monitored unit of the type is expected to report.
 */
export type HeatSource = 'outdoor-air' | 'ground' | 'sewage-or-reclaimed-water' | 'heat-driven';
export type HeatSink = 'water' | 'air';

export interface HeatPumpTypeSpec {
  readonly key: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly source: HeatSource;
  readonly sink: HeatSink;
  readonly scale: 'household' | 'commercial';
  /** Frosting and defrost happen on outdoor-air evaporators only. */
  readonly canFrost: boolean;
  readonly sourceTempChannel: 'outdoorTempC' | 'sourceInTempC';
}

export const HEAT_PUMP_TYPES = [
  { key: 'air-to-water', nameEn: 'Air-to-water (ASHP, hydronic)', nameZh: '空气源热泵（热水型）', source: 'outdoor-air', sink: 'water', scale: 'household', canFrost: true, sourceTempChannel: 'outdoorTempC' },
  { key: 'air-to-air', nameEn: 'Air-to-air hot-air unit', nameZh: '空气源热风机', source: 'outdoor-air', sink: 'air', scale: 'household', canFrost: true, sourceTempChannel: 'outdoorTempC' },
  { key: 'ground-source-household', nameEn: 'Household ground-source', nameZh: '户用地源热泵', source: 'ground', sink: 'water', scale: 'household', canFrost: false, sourceTempChannel: 'sourceInTempC' },
  { key: 'water-source', nameEn: 'Sewage / reclaimed-water source', nameZh: '污水/再生水源热泵', source: 'sewage-or-reclaimed-water', sink: 'water', scale: 'commercial', canFrost: false, sourceTempChannel: 'sourceInTempC' },
  { key: 'co2-air-source', nameEn: 'CO2 (R744) air-source', nameZh: 'CO2空气源热泵', source: 'outdoor-air', sink: 'water', scale: 'household', canFrost: true, sourceTempChannel: 'outdoorTempC' },
  { key: 'commercial-modular', nameEn: 'Commercial modular / screw unit', nameZh: '商用模块机/螺杆机', source: 'outdoor-air', sink: 'water', scale: 'commercial', canFrost: true, sourceTempChannel: 'outdoorTempC' },
  { key: 'ground-source-commercial', nameEn: 'Commercial ground-source (large ground loop)', nameZh: '大型地源热泵', source: 'ground', sink: 'water', scale: 'commercial', canFrost: false, sourceTempChannel: 'sourceInTempC' },
  { key: 'absorption', nameEn: 'Absorption heat pump', nameZh: '吸收式热泵', source: 'heat-driven', sink: 'water', scale: 'commercial', canFrost: false, sourceTempChannel: 'sourceInTempC' },
] as const satisfies readonly HeatPumpTypeSpec[];

export type HeatPumpTypeKey = (typeof HEAT_PUMP_TYPES)[number]['key'];
export const HEAT_PUMP_TYPE_KEYS = HEAT_PUMP_TYPES.map((t) => t.key) as [HeatPumpTypeKey, ...HeatPumpTypeKey[]];
export const heatPumpType = (key: HeatPumpTypeKey): HeatPumpTypeSpec =>
  HEAT_PUMP_TYPES.find((t) => t.key === key) as HeatPumpTypeSpec;

export const EMITTER_TYPES = ['floor', 'radiator', 'fan-coil', 'air'] as const;
export type EmitterType = (typeof EMITTER_TYPES)[number];

export const CAPACITY_CONTROLS = ['inverter', 'fixed-speed'] as const;
export type CapacityControl = (typeof CAPACITY_CONTROLS)[number];
