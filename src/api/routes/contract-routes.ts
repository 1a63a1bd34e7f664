/**
 * Heating fee contracts (src/optimize/contracts/contracts.md), read-only: the presets an operator can settle a
 * fleet's season with, for operators and regulators (administrators see everything).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HeatingContractViewSchema, type HeatingContractView } from '../../contract/heating-contracts.js';
import { listParam, type TextRef } from '../../contract/texts/index.js';
import type { Role } from '../../domain/roles.js';
import { CONTRACT_PRESETS, seasonDays, type FeeTerm, type HeatingFeeContract } from '../../optimize/index.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';

/** Contract terms are commercial: operators and regulators read them, households and technicians do not. */
const CONTRACT_READERS: readonly Role[] = ['admin', 'regulator', 'operator-admin'];

const feeView = (f: FeeTerm): HeatingContractView['fees'][number] => {
  switch (f.kind) {
    case 'per-area-season': return { ...f, textRef: { code: 'fee-per-area-season', params: { yuanPerM2PerSeason: f.yuanPerM2PerSeason } } };
    case 'per-heat': return { ...f, textRef: { code: 'fee-per-heat', params: { yuanPerKWhHeat: f.yuanPerKWhHeat } } };
    case 'fixed-season': return { ...f, textRef: { code: 'fee-fixed-season', params: { yuanPerHouseholdPerSeason: f.yuanPerHouseholdPerSeason } } };
  }
};

function contractView(c: HeatingFeeContract): HeatingContractView {
  const g = c.comfortGuarantee;
  const guaranteeRef: TextRef = g
    ? { code: 'guarantee', params: { indoorTempC: g.indoorTempC, hours: listParam(g.hours.map((w) => `${w.fromLocal}–${w.toLocal}`)), refundYuanPerKh: g.refundYuanPerKh, refundCapPct: g.refundCapPct } }
    : { code: 'no-guarantee', params: {} };
  return {
    id: c.id, name: c.name, nameRef: { code: `${c.id}-name`, params: {} }, status: c.status, note: c.note, noteRef: { code: `${c.id}-note`, params: {} }, sources: [...c.sources],
    businessModel: c.businessModel, businessModelRef: { code: `model-${c.businessModel}`, params: {} }, electricityPaidBy: c.businessModel === 'heating-fee' ? 'operator' : 'household',
    season: { ...c.season, days: seasonDays(c.season) }, fees: c.fees.map(feeView),
    serviceFeeYuanPerHouseholdPerSeason: c.serviceFeeYuanPerHouseholdPerSeason,
    serviceFeeRef: c.serviceFeeYuanPerHouseholdPerSeason > 0 ? { code: 'service-fee', params: { yuanPerHouseholdPerSeason: c.serviceFeeYuanPerHouseholdPerSeason } } : null,
    comfortGuarantee: g ? { indoorTempC: g.indoorTempC, hours: g.hours.map((w) => ({ ...w })), refundYuanPerKh: g.refundYuanPerKh, refundCapPct: g.refundCapPct } : null,
    guaranteeRef,
  };
}

export function contractRoutes(app: FastifyInstance, _deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/contracts',
    {
      schema: {
        tags: ['optimise'],
        summary: 'Heating fee contract presets (operators and regulators): business model, fee terms, comfort guarantee and refund rule, sources and verification status',
        response: { 200: z.object({ items: z.array(HeatingContractViewSchema) }) },
      },
    },
    (req) => {
      const c = requireAction(req, 'fleet:read');
      if (!CONTRACT_READERS.includes(c.principal.role)) throw new ApiError('forbidden', 'heating fee contracts are for operators and regulators');
      return { items: Object.values(CONTRACT_PRESETS).map(contractView) };
    },
  );
}
