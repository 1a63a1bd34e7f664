import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AuditEntryViewSchema } from '../../../../src/contract/api.js';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtDateTime } from '../../format/format.js';
import { itemsOf } from './list-response.js';

type AuditEntry = z.infer<typeof AuditEntryViewSchema>;
const OUTCOME_COLOR: Record<AuditEntry['outcome'], string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** Who did what, to what, and whether it was allowed. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState(200);
  const { data, error, loading, reload } = useApi<{ items: AuditEntry[] } | AuditEntry[]>(`/audit?limit=${limit}`);
  const lang = i18n.language;
  return (
    <Flex vertical gap={16} data-testid="audit-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('audit.title')}</Typography.Title>
        <Select value={limit} onChange={setLimit} style={{ width: 140 }} options={[100, 200, 500, 1000].map((n) => ({ value: n, label: t('common.latestN', { count: n }) }))} />
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <Card size="small">
        <Table<AuditEntry>
          size="small"
          loading={loading}
          rowKey={(a) => `${a.atMs}|${a.actor}|${a.action}|${a.target}|${a.detail}`}
          dataSource={itemsOf(data)}
          locale={{ emptyText: t('audit.empty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('audit.at'), dataIndex: 'atMs', render: (ms: number) => fmtDateTime(ms, lang, true) },
            { title: t('audit.actor'), dataIndex: 'actor' },
            { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
            { title: t('audit.target'), dataIndex: 'target' },
            { title: t('audit.outcome'), dataIndex: 'outcome', render: (o: AuditEntry['outcome']) => <Tag color={OUTCOME_COLOR[o]}>{t(`audit.outcome_${o}`)}</Tag> },
            { title: t('audit.detail'), dataIndex: 'detail', ellipsis: true },
          ]}
        />
      </Card>
    </Flex>
  );
}
