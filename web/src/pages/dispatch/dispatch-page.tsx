import { Alert, Button, Empty, Flex, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetOverview, SiteList } from '../../../../src/contract/api.js';
import type { ApiError } from '../../api/client.js';
import { query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { may, useUser } from '../../auth/session.js';
import { ApiErrorView } from '../../components/api-error.js';
import { Loading } from '../../components/loading.js';
import { navigate, useLocation } from '../../router/router.js';
import { itemsOf } from '../ops/list-response.js';
import { AlarmsList } from './alarms-list.js';
import { CommandsTable } from './commands-table.js';
import { dispatchPaths, type PlanSummary, type PlanVsActual } from './dispatch-api.js';
import { OverrideForm } from './override-form.js';
import { PlanActions } from './plan-actions.js';
import { PlanRevisions } from './plan-revisions.js';
import { shanghaiDay } from './slot-time.js';
import { TransformerCard } from './transformer-card.js';
import { useReloadOn } from './use-reload-on.js';
import { VillageDayPicker } from './village-day-picker.js';

/**
 * 调度: plan vs actual per village and day — transformer loading against its rating, cost, comfort, plan
 * revisions — with the commands sent, dispatch alarms and per-household overrides. Steering needs
 * `device:command`; everyone else who can see the village reads only.
 */
export function DispatchPage() {
  const { t } = useTranslation();
  const user = useUser();
  const canCommand = may(user, 'device:command');
  const { params } = useLocation();
  const overview = useApi<FleetOverview>('/fleet/overview');
  const villages = useMemo(() => overview.data?.villages ?? [], [overview.data]);
  const villageId = params.get('villageId') ?? villages[0]?.id ?? '';
  const day = params.get('day') ?? (overview.data ? shanghaiDay(overview.data.clockMs) : '');
  const ready = villageId !== '' && day !== '';

  const [reloadKey, setReloadKey] = useState(0);
  const bump = useCallback(() => setReloadKey((k) => k + 1), []);
  const sites = useApi<SiteList>(ready ? `/sites${query({ villageId, pageSize: 500 })}` : null);
  const pva = useApi<PlanVsActual>(ready ? dispatchPaths.planVsActual(villageId, day) : null);
  const plans = useApi<{ items: PlanSummary[] } | PlanSummary[]>(ready ? dispatchPaths.plans(villageId, day) : null);
  useReloadOn(reloadKey, pva.reload);
  useReloadOn(reloadKey, plans.reload);
  const [actionError, setActionError] = useState<ApiError>();
  const [overrideSite, setOverrideSite] = useState<string | null>(null);

  const siteNames = useMemo(() => new Map((sites.data?.items ?? []).map((s) => [s.id, s.name])), [sites.data]);
  const planList = useMemo(() => itemsOf(plans.data), [plans.data]);

  if (overview.loading && !overview.data) return <Loading />;
  if (overview.error && !overview.data) return <ApiErrorView error={overview.error} onRetry={overview.reload} />;
  const choose = (next: { villageId: string; day: string }) => navigate(`/dispatch${query(next)}`, { replace: true });
  // No plan for the day is a normal answer (no transformers planned); 404 means the village is not in scope.
  const noPlan = pva.data !== undefined && pva.data.transformers.length === 0 && !pva.error;

  return (
    <Flex vertical gap={16} data-testid="dispatch-page" data-village-id={villageId} data-day={day}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('dispatch.title')}</Typography.Title>
        <Flex gap={16} align="center" wrap>
          <VillageDayPicker villages={villages} villageId={villageId} day={day} onChange={choose} />
          {canCommand && ready && <PlanActions villageId={villageId} day={day} plans={planList} onChanged={bump} onError={setActionError} />}
          {canCommand && ready && <Button onClick={() => setOverrideSite('')} data-testid="open-override">{t('dispatch.override')}</Button>}
        </Flex>
      </Flex>
      {!canCommand && <Alert type="info" showIcon title={t('dispatch.readOnly')} data-testid="dispatch-read-only" />}
      {actionError && <ApiErrorView error={actionError} />}
      {villages.length === 0 && <Empty description={t('dispatch.noVillages')} />}
      {pva.loading && !pva.data && !pva.error && <Loading />}
      {pva.error && <ApiErrorView error={pva.error} onRetry={pva.reload} />}
      {noPlan && <Empty data-testid="no-plan" description={t(canCommand ? 'dispatch.noPlanCreate' : 'dispatch.noPlan', { day })} />}
      {!pva.error &&
        pva.data?.transformers.map((tr) => (
          <TransformerCard key={tr.transformerId} tr={tr} siteNames={siteNames} canOverride={canCommand} onOverride={(id) => setOverrideSite(id)} />
        ))}
      {planList.length > 0 && <PlanRevisions plans={planList} loading={plans.loading} />}
      {ready && <CommandsTable villageId={villageId} day={day} siteNames={siteNames} reloadKey={reloadKey} />}
      {ready && <AlarmsList villageId={villageId} day={day} siteNames={siteNames} canAcknowledge={canCommand} reloadKey={reloadKey} />}
      {canCommand && (
        <OverrideForm
          open={overrideSite !== null}
          siteId={overrideSite || undefined}
          siteNames={siteNames}
          onClose={() => setOverrideSite(null)}
          onDone={() => {
            setOverrideSite(null);
            bump();
          }}
        />
      )}
    </Flex>
  );
}
