import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { DeadLetterViewSchema } from '../../../../src/contract/api.js';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtDateTime } from '../../format/format.js';
import { itemsOf } from './list-response.js';

type DeadLetter = z.infer<typeof DeadLetterViewSchema>;

/** Payloads the ingest refused, newest first, with the reason for each. */
export function DeadLettersPage() {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState(200);
  const { data, error, loading, reload } = useApi<{ items: DeadLetter[] } | DeadLetter[]>(`/dead-letters?limit=${limit}`);
  const lang = i18n.language;
  return (
    <Flex vertical gap={16} data-testid="dead-letters-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('deadLetters.title')}</Typography.Title>
        <Select value={limit} onChange={setLimit} style={{ width: 140 }} options={[100, 200, 500, 1000].map((n) => ({ value: n, label: t('common.latestN', { count: n }) }))} />
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <Card size="small">
        <Table<DeadLetter>
          size="small"
          loading={loading}
          rowKey={(d) => `${d.receivedAtMs}|${d.senderId ?? ''}|${d.topic ?? ''}|${d.reason}|${d.payload.slice(0, 40)}`}
          dataSource={itemsOf(data)}
          locale={{ emptyText: t('deadLetters.empty') }}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (d) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{d.payload}</pre> }}
          columns={[
            { title: t('deadLetters.receivedAt'), dataIndex: 'receivedAtMs', render: (ms: number) => fmtDateTime(ms, lang, true) },
            { title: t('deadLetters.source'), dataIndex: 'source', render: (s: string) => <Tag>{s.toUpperCase()}</Tag> },
            { title: t('deadLetters.sender'), dataIndex: 'senderId', render: (s: string | null) => s ?? '—' },
            { title: t('deadLetters.topic'), dataIndex: 'topic', render: (s: string | null) => s ?? '—' },
            { title: t('deadLetters.reason'), dataIndex: 'reason' },
          ]}
        />
      </Card>
    </Flex>
  );
}
