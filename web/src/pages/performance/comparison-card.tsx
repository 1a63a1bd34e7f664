import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { apiPath, type Comparison } from './api.js';
import { KpiTitle, KpiValue } from './kpi-labels.js';
import { scopeQuery, type Scope } from './scope.js';
import { controlName, emitterName } from './unit-facts.js';

type Row = Comparison['rows'][number];

/** The chosen units side by side, one row per KPI (each with its unit and boundary), over the same period. */
export function ComparisonCard({ unitIds, scope, onClear }: { unitIds: string[]; scope: Scope; onClear: () => void }) {
  const { t } = useTranslation();
  const path = unitIds.length ? `${apiPath('comparison')}${scopeQuery({ from: scope.from, to: scope.to }, { unitIds: unitIds.join(',') })}` : null;
  const { data, error, loading, reload } = useApi<Comparison>(path);
  if (!path) return null;
  return (
    <Card
      size="small"
      title={t('perf.comparisonTitle', { count: unitIds.length })}
      data-testid="perf-comparison"
      data-unit-ids={data?.units.map((u) => u.unitId).join(',')}
      extra={<Button size="small" onClick={onClear} data-testid="perf-comparison-clear">{t('perf.clearSelection')}</Button>}
    >
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <Table<Row>
        size="small"
        rowKey="key"
        loading={loading}
        pagination={false}
        scroll={{ x: 240 + 150 * (data?.units.length ?? unitIds.length) }}
        dataSource={data?.rows ?? []}
        columns={[
          { title: t('perf.kpi'), key: 'kpi', fixed: 'left', width: 260, render: (_, r) => <KpiTitle kpi={r.key} unit={r.unit} boundary={r.boundary} /> },
          ...(data?.units ?? []).map((u, i) => ({
            title: (
              <span data-testid="perf-comparison-unit" data-unit-id={u.unitId}>
                {u.unitId}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                  {u.manufacturer} {u.model} · {emitterName(u.emitter, t)} · {controlName(u.capacityControl, t)} · {u.nominalCapacityKw} kW
                </Typography.Text>
              </span>
            ),
            key: u.unitId,
            align: 'right' as const,
            width: 150,
            render: (_: unknown, r: Row) => <KpiValue kpi={r.key} value={r.values[i]} />,
          })),
        ]}
      />
    </Card>
  );
}
