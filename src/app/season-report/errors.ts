/** Expected failures of the season-report use cases; the HTTP adapter maps the code to a status. */
export type SeasonReportErrorCode = 'bad_request' | 'not_found' | 'forbidden';

export class SeasonReportError extends Error {
  constructor(readonly code: SeasonReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Query parameter names for the FleetFilter fields (so a refused value names what the caller sent). */
const FILTER_PARAMS: Readonly<Record<string, string>> = {
  villageIds: 'village', programmeIds: 'programme', manufacturers: 'manufacturer', models: 'model', unitTypes: 'unitType',
  capacityControls: 'capacityControl', emitters: 'emitter', capacityKw: 'minCapacityKw/maxCapacityKw', installationYears: 'installedFrom/installedTo',
};

/** Runs `fn`; an Error from a fleet-eval parse ("invalid …: path: message") becomes a bad_request naming the field. */
export function asBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (!msg.startsWith('invalid ')) throw e;
    const named = msg.replace(/\b(villageIds|programmeIds|manufacturers|models|unitTypes|capacityControls|emitters|capacityKw|installationYears)\b/g, (k) => FILTER_PARAMS[k] ?? k);
    throw new SeasonReportError('bad_request', named, { cause: e });
  }
}
