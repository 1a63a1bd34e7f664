import { useEffect, useState } from 'react';
import { ApiError, apiRequest } from '../../api/client.js';
import { apiPath, type CreditListWire, type CreditRuleWire } from '../performance/api.js';
import { scopeQuery, type Scope } from '../performance/scope.js';

export interface CreditListState { data: CreditListWire | undefined; error: ApiError | undefined; loading: boolean }

/** The credit list under the default rules (GET), or under the regulator's own rules (POST with the rules as body). */
export function useCreditList(scope: Scope, rules: CreditRuleWire[] | null): CreditListState {
  const [state, setState] = useState<CreditListState>({ data: undefined, error: undefined, loading: true });
  const path = `${apiPath('creditList')}${scopeQuery(scope)}`;
  const body = rules ? JSON.stringify({ rules }) : null;
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    const req = body === null ? apiRequest<CreditListWire>(path, { signal: ctrl.signal }) : apiRequest<CreditListWire>(path, { method: 'POST', body: JSON.parse(body) as unknown, signal: ctrl.signal });
    req
      .then((data) => setState({ data, error: undefined, loading: false }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState((s) => ({ data: s.data, error: err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)), loading: false }));
      });
    return () => ctrl.abort();
  }, [path, body]);
  return state;
}
