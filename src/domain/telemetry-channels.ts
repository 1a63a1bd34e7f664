/**
 * The canonical telemetry channel set (docs/telemetry.md). Every channel names its unit in its key;
 * a unit may report any subset. Plausibility ranges reject absurd values at the edge (a reading
 * outside its range is refused with a reason, never clamped).
 */
export type ChannelKind = 'temperature' | 'flow' | 'power' | 'energy' | 'speed' | 'flag' | 'mode' | 'setpoint';

export interface ChannelSpec {
  readonly key: string;
  readonly unit: '°C' | 'm³/h' | 'W' | 'kWh' | 'Hz' | '0/1' | 'code';
  readonly kind: ChannelKind;
  readonly min: number;
  readonly max: number;
  /** Cumulative registers only ever grow (meter roll-over or replacement is an event, not a reading). */
  readonly cumulative?: boolean;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
}

const t = (key: string, en: string, zh: string, min = -60, max = 120): ChannelSpec => ({ key, unit: '°C', kind: 'temperature', min, max, descriptionEn: en, descriptionZh: zh });
const pw = (key: string, en: string, zh: string, max: number): ChannelSpec => ({ key, unit: 'W', kind: 'power', min: 0, max, descriptionEn: en, descriptionZh: zh });
const kwh = (key: string, en: string, zh: string): ChannelSpec => ({ key, unit: 'kWh', kind: 'energy', min: 0, max: 1e9, cumulative: true, descriptionEn: en, descriptionZh: zh });

/** Upper bound of a single site's electric or thermal power (a large village station, 20 MW). */
const MAX_SITE_POWER_W = 20e6;

export const CHANNELS = [
  t('outdoorTempC', 'Outdoor air temperature', '室外温度', -60, 60),
  t('indoorTempC', 'Indoor (room) temperature', '室内温度', -40, 60),
  t('supplyTempC', 'Supply (flow) water or air temperature leaving the unit', '供水温度'),
  t('returnTempC', 'Return water or air temperature entering the unit', '回水温度'),
  t('sourceInTempC', 'Source inlet temperature (ground loop, sewage, reclaimed water)', '源侧进口温度', -30, 80),
  t('sourceOutTempC', 'Source outlet temperature', '源侧出口温度', -30, 80),
  { key: 'flowM3h', unit: 'm³/h', kind: 'flow', min: 0, max: 5000, descriptionEn: 'Heating-circuit water flow', descriptionZh: '循环水流量' },
  pw('unitPowerW', 'Electric power of the heat-pump unit (compressor, fan, controls: boundary H2)', '机组电功率', MAX_SITE_POWER_W),
  kwh('unitEnergyKWh', 'Cumulative electric energy of the unit (H2)', '机组累计耗电量'),
  pw('compressorPowerW', 'Electric power of the compressor alone (H1), where metered', '压缩机电功率', MAX_SITE_POWER_W),
  kwh('compressorEnergyKWh', 'Cumulative compressor electric energy (H1)', '压缩机累计耗电量'),
  pw('backupPowerW', 'Electric power of the backup (resistance) heater', '辅助电加热功率', MAX_SITE_POWER_W),
  kwh('backupEnergyKWh', 'Cumulative backup heater electric energy', '辅助电加热累计耗电量'),
  pw('pumpPowerW', 'Electric power of the circulation (distribution) pump', '循环泵电功率', 1e6),
  kwh('pumpEnergyKWh', 'Cumulative circulation pump electric energy', '循环泵累计耗电量'),
  { key: 'heatPowerW', unit: 'W', kind: 'power', min: -MAX_SITE_POWER_W, max: MAX_SITE_POWER_W, descriptionEn: 'Heat output (negative while defrosting draws heat back)', descriptionZh: '制热功率（除霜时为负）' },
  kwh('heatEnergyKWh', 'Cumulative heat delivered (heat meter register)', '累计供热量'),
  { key: 'compressorHz', unit: 'Hz', kind: 'speed', min: 0, max: 200, descriptionEn: 'Compressor speed (inverter units)', descriptionZh: '压缩机频率' },
  { key: 'compressorOn', unit: '0/1', kind: 'flag', min: 0, max: 1, descriptionEn: 'Compressor running', descriptionZh: '压缩机运行' },
  { key: 'defrost', unit: '0/1', kind: 'flag', min: 0, max: 1, descriptionEn: 'Defrost cycle active', descriptionZh: '除霜中' },
  { key: 'mode', unit: 'code', kind: 'mode', min: 0, max: 4, descriptionEn: 'Operating mode: 0 off, 1 heating, 2 hot water, 3 cooling, 4 standby', descriptionZh: '运行模式：0 关机 1 制热 2 热水 3 制冷 4 待机' },
  t('setpointC', 'Active room (or supply) setpoint', '设定温度', 0, 90),
] as const satisfies readonly ChannelSpec[];

export type ChannelKey = (typeof CHANNELS)[number]['key'];
export const CHANNEL_KEYS: readonly ChannelKey[] = CHANNELS.map((c) => c.key);
export const CHANNEL_BY_KEY: ReadonlyMap<string, ChannelSpec> = new Map(CHANNELS.map((c) => [c.key, c]));

/** A reading: a timestamp (UTC epoch ms) plus any subset of channel values, and an optional fault code. */
export type ChannelValues = Partial<Record<ChannelKey, number>>;
export interface Reading {
  readonly unitId: string;
  readonly tsMs: number;
  readonly values: ChannelValues;
  /** Manufacturer fault code(s) active at this instant, e.g. "E3"; absent when healthy. */
  readonly faultCode?: string;
}

export const MODE_CODES = { off: 0, heating: 1, hotWater: 2, cooling: 3, standby: 4 } as const;
