import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtNumber, fmtPowerKw } from '../../format/format.js';
import type { PlanSummary } from './dispatch-api.js';
import { useServerText } from '../../i18n/server-texts.js';
import { planIssueTexts, planReasonText } from './dispatch-texts.js';
import { slotLabel } from './slot-time.js';

const STATUS_COLOURS: Record<PlanSummary['status'], string> = { planned: 'blue', dispatched: 'green', replaced: 'default' };

/** Every revision of the day's plans: the day-ahead plan and each replan with the drift that caused it. */
export function PlanRevisions({ plans, loading }: { plans: readonly PlanSummary[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const srv = useServerText();
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
            key: 'reason',
            width: 360,
            render: (_, p) => {
              if (p.reason === 'day-ahead') return t('dispatch.dayAhead');
              const r = planReasonText(p, srv, lang);
              return <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: r }} data-testid="plan-reason" data-code={p.reasonRef?.code}>{r}</Typography.Paragraph>;
            },
          },
          { title: t('dispatch.status'), dataIndex: 'status', render: (s: PlanSummary['status']) => <Tag color={STATUS_COLOURS[s]} data-testid="plan-status">{t(`dispatch.planStatus.${s}`)}</Tag> },
          { title: t('dispatch.plannedCost'), dataIndex: 'costYuan', align: 'right', render: (v: number) => `${fmtNumber(v, lang, 1)} ${t('dispatch.yuan')}` },
          { title: t('dispatch.peakLoad'), key: 'peak', align: 'right', render: (_, p) => `${fmtPowerKw(p.peakLoadW, lang)} / ${fmtPowerKw(p.capacityW, lang)}` },
          { title: t('dispatch.comfortKh'), dataIndex: 'comfortDeficitKh', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
          { title: t('dispatch.tariff'), dataIndex: 'tariffId', render: (id: string) => t(`dispatch.tariffName.${id}`, { defaultValue: id }) },
          { title: t('dispatch.createdAt'), key: 'created', render: (_, p) => `${fmtDateTime(p.createdAtMs, lang)} · ${p.createdBy === 'system' ? t('dispatch.system') : p.createdBy}` },
          { title: t('dispatch.issues'), key: 'issues', width: 320, render: (_, p) => { const is = planIssueTexts(p, srv); const sep = lang === 'en' ? '; ' : '；'; return is.length ? <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: is.join(sep) }} data-testid="plan-issues">{is.join(sep)}</Typography.Paragraph> : '—'; } },
        ]}
      />
    </Card>
  );
}
