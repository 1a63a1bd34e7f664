import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtNumber, fmtPowerKw } from '../../format/format.js';
import type { PlanSummary } from './dispatch-api.js';
import { slotLabel } from './slot-time.js';

const STATUS_COLOURS: Record<PlanSummary['status'], string> = { planned: 'blue', dispatched: 'green', replaced: 'default' };

/** Every revision of the day's plans: the day-ahead plan and each replan with the drift that caused it. */
export function PlanRevisions({ plans, loading }: { plans: readonly PlanSummary[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = [...plans].sort((a, b) => a.transformerId.localeCompare(b.transformerId) || b.revision - a.revision);
  return (
    <Card size="small" title={t('dispatch.revisions')} data-testid="plan-revisions">
      <Table<PlanSummary>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t('dispatch.noPlans') }}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('dispatch.transformer'), dataIndex: 'transformerId' },
          { title: t('dispatch.revision'), dataIndex: 'revision', align: 'right', width: 80 },
          { title: t('dispatch.fromSlot'), dataIndex: 'fromSlot', width: 90, render: (s: number, p) => slotLabel(p.dayStartMs, p.slotS, s) },
          {
            title: t('dispatch.reason'),
            dataIndex: 'reason',
            width: 360,
            render: (r: string) => (r === 'day-ahead' ? t('dispatch.dayAhead') : <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: r }}>{r}</Typography.Paragraph>),
          },
          { title: t('dispatch.status'), dataIndex: 'status', render: (s: PlanSummary['status']) => <Tag color={STATUS_COLOURS[s]} data-testid="plan-status">{t(`dispatch.planStatus.${s}`)}</Tag> },
          { title: t('dispatch.plannedCost'), dataIndex: 'costYuan', align: 'right', render: (v: number) => `${fmtNumber(v, lang, 1)} ${t('dispatch.yuan')}` },
          { title: t('dispatch.peakLoad'), key: 'peak', align: 'right', render: (_, p) => `${fmtPowerKw(p.peakLoadW, lang)} / ${fmtPowerKw(p.capacityW, lang)}` },
          { title: t('dispatch.comfortKh'), dataIndex: 'comfortDeficitKh', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
          { title: t('dispatch.tariff'), dataIndex: 'tariffId' },
          { title: t('dispatch.createdAt'), key: 'created', render: (_, p) => `${fmtDateTime(p.createdAtMs, lang)} · ${p.createdBy === 'system' ? t('dispatch.system') : p.createdBy}` },
          { title: t('dispatch.issues'), dataIndex: 'issues', width: 320, render: (is: string[]) => (is.length ? <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: is.join('; ') }}>{is.join('; ')}</Typography.Paragraph> : '—') },
        ]}
      />
    </Card>
  );
}
