/**
 * The notes a season report carries (period, population, twin progress, influence factors, twin weather), in
 * English (`notes`) and Chinese (`notesZh`): the dashboard is zh-CN first. Notes are written in English where
 * they arise (some in the pure analytics); `noteZh` words each known pattern in Chinese and keeps an unknown
 * note in English rather than dropping it.
 */
export const NOTES = {
  noReadings: () => 'expected vs actual not run: no readings of the unit in the period',
  leftOutNoData: (n: number) => `${n} units without readings in the period are left out`,
  computing: (done: number, total: number) => `expected vs actual: the digital twin is still computing (${done} of ${total} units ready); the list fills in as runs finish`,
  twinFailed: (why: string) => `expected vs actual failed: ${why}; ask again to retry`,
  twinFailedUnit: (unitId: string, why: string) => `expected vs actual of ${unitId} failed: ${why}; ask again to retry`,
} as const;

type Rule = readonly [RegExp, (m: RegExpMatchArray) => string];
const g = (m: RegExpMatchArray, i: number): string => m[i] ?? '';

const RULES: readonly Rule[] = [
  // period.ts
  [/^no readings in the heating season (\S+)\.\.(\S+): every figure is null with reason no-data$/, (m) => `采暖季 ${g(m, 1)} 至 ${g(m, 2)} 没有读数：所有数值为空（原因：无数据）`],
  [/^default period: the heating season (\S+)\.\.(\S+) clamped to the days with readings( \(today, still running, left out\))?$/,
    (m) => `默认统计期：采暖季 ${g(m, 1)} 至 ${g(m, 2)}，截取到有读数的日期${m[3] ? '（今天尚未结束，不计入）' : ''}`],
  [/^no readings of the selected units in (\S+)\.\.(\S+): every figure is null with reason no-data$/, (m) => `所选机组在 ${g(m, 1)} 至 ${g(m, 2)} 没有读数：所有数值为空（原因：无数据）`],
  // NOTES above
  [/^expected vs actual not run: no readings of the unit in the period$/, () => '未计算预期与实际对比：该机组在统计期内没有读数'],
  [/^(\d+) units without readings in the period are left out$/, (m) => `${g(m, 1)} 台机组在统计期内没有读数，未纳入`],
  [/^expected vs actual: the digital twin is still computing \((\d+) of (\d+) units ready\); the list fills in as runs finish$/,
    (m) => `预期与实际对比：数字孪生仍在计算（${g(m, 2)} 台中已完成 ${g(m, 1)} 台），计算完成后列表会自动补全`],
  [/^expected vs actual failed: (.*); ask again to retry$/, (m) => `预期与实际对比计算失败：${g(m, 1)}；请重试`],
  [/^expected vs actual of (\S+) failed: (.*); ask again to retry$/, (m) => `机组 ${g(m, 1)} 的预期与实际对比计算失败：${g(m, 2)}；请重试`],
  // analytics/fleet-eval/influence-factors.ts
  [/^(\d+) units left out: a chosen factor is not known for them$/, (m) => `${g(m, 1)} 台机组未纳入：所选因素的取值未知`],
  [/^(.+): level\(s\) (.+) below (\d+) units; their units left out$/, (m) => `${g(m, 1)}：水平 ${g(m, 2)} 的机组数少于 ${g(m, 3)} 台，相应机组未纳入`],
  // analytics/fleet-eval/measured-weather.ts (warnings of expected vs actual)
  [/^no outdoor temperature measured in the period: the expectation uses the typical year \(IWEC\) instead of the real weather$/,
    () => '统计期内没有室外温度实测值：预期值采用典型气象年（IWEC）而非实际天气'],
  [/^outdoor temperature measured for (\d+) % of hours: the typical year fills the rest$/, (m) => `室外温度实测覆盖 ${g(m, 1)}% 的小时，其余时段采用典型气象年`],
];

/** The Chinese wording of a note (the English one when the pattern is not known). */
export function noteZh(en: string): string {
  for (const [re, zh] of RULES) {
    const m = en.match(re);
    if (m) return zh(m);
  }
  return en;
}

export const notesZh = (notes: readonly string[]): string[] => notes.map(noteZh);
