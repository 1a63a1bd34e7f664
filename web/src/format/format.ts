/**
 * Display formatting. Platform times (clockMs, tsMs) are UTC epoch ms shown in Asia/Shanghai time,
 * never the browser's zone or clock; every number names its unit.
 */
export const DISPLAY_TZ = 'Asia/Shanghai';
/** China keeps UTC+8 all year (no daylight saving), so charts can shift by a constant and use UTC. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const locale = (lang: string): string => (lang.startsWith('zh') ? 'zh-CN' : 'en-GB');
const nf = new Map<string, Intl.NumberFormat>();
const numFmt = (lang: string, digits: number): Intl.NumberFormat => {
  const key = `${lang}|${digits}`;
  let f = nf.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    nf.set(key, f);
  }
  return f;
};

export const DASH = '—';
export const fmtNumber = (v: number | null | undefined, lang: string, digits = 0): string =>
  v === null || v === undefined || !Number.isFinite(v) ? DASH : numFmt(lang, digits).format(v);
/** Temperatures: one decimal, °C. */
export const fmtTempC = (v: number | null | undefined, lang = 'zh-CN'): string => (v === null || v === undefined ? DASH : `${fmtNumber(v, lang, 1)} °C`);
/** Power given in W, shown in kW with one decimal. */
export const fmtPowerKw = (w: number | null | undefined, lang = 'zh-CN'): string => (w === null || w === undefined ? DASH : `${fmtNumber(w / 1000, lang, 1)} kW`);

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** `YYYY-MM-DD HH:mm[:ss]` in Beijing time: unambiguous in both languages and sortable. */
export const fmtDateTime = (ms: number | null | undefined, _lang: string, withSeconds = false): string => {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}${withSeconds ? `:${pad2(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time}`;
};

/** Calendar parts of an instant in Shanghai time. */
export const shanghaiParts = (ms: number): { year: number; month: number; day: number } => {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
/** Midnight Shanghai time of a calendar date, as UTC epoch ms. */
export const shanghaiMidnight = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS;
