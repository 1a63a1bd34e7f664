/**
 * Tariff presets for Beijing–Tianjin–Hebei rural clean heating, copied from ../shared/data/FACTS.md
 * (sections 1 and 2) with the sources named there. Hebei has no verified source: it is listed as
 * not available instead of carrying invented numbers.
 */
import { TariffSchema, type Tariff, type TariffInput } from './schema.js';

const BEIJING: TariffInput = {
  id: 'beijing-rural-coal-to-electricity',
  name: 'Beijing rural coal-to-electricity household tariff (heating season, 2018 plan)',
  timeZone: 'Asia/Shanghai',
  status: 'unverified',
  note:
    'Valley window, price, 0.1 + 0.1 yuan/kWh subsidy, 10,000 kWh cap and season are sourced (high confidence). ' +
    'The 0.4883 yuan/kWh outside the valley is the commonly cited tier-1 residential price and was NOT verified; ' +
    'the residential tiering itself is not modelled.',
  sources: [
    '《2018年北京市农村地区村庄冬季清洁取暖工作方案》 quoted at https://m.u69cn.com/cp_jiayongdianqi/11988435.html',
    'http://fuchenwang.com/en/newsinfo.asp?ArticleID=285 (municipal + district subsidy 0.1 + 0.1 yuan/kWh)',
    'http://www.guangyule.cn/news/2018-5-27-547.html (heating season 1 Nov – 31 Mar)',
  ],
  windows: [
    { name: 'valley', fromLocal: '20:00', toLocal: '08:00', priceYuanPerKWh: 0.3, subsidyYuanPerKWh: 0.2 },
    { name: 'other', fromLocal: '08:00', toLocal: '20:00', priceYuanPerKWh: 0.4883 },
  ],
  subsidyCapKWhPerSeason: 10_000,
  season: { from: '11-01', to: '03-31' },
};

const TIANJIN: TariffInput = {
  id: 'tianjin-rural-coal-to-electricity',
  name: 'Tianjin coal-to-electricity household tariff (heating season, from 1 Nov 2019)',
  timeZone: 'Asia/Shanghai',
  status: 'verified',
  sources: ['Tianjin DRC notice reproduced at http://47.101.140.238/wap.php/index/newsview/cat_id/89/id/7230'],
  windows: [
    { name: 'peak', fromLocal: '08:00', toLocal: '20:00', priceYuanPerKWh: 0.49 },
    { name: 'valley', fromLocal: '20:00', toLocal: '08:00', priceYuanPerKWh: 0.3 },
  ],
  season: { from: '11-01', to: '03-31' },
};

export interface UnavailableTariff {
  readonly id: string;
  readonly available: false;
  readonly reason: string;
}

export type TariffPreset = ({ available: true } & Tariff) | UnavailableTariff;

export const TARIFF_PRESETS: Readonly<Record<string, TariffPreset>> = {
  [BEIJING.id]: { available: true, ...TariffSchema.parse(BEIJING) },
  [TIANJIN.id]: { available: true, ...TariffSchema.parse(TIANJIN) },
  'hebei-rural-coal-to-electricity': {
    id: 'hebei-rural-coal-to-electricity',
    available: false,
    reason: 'No stored source for the Hebei coal-to-electricity tariff was found (FACTS.md): enter the local notice as a tariff file.',
  },
};

/** A preset by id; an unavailable or unknown preset is a value naming why. */
export function tariffPreset(id: string): { ok: true; tariff: Tariff } | { ok: false; code: 'unknown-tariff' | 'tariff-not-available'; message: string } {
  const p = TARIFF_PRESETS[id];
  if (!p) return { ok: false, code: 'unknown-tariff', message: `unknown tariff "${id}" (known: ${Object.keys(TARIFF_PRESETS).join(', ')})` };
  if (!p.available) return { ok: false, code: 'tariff-not-available', message: `${id}: ${p.reason}` };
  const { available: _available, ...tariff } = p;
  return { ok: true, tariff };
}
