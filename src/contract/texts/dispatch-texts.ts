/**
 * zh-CN and English wording of what dispatch and demand response tell operators (docs/dispatch.md,
 * docs/demand-response.md): alarms, why a plan revision exists, plan issues, drift that caused a replan, why a
 * command ended, and why a household is not planned or not offered in an event. Made in src/app/dispatch and
 * src/app/dr (dispatch-texts.ts there); times are Beijing local "HH:mm" or "YYYY-MM-DD HH:mm" strings.
 */
import type { TextCatalogue } from './render-text.js';

const COMMAND_KIND = {
  setpoint: { en: 'setpoint', 'zh-CN': '室温设定' },
  mode: { en: 'mode', 'zh-CN': '运行模式' },
  'run-permission': { en: 'run-permission', 'zh-CN': '运行许可' },
  schedule: { en: 'schedule', 'zh-CN': '日程上传' },
} as const;
const MORE_LESS = { more: { en: 'more', 'zh-CN': '多' }, less: { en: 'less', 'zh-CN': '少' } } as const;
const DR_DIRECTION = { reduce: { en: 'reduce', 'zh-CN': '削减' }, increase: { en: 'increase', 'zh-CN': '增加' } } as const;

export const ALARM_TEXTS = {
  'not-acknowledging-fallback': {
    en: 'household {{site}}: device {{deviceId}} is not acknowledging ({{kind}} command {{commandId}}); it runs the fallback schedule of command {{scheduleId}} (acknowledged {{ackAt}})',
    'zh-CN': '用户 {{site}}：设备 {{deviceId}} 未确认{{kind}}指令 {{commandId}}；设备正按指令 {{scheduleId}} 的后备日程运行（确认于 {{ackAt}}）',
    terms: { kind: COMMAND_KIND },
  },
  'not-acknowledging-local': {
    en: 'household {{site}}: device {{deviceId}} is not acknowledging ({{kind}} command {{commandId}}); no schedule was ever acknowledged, so it runs its own local schedule',
    'zh-CN': '用户 {{site}}：设备 {{deviceId}} 未确认{{kind}}指令 {{commandId}}；此前没有任何日程被确认，设备按其本地日程运行',
    terms: { kind: COMMAND_KIND },
  },
  rejected: {
    en: 'household {{site}}: device {{deviceId}} rejected {{kind}} command {{commandId}}: {{deviceReason}}',
    'zh-CN': '用户 {{site}}：设备 {{deviceId}} 拒绝了{{kind}}指令 {{commandId}}，设备给出的原因：{{deviceReason}}',
    terms: { kind: COMMAND_KIND },
  },
  replanned: {
    en: 'transformer {{transformerId}}: plan {{planId}} replaced by {{newPlanId}} from {{fromTime}}',
    'zh-CN': '变压器 {{transformerId}}：计划 {{planId}} 自 {{fromTime}} 起由 {{newPlanId}} 取代',
  },
  'plan-issue': { en: 'plan {{planId}}', 'zh-CN': '计划 {{planId}}' },
} as const satisfies TextCatalogue;

export const PLAN_ISSUE_TEXTS = {
  'comfort-infeasible': {
    en: '{{households}}: comfort floor unreachable with the unit\'s capacity; comfort-first schedule planned',
    'zh-CN': '{{households}}：以机组的制热能力达不到室温下限；已按舒适优先安排日程',
    lists: ['households'],
  },
  'transformer-too-small': {
    en: 'transformer {{transformerId}}: capacity too small to keep {{count}} household(s) warm; plan holds the limit and leaves them short',
    'zh-CN': '变压器 {{transformerId}}：容量不足以保证 {{count}} 户的室温；计划遵守容量限制，这些用户室温将不达标',
  },
  'invalid-problem': {
    en: 'transformer {{transformerId}}: {{count}} household(s) not planned, left on local control: {{detail}}',
    'zh-CN': '变压器 {{transformerId}}：{{count}} 户的规划数据无效，相关用户保持本地温控运行（详情：{{detail}}）',
  },
} as const satisfies TextCatalogue;

export const DRIFT_TEXTS = {
  overload: {
    en: 'measured load above the transformer\'s heating capacity at {{times}}',
    'zh-CN': '{{times}} 实测负荷超过变压器的供暖容量',
    lists: ['times'],
  },
  'transformer-energy': {
    en: 'households behind the transformer used {{kWh}} kWh {{direction}} than planned ({{plannedKWh}} kWh planned)',
    'zh-CN': '该变压器下的用户用电比计划{{direction}} {{kWh}} kWh（计划 {{plannedKWh}} kWh）',
    numbers: { kWh: { digits: 1 }, plannedKWh: { digits: 1 } },
    terms: { direction: MORE_LESS },
  },
  'household-offline': {
    en: '{{site}}: no measurement in the last {{slots}} slots (offline)',
    'zh-CN': '{{site}}：最近 {{slots}} 个时段没有测量数据（离线）',
  },
  'household-energy': {
    en: '{{site}}: used {{kWh}} kWh {{direction}} than planned over the last {{slots}} slots',
    'zh-CN': '{{site}}：最近 {{slots}} 个时段用电比计划{{direction}} {{kWh}} kWh',
    numbers: { kWh: { digits: 1 } },
    terms: { direction: MORE_LESS },
  },
  'household-colder': {
    en: '{{site}}: room {{kelvin}} K colder than planned',
    'zh-CN': '{{site}}：室温比计划低 {{kelvin}} K',
    numbers: { kelvin: { digits: 1 } },
  },
} as const satisfies TextCatalogue;

export const PLAN_REASON_TEXTS = {
  'day-ahead': { en: 'day-ahead plan', 'zh-CN': '日前计划' },
  replanned: { en: 'replanned from {{fromTime}}', 'zh-CN': '自 {{fromTime}} 起重新规划' },
  'dr-commit': {
    en: 'demand response {{eventId}}: {{direction}} {{kW}} kW {{from}}–{{to}}',
    'zh-CN': '需求响应 {{eventId}}：{{from}}–{{to}} {{direction}} {{kW}} kW',
    numbers: { kW: { digits: 1 } },
    terms: { direction: DR_DIRECTION },
  },
  'dr-revert': {
    en: 'cancelled demand response {{eventId}}: participants back to revision r{{revision}} from {{fromTime}}',
    'zh-CN': '已取消需求响应 {{eventId}}：参与用户自 {{fromTime}} 起恢复第 {{revision}} 版计划',
  },
} as const satisfies TextCatalogue;

export const HOUSEHOLD_NOTE_TEXTS = {
  'not-registered': {
    en: 'not planned: {{missing}} registered',
    'zh-CN': '未纳入计划：缺少登记的{{missing}}',
    lists: ['missing'],
    terms: { missing: { 'no heat-pump unit': { en: 'no heat-pump unit', 'zh-CN': '热泵机组' }, 'no building': { en: 'no building', 'zh-CN': '建筑' }, 'no active gateway': { en: 'no active gateway', 'zh-CN': '在线网关' } } },
  },
  'not-plannable': { en: 'not planned: {{detail}}', 'zh-CN': '未纳入计划：{{detail}}' },
  'kept-at-plan': { en: 'kept at its plan (offline or overridden) and reserved as base load', 'zh-CN': '保持原计划（离线或人工干预中），其负荷作为基础负荷预留' },
  'no-schedule': { en: 'not planned: the optimiser returned no schedule (see issues)', 'zh-CN': '未纳入计划：优化器未给出日程（见计划问题）' },
  'dr-share': { en: 'demand response {{eventId}}: {{sharePct}} % of its flexibility', 'zh-CN': '需求响应 {{eventId}}：承担其可调能力的 {{sharePct}}%', numbers: { sharePct: { digits: 0 } } },
  other: { en: '{{text}}', 'zh-CN': '说明：{{text}}' },
  'not-in-plan': { en: 'not in the plan', 'zh-CN': '不在计划中' },
  'dr-comfort': { en: 'comfort cannot be held while shifting load out of the window', 'zh-CN': '把负荷移出响应时段会使室温不达标' },
  'dr-no-load': { en: 'no load to shed in the window', 'zh-CN': '响应时段内没有可削减的负荷' },
  'dr-no-room': {
    en: 'no room to store heat in the window (already at the ceiling or at full power)',
    'zh-CN': '响应时段内无法再蓄热（室温已到上限或机组已满功率）',
  },
} as const satisfies TextCatalogue;

export const COMMAND_REASON_TEXTS = {
  expired: { en: 'expired at {{at}} before the device answered ({{attempts}} attempts)', 'zh-CN': '设备未应答，指令已于 {{at}} 过期（已发送 {{attempts}} 次）' },
  superseded: { en: 'superseded by {{commandId}}', 'zh-CN': '已被指令 {{commandId}} 取代' },
  'gave-up-fallback': {
    en: 'no acknowledgement after {{attempts}} attempts; it runs the fallback schedule of command {{scheduleId}} (acknowledged {{ackAt}})',
    'zh-CN': '发送 {{attempts}} 次均未确认；设备正按指令 {{scheduleId}} 的后备日程运行（确认于 {{ackAt}}）',
  },
  'gave-up-local': {
    en: 'no acknowledgement after {{attempts}} attempts; no schedule was ever acknowledged, so it runs its own local schedule',
    'zh-CN': '发送 {{attempts}} 次均未确认；此前没有任何日程被确认，设备按其本地日程运行',
  },
  device: { en: '{{reason}}', 'zh-CN': '设备给出的原因：{{reason}}' },
} as const satisfies TextCatalogue;
