import { Alert, Collapse, Flex, Progress, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRefreshWhileComputing } from '../performance/use-refresh-while-computing.js';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtNumber } from '../../format/format.js';
import { Link } from '../../router/link.js';
import { apiPath, type BoundaryKey, type ShortfallRankingWire } from '../performance/api.js';
import { unitPerformancePath } from '../performance/paths.js';
import { BoundaryTag, CodeTag } from '../performance/kpi-labels.js';
import { ReportContext } from '../performance/report-context.js';
import { scopeQuery, type Scope } from '../performance/scope.js';

type Ranked = ShortfallRankingWire['ranked'][number];

/** 预期与实际: every evaluable unit's measured SPF against the twin's, worst shortfall first, with the likely causes. */
export function ShortfallTab({ scope, boundary }: { scope: Scope; boundary: BoundaryKey }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, error, loading, reload } = useApi<ShortfallRankingWire>(`${apiPath('expectedVsActual')}${scopeQuery(scope, { boundary })}`);
  // The twin runs in the server's worker thread: ask again until every unit is in, the table filling in meanwhile.
  useRefreshWhileComputing(data, data?.twin.retryAfterMs ?? null, reload);
  const twin = data?.twin;
  const unitLink = (id: string) => unitPerformancePath(id, scopeQuery({ from: scope.from, to: scope.to }, { boundary: boundary === 'h2' ? undefined : boundary }));
  return (
    <Flex vertical gap={12} data-testid="shortfall-tab">
      {error && <ApiErrorView error={error} onRetry={reload} />}
      {data && <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />}
      {twin && twin.state === 'computing' && (
        <Alert
          type="info"
          showIcon
          data-testid="shortfall-computing"
          data-done={twin.done}
          data-total={twin.total}
          title={t('shortfall.computing', { done: twin.done, total: twin.total })}
          description={<Progress percent={twin.total > 0 ? Math.floor((100 * twin.done) / twin.total) : 0} size="small" status="active" />}
        />
      )}
      {twin && twin.failedUnits.length > 0 && (
        <Alert type="warning" showIcon data-testid="shortfall-failed" title={t('shortfall.failed', { units: twin.failedUnits.join(', ') })} />
      )}
      <Typography.Text type="secondary">
        {t('shortfall.explain')} <BoundaryTag boundary={boundary} />
        {twin && ` · ${t('shortfall.twinRuns', { done: twin.done, total: twin.total, cached: twin.fromCache })}`}
      </Typography.Text>
      <Table<Ranked>
        size="small"
        rowKey="unitId"
        loading={loading && !data}
        data-testid="shortfall-table"
        dataSource={data?.ranked ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('shortfall.empty') }}
        columns={[
          { title: t('shortfall.rank'), dataIndex: 'rank', width: 60 },
          { title: t('perf.unit'), dataIndex: 'unitId', render: (id: string) => <Link to={unitLink(id)} data-testid="shortfall-unit-link">{id}</Link> },
          { title: <span>{t('eva.actual')} SPF <BoundaryTag boundary={boundary} /></span>, dataIndex: 'actualSpf', align: 'right', render: (v: number) => fmtNumber(v, lang, 2) },
          { title: <span>{t('eva.expected')} SPF <BoundaryTag boundary={boundary} /></span>, dataIndex: 'expectedSpf', align: 'right', render: (v: number) => fmtNumber(v, lang, 2) },
          { title: t('eva.gapSpf'), dataIndex: 'gapSpf', align: 'right', render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : undefined}>{fmtNumber(v, lang, 2)}</Typography.Text> },
          { title: `${t('eva.gapPct')} (%)`, dataIndex: 'gapPct', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
          { title: t('eva.causes'), dataIndex: 'causes', render: (cs: string[]) => <Space size={[0, 4]} wrap>{cs.map((c) => <CodeTag key={c} group="cause" code={c} color="volcano" />)}</Space> },
        ]}
      />
      {data && data.notEvaluable.length > 0 && (
        <Collapse
          size="small"
          items={[{
            key: 'ne',
            label: t('shortfall.notEvaluable', { count: data.notEvaluable.length }),
            children: (
              <Table
                size="small"
                rowKey="unitId"
                pagination={{ pageSize: 10 }}
                dataSource={data.notEvaluable}
                columns={[
                  { title: t('perf.unit'), dataIndex: 'unitId', render: (id: string) => <Link to={unitLink(id)}>{id}</Link> },
                  { title: t('unitPerf.notEvaluable'), dataIndex: 'reasons', render: (rs: string[]) => rs.map((r) => <CodeTag key={r} group="notEvaluable" code={r} color="red" />) },
                ]}
              />
            ),
          }]}
        />
      )}
    </Flex>
  );
}
