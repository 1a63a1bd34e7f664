import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AfterSalesQuerySchema, AfterSalesSchema, ComparisonQuerySchema, ComparisonSchema, CreditListBodySchema, CreditListQuerySchema, CreditListSchema, DistributionQuerySchema,
  DistributionSchema, ExportQuerySchema, FleetTableQuerySchema, FleetTableSchema, InfluenceQuerySchema, InfluenceSchema, RankingQuerySchema, RankingSchema,
  SEASON_REPORT_PATHS as P, ShortfallQuerySchema, ShortfallRankingSchema, UnitReportQuerySchema, UnitReportSchema,
} from '../../contract/season-report.js';
import type { Principal } from '../../app/authorize.js';
import { SeasonReportError } from '../../app/season-report/errors.js';
import { seasonCsv } from '../../app/season-report/export-csv.js';
import { seasonHtml } from '../../app/season-report/export-html.js';
import { seasonXlsx } from '../../app/season-report/export-xlsx.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const TAGS = ['performance'];

/** Runs a season-report use case for the caller; its expected failures become HTTP errors. */
async function asCaller<T>(req: FastifyRequest, fn: (p: Principal) => Promise<T>): Promise<T> {
  const c = requireAction(req, 'fleet:read');
  try {
    return await fn(c.principal);
  } catch (e) {
    if (e instanceof SeasonReportError) throw new ApiError(e.code, e.message, undefined, { cause: e });
    throw e;
  }
}

const fileName = (from: string, ext: string) => `heatfleet-season-report-${from}.${ext}`;
const attach = (reply: FastifyReply, type: string, name: string) => reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`);

/** Season reports and post-evaluation (docs/analytics/reports.md, docs/api.md). */
export function seasonRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = deps.seasonReports;
  r.get(P.units, { schema: { tags: TAGS, summary: 'Fleet table of the season report: every KPI per unit with its boundary, filtered, sorted and paged (period, boundary and population named)', querystring: FleetTableQuerySchema, response: { 200: FleetTableSchema } } },
    (req) => asCaller(req, (p) => s.fleetTable(p, req.query)));
  r.get(P.unit, { schema: { tags: TAGS, summary: 'One unit\'s season report: all KPIs with boundaries and reasons, data quality, expected vs actual from the digital twin with likely causes. The twin runs in a worker thread: until its result is ready, expectedVsActual is null and expectedVsActualStatus.state is "computing" with retryAfterMs (ask again)', params: IdParams, querystring: UnitReportQuerySchema, response: { 200: UnitReportSchema } } },
    (req) => asCaller(req, (p) => s.unitReport(p, req.params.id, req.query)));
  r.get(P.distribution, { schema: { tags: TAGS, summary: 'Distribution (quantiles, histogram) of one KPI over the filtered fleet', querystring: DistributionQuerySchema, response: { 200: DistributionSchema } } },
    (req) => asCaller(req, (p) => s.distribution(p, req.query)));
  r.get(P.comparison, { schema: { tags: TAGS, summary: 'Side-by-side comparison of chosen units (up to 50)', querystring: ComparisonQuerySchema, response: { 200: ComparisonSchema } } },
    (req) => asCaller(req, (p) => s.comparison(p, req.query)));
  r.get(P.expectedVsActual, { schema: { tags: TAGS, summary: 'Units ranked by their shortfall against the digital twin in the same weather. Twin runs go to a worker thread and are cached per unit, period and data; the answer comes within about 1.5 s with the units ready so far and `twin` progress (state computing|complete, done/total, retryAfterMs): ask again until complete', querystring: ShortfallQuerySchema, response: { 200: ShortfallRankingSchema } } },
    (req) => asCaller(req, (p) => s.shortfall(p, req.query)));
  r.get(P.influenceFactors, { schema: { tags: TAGS, summary: 'Key influence factors of seasonal performance (regression with HC3 errors, VIF, bootstrap contrasts); not for households', querystring: InfluenceQuerySchema, response: { 200: InfluenceSchema } } },
    (req) => asCaller(req, (p) => s.influence(p, req.query)));
  r.get(P.rankings, { schema: { tags: TAGS, summary: 'Model or manufacturer ranking by median measured SPF with minimum-data rules; operators: their own fleet; not for households', querystring: RankingQuerySchema, response: { 200: RankingSchema } } },
    (req) => asCaller(req, (p) => s.rankings(p, req.query)));
  r.get(P.creditList, { schema: { tags: TAGS, summary: 'Credit list under the default rules (data/credit-rules.json) with the evidence behind every entry; not for households', querystring: CreditListQuerySchema, response: { 200: CreditListSchema } } },
    (req) => asCaller(req, (p) => s.creditList(p, req.query)));
  r.post(P.creditList, { schema: { tags: TAGS, summary: 'Credit list under rules posted in the body (regulators and admin)', querystring: CreditListQuerySchema, body: CreditListBodySchema, response: { 200: CreditListSchema } } },
    (req) => asCaller(req, (p) => s.creditList(p, req.query, req.body.rules)));
  r.get(P.afterSales, { schema: { tags: TAGS, summary: 'After-sales metrics from reported fault codes, per model or manufacturer; not for households', querystring: AfterSalesQuerySchema, response: { 200: AfterSalesSchema } } },
    (req) => asCaller(req, (p) => s.afterSales(p, req.query)));

  r.get(P.csv, { schema: { tags: TAGS, summary: 'Season report as CSV: one row per unit; `#` lines before the header name period, boundaries and population; English keys as headers unless lang=zh-CN', querystring: ExportQuerySchema } },
    async (req, reply) => {
      const b = await asCaller(req, (p) => s.bundle(p, req.query));
      return attach(reply, 'text/csv; charset=utf-8', fileName(b.table.period.from, 'csv')).send(seasonCsv(b.table, req.query.lang));
    });
  r.get(P.xlsx, { schema: { tags: TAGS, summary: 'Season report as XLSX: units, rankings, credit list with evidence, influence factors, after-sales, method notes', querystring: ExportQuerySchema } },
    async (req, reply) => {
      const b = await asCaller(req, (p) => s.bundle(p, req.query));
      const bytes = await seasonXlsx(b, req.query.lang);
      return attach(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(b.table.period.from, 'xlsx')).send(Buffer.from(bytes));
    });
  r.get(P.html, { schema: { tags: TAGS, summary: 'Season report as a printable HTML page (lang=en or zh-CN)', querystring: ExportQuerySchema } },
    async (req, reply) => {
      const b = await asCaller(req, (p) => s.bundle(p, req.query));
      return reply.header('content-type', 'text/html; charset=utf-8').send(seasonHtml(b, req.query.lang));
    });
}
