/**
 * Dispatch over HTTP (docs/dispatch.md, docs/api.md): plans per transformer and day, their dispatch as schedule
 * uploads, household overrides (audited; they win over the plan until they expire), commands with their delivery
 * states, dispatch alarms and plan vs actual per village. Scope is decided in src/app (authorize.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcknowledgeAlarmSchema, AlarmIdSchema, AlarmListQuerySchema, CommandListQuerySchema, CommandViewSchema, CreatePlanSchema, DispatchAlarmViewSchema, OverrideSchema, PlanDetailSchema,
  PlanListQuerySchema, PlanSummarySchema, PlanVsActualQuerySchema, PlanVsActualSchema, TariffPresetViewSchema,
} from '../../contract/commands-api.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorText } from '../errors.js';

const PlanParams = z.object({ id: z.string().min(1).max(120) });
const CommandParams = z.object({ id: z.string().min(1).max(80) });
const VillageParams = z.object({ id: z.string().min(1).max(64) });
const AlarmParams = z.object({ id: AlarmIdSchema });
const TAGS = ['dispatch'];

export function dispatchRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = deps.dispatch.service;

  r.post(
    '/api/v1/dispatch/plans',
    { schema: { tags: TAGS, summary: 'Plan a village (each of its transformers) or one transformer for a day: 96 slots of power per household under the transformer limit, tariff-aware, comfort-first', body: CreatePlanSchema, response: { 201: z.object({ items: z.array(PlanSummarySchema) }) } } },
    async (req, reply) => {
      const c = requireAction(req, 'device:command');
      const res = await svc.createPlans(c.principal, req.body);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      void reply.code(201);
      return { items: res.value };
    },
  );
  r.get(
    '/api/v1/dispatch/plans',
    { schema: { tags: TAGS, summary: 'Plan revisions of transformers whose every site you may see, newest first', querystring: PlanListQuerySchema, response: { 200: z.object({ items: z.array(PlanSummarySchema) }) } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      return { items: await svc.listPlans(c.principal, req.query) };
    },
  );
  r.get(
    '/api/v1/dispatch/plans/:id',
    { schema: { tags: TAGS, summary: 'One plan revision with prices, capacity and every household\'s planned power and room temperature per slot', params: PlanParams, response: { 200: PlanDetailSchema } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const plan = await svc.getPlan(c.principal, req.params.id);
      if (!plan) throw new ApiError('not_found', `no plan ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'plan', id: req.params.id }) });
      return plan;
    },
  );
  r.post(
    '/api/v1/dispatch/plans/:id/dispatch',
    { schema: { tags: TAGS, summary: 'Send the plan to the devices as schedule uploads (one per household, from the current slot; overridden households are skipped)', params: PlanParams, response: { 200: z.object({ planId: z.string(), commands: z.array(CommandViewSchema) }) } } },
    async (req) => {
      const c = requireAction(req, 'device:command');
      const res = await svc.dispatchPlan(c.principal, req.params.id);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      return res.value;
    },
  );
  r.post(
    '/api/v1/dispatch/overrides',
    { schema: { tags: TAGS, summary: 'Override a household: a setpoint or SG-Ready-like run permission for a window; wins over the plan until it expires; audited', body: OverrideSchema, response: { 201: CommandViewSchema } } },
    async (req, reply) => {
      const c = requireAction(req, 'device:command');
      const res = await svc.override(c.principal, req.body);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      void reply.code(201);
      return res.value;
    },
  );
  r.get(
    '/api/v1/dispatch/commands',
    { schema: { tags: TAGS, summary: 'Commands to devices of sites you may see (households: their own), newest first, with delivery state', querystring: CommandListQuerySchema, response: { 200: z.object({ items: z.array(CommandViewSchema) }) } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      return { items: await svc.listCommands(c.principal, req.query) };
    },
  );
  r.get(
    '/api/v1/dispatch/commands/:id',
    { schema: { tags: TAGS, summary: 'One command and its delivery state', params: CommandParams, response: { 200: CommandViewSchema } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const cmd = await svc.getCommand(c.principal, req.params.id);
      if (!cmd) throw new ApiError('not_found', `no command ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'command', id: req.params.id }) });
      return cmd;
    },
  );
  r.get(
    '/api/v1/dispatch/alarms',
    { schema: { tags: TAGS, summary: 'Dispatch alarms (devices not acknowledging, rejections, replans, plan issues) in your scope, newest first; filter by village, local day and open/acknowledged', querystring: AlarmListQuerySchema, response: { 200: z.object({ items: z.array(DispatchAlarmViewSchema) }) } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      return { items: await svc.listAlarms(c.principal, req.query) };
    },
  );
  r.post(
    '/api/v1/dispatch/alarms/:id/acknowledge',
    { schema: { tags: TAGS, summary: 'Mark an alarm as seen/handled with a note (who and when are recorded; audited). Needs device:command on the alarm\'s household or transformer', params: AlarmParams, body: AcknowledgeAlarmSchema, response: { 200: DispatchAlarmViewSchema } } },
    async (req) => {
      const c = requireAction(req, 'device:command');
      const res = await svc.acknowledgeAlarm(c.principal, req.params.id, req.body.note);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      return res.value;
    },
  );
  r.get(
    '/api/v1/dispatch/tariffs',
    { schema: { tags: TAGS, summary: 'Tariff presets a plan can be priced with: windows, prices, subsidy and cap, sources, and whether every number is verified', response: { 200: z.object({ items: z.array(TariffPresetViewSchema) }) } } },
    async (req) => {
      requireAction(req, 'fleet:read');
      return { items: svc.tariffs() };
    },
  );
  r.get(
    '/api/v1/dispatch/villages/:id/plan-vs-actual',
    { schema: { tags: TAGS, summary: 'Plan vs actual of a village for a day: transformer loading per slot planned and measured, cost, comfort, overrides', params: VillageParams, querystring: PlanVsActualQuerySchema, response: { 200: PlanVsActualSchema } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const view = await deps.dispatch.planVsActual(c.principal, req.params.id, req.query.day);
      if (!view) throw new ApiError('not_found', `no transformer of village ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'village-transformer', id: req.params.id }) });
      return view;
    },
  );
}
