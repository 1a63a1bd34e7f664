/**
 * zh-CN and English wording of the API's error messages that reach a dashboard user (`error.text` beside
 * `error.message` in every error body, src/contract/api.ts): refused input, login, permissions, things not in
 * the caller's scope, dispatch refusals. Codes are made in src/api (errors.ts, auth, routes) and in the dispatch
 * use case; the English `message` stays as it was for API clients. Free text from inside (a tariff's parse
 * error, zod's issue messages) is a parameter and stays as it came.
 */
import type { TextCatalogue } from './render-text.js';

/** What a "not in your scope" message is about. */
const KINDS = {
  kind: {
    site: { en: 'site', 'zh-CN': '用户' }, unit: { en: 'unit', 'zh-CN': '机组' }, plan: { en: 'plan', 'zh-CN': '调度计划' }, command: { en: 'command', 'zh-CN': '指令' },
    alarm: { en: 'alarm', 'zh-CN': '告警' }, device: { en: 'device', 'zh-CN': '设备' }, 'dr-event': { en: 'demand-response event', 'zh-CN': '需求响应事件' },
    'village-transformer': { en: 'transformer of village', 'zh-CN': '村变压器' },
  },
} as const;

export const API_ERROR_TEXTS = {
  'invalid-request': { en: 'invalid request: {{fields}}', 'zh-CN': '请求内容有误，请检查：{{fields}}', lists: ['fields'] },
  'too-large': { en: 'request body too large', 'zh-CN': '请求内容过大' },
  'rate-limited': { en: 'too many requests', 'zh-CN': '请求过于频繁，请稍后再试' },
  internal: { en: 'internal error', 'zh-CN': '服务器内部错误' },
  'login-required': { en: 'log in or send an API token', 'zh-CN': '请先登录' },
  'bad-token': { en: 'invalid, expired or revoked API token', 'zh-CN': 'API 令牌无效、已过期或已被撤销' },
  'csrf-missing': { en: 'cookie-authenticated writes need the {{header}} header of the session', 'zh-CN': '会话校验失败（缺少 {{header}}），请刷新页面后重试' },
  'role-may-not': { en: 'your role may not {{action}}', 'zh-CN': '您的角色无权执行此操作（{{action}}）' },
  'bad-credentials': { en: 'wrong username or password', 'zh-CN': '用户名或密码错误' },
  'login-locked': { en: 'too many failed logins: try again in {{seconds}} s', 'zh-CN': '登录失败次数过多，请 {{seconds}} 秒后再试' },
  'not-in-scope': { en: 'no {{kind}} {{id}} in your scope', 'zh-CN': '您的权限范围内没有{{kind}} {{id}}', terms: KINDS },
  'no-transformer-to-steer': { en: 'no transformer {{transformerId}} you may steer', 'zh-CN': '没有您可调度的变压器 {{transformerId}}' },
  'no-village-transformer-to-steer': { en: 'no transformer in village {{villageId}} you may steer', 'zh-CN': '村 {{villageId}} 没有您可调度的变压器' },
  'no-forecast': { en: 'planning needs a weather forecast and none is configured', 'zh-CN': '制定计划需要天气预报，但尚未配置' },
  'bad-tariff': { en: 'tariffId: {{detail}}', 'zh-CN': '电价方案（tariffId）有误：{{detail}}' },
  'no-plan-to-dispatch': { en: 'no plan {{planId}} you may dispatch', 'zh-CN': '没有您可下发的计划 {{planId}}' },
  'plan-replaced': { en: 'plan {{planId}} was replaced by a newer revision; dispatch that one', 'zh-CN': '计划 {{planId}} 已被新版本取代，请下发新版本' },
  'plan-day-over': { en: 'plan {{planId}} is for {{day}}, which is over', 'zh-CN': '计划 {{planId}} 针对的日期 {{day}} 已过去' },
  'no-site-to-steer': { en: 'no site {{siteId}} you may steer', 'zh-CN': '没有您可调控的用户 {{siteId}}' },
  'no-gateway': { en: 'site {{siteId}} has no unit with an active gateway to command', 'zh-CN': '用户 {{siteId}} 没有可接收指令的在线网关机组' },
  'override-end-past': {
    en: 'toMs: {{toIso}} is not in the future (platform time {{nowIso}})',
    'zh-CN': '结束时间 {{toIso}} 不晚于当前平台时间 {{nowIso}}',
  },
  'override-invalid': { en: '{{detail}}', 'zh-CN': '人工干预参数有误：{{detail}}' },
  'alarm-ack-not-allowed-site': {
    en: 'you may see alarm {{alarmId}} but not acknowledge it: that needs device:command on site {{siteId}}',
    'zh-CN': '您可以查看告警 {{alarmId}}，但无权确认：需要对用户 {{siteId}} 的设备指令权限',
  },
  'alarm-ack-not-allowed-transformer': {
    en: 'you may see alarm {{alarmId}} but not acknowledge it: that needs device:command on every site behind transformer {{transformerId}}',
    'zh-CN': '您可以查看告警 {{alarmId}}，但无权确认：需要对变压器 {{transformerId}} 下所有用户的设备指令权限',
  },
  'alarm-acknowledged-already': { en: 'alarm {{alarmId}} was acknowledged already by {{by}} at {{atIso}}', 'zh-CN': '告警 {{alarmId}} 已由 {{by}} 于 {{atIso}} 确认' },
  'alarm-acknowledged-just-now': { en: 'alarm {{alarmId}} was acknowledged by someone else just now', 'zh-CN': '告警 {{alarmId}} 刚刚已被他人确认' },
  'no-village-in-scope': { en: 'no village {{villageId}} with transformers in your scope', 'zh-CN': '您的权限范围内没有带变压器的村 {{villageId}}' },
  'may-not-steer-village': { en: 'you may not steer every household of village {{villageId}}', 'zh-CN': '您无权调控村 {{villageId}} 的全部住户' },
  'dr-no-forecast': { en: 'planning is unavailable: no weather forecast is configured', 'zh-CN': '无法制定计划：尚未配置天气预报' },
  'dr-event-exists': { en: 'demand-response event {{eventId}} exists already', 'zh-CN': '需求响应事件 {{eventId}} 已存在' },
  'dr-window-started': {
    en: 'the window {{day}} {{from}}–{{to}} has already started; an event must be offered before its window',
    'zh-CN': '时段 {{day}} {{from}}–{{to}} 已经开始；需求响应事件须在时段开始前提出',
  },
  'dr-not-offered': {
    en: 'event {{eventId}} is {{status}}; only an offered event can be committed', 'zh-CN': '事件 {{eventId}} 当前为“{{status}}”，只有待确认的事件才能承诺',
    terms: { status: { offered: { en: 'offered', 'zh-CN': '待确认' }, committed: { en: 'committed', 'zh-CN': '已承诺' }, cancelled: { en: 'cancelled', 'zh-CN': '已取消' }, completed: { en: 'completed', 'zh-CN': '已完成' } } },
  },
  'dr-commit-window-started': { en: 'the window of event {{eventId}} has started; it can no longer be committed', 'zh-CN': '事件 {{eventId}} 的时段已经开始，不能再承诺' },
  'dr-no-flexibility': {
    en: 'village {{villageId}} has no flexibility left for this window without breaking comfort', 'zh-CN': '村 {{villageId}} 在此时段已没有不影响舒适度的可调节能力',
  },
  'dr-not-cancellable': {
    en: 'event {{eventId}} is {{status}}; it can no longer be cancelled', 'zh-CN': '事件 {{eventId}} 当前为“{{status}}”，不能再取消',
    terms: { status: { cancelled: { en: 'cancelled', 'zh-CN': '已取消' }, completed: { en: 'completed', 'zh-CN': '已完成' } } },
  },
  'dr-no-plan': {
    en: 'no plan for {{day}} on transformer {{transformerId}}: create (and dispatch) the day-ahead plan first — the plan is the baseline an event is measured against',
    'zh-CN': '变压器 {{transformerId}} 在 {{day}} 没有调度计划：请先制定（并下发）日前计划——需求响应以该计划为基线衡量',
  },
  'dr-plan-not-whole-day': { en: 'plan {{planId}} does not cover a whole day in slots', 'zh-CN': '计划 {{planId}} 的时段未覆盖完整一天' },
  'dr-cancel-window-over': { en: 'the window of event {{eventId}} is over; it can no longer be cancelled', 'zh-CN': '事件 {{eventId}} 的时段已经结束，不能再取消' },
} as const satisfies TextCatalogue;
export type ApiErrorTextCode = keyof typeof API_ERROR_TEXTS;
