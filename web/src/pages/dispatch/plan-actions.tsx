import { Button, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../api/client.js';
import { dispatchPaths, type PlanSummary } from './dispatch-api.js';
import { TariffPicker } from './tariff-picker.js';

/** The newest revision per transformer: the plan that would be (or was) sent. */
export const currentPlans = (plans: readonly PlanSummary[]): PlanSummary[] => {
  const best = new Map<string, PlanSummary>();
  for (const p of plans) {
    const b = best.get(p.transformerId);
    if (!b || p.revision > b.revision) best.set(p.transformerId, p);
  }
  return [...best.values()];
};

/** Create the day-ahead plan for the village and day, priced with the chosen tariff preset; dispatch the current plans that are not yet sent. */
export function PlanActions({ villageId, day, plans, onChanged, onError }: {
  villageId: string;
  day: string;
  plans: readonly PlanSummary[];
  onChanged: () => void;
  onError: (e: ApiError | undefined) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'plan' | 'dispatch'>();
  const [done, setDone] = useState<string>();
  const [tariffId, setTariffId] = useState<string>();
  const toDispatch = currentPlans(plans).filter((p) => p.status === 'planned');

  const run = async (what: 'plan' | 'dispatch'): Promise<void> => {
    setBusy(what);
    onError(undefined);
    setDone(undefined);
    try {
      if (what === 'plan') await apiRequest(dispatchPaths.createPlan(), { method: 'POST', body: { villageId, day, ...(tariffId ? { tariffId } : {}) } });
      else for (const p of toDispatch) await apiRequest(dispatchPaths.dispatchPlan(p.id), { method: 'POST', body: {} });
      setDone(what === 'plan' ? t('dispatch.planCreated') : t('dispatch.planDispatched', { count: toDispatch.length }));
    } catch (err) {
      onError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
    } finally {
      setBusy(undefined);
      onChanged();
    }
  };

  return (
    <Flex gap={8} align="center">
      {done && <Typography.Text type="success" data-testid="plan-action-done">{done}</Typography.Text>}
      <TariffPicker value={tariffId} onChange={setTariffId} />
      <Popconfirm title={t(plans.length ? 'dispatch.replanConfirm' : 'dispatch.planConfirm')} onConfirm={() => void run('plan')} okText={t('dispatch.ok')} cancelText={t('dispatch.cancel')}>
        <Button loading={busy === 'plan'} data-testid="create-plan">{t(plans.length ? 'dispatch.replan' : 'dispatch.createPlan')}</Button>
      </Popconfirm>
      <Popconfirm title={t('dispatch.dispatchConfirm', { count: toDispatch.length })} onConfirm={() => void run('dispatch')} okText={t('dispatch.ok')} cancelText={t('dispatch.cancel')} disabled={toDispatch.length === 0}>
        <Button type="primary" disabled={toDispatch.length === 0} loading={busy === 'dispatch'} data-testid="dispatch-plan">{t('dispatch.dispatchPlan')}</Button>
      </Popconfirm>
    </Flex>
  );
}
