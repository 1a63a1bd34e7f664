import { Collapse, Flex, InputNumber, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtNumber } from '../../format/format.js';
import { serverText } from '../../i18n/server-texts.js';
import { apiPath, type BoundaryKey, type RankingWire } from '../performance/api.js';
import { BoundaryTag, CodeTag } from '../performance/kpi-labels.js';
import { ReportContext } from '../performance/report-context.js';
import { scopeQuery, type Scope } from '../performance/scope.js';

export type GroupBy = 'model' | 'manufacturer';
type Ranked = RankingWire['ranked'][number];
type Short = RankingWire['insufficientData'][number];
type Row = ({ kind: 'ranked' } & Ranked) | ({ kind: 'short' } & Short);

/** 厂家/型号排名: median measured SPF per model or manufacturer with its interval; groups below the data rules are listed as "insufficient data", never ranked. */
export function RankingsTab({ scope, boundary, groupBy, onGroupBy }: { scope: Scope; boundary: BoundaryKey; groupBy: GroupBy; onGroupBy: (g: GroupBy) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [minUnits, setMinUnits] = useState(10);
  const [minCoveragePct, setMinCoverage] = useState(80);
  const [minHeatKWh, setMinHeat] = useState(500);
  const { data, error, loading, reload } = useApi<RankingWire>(`${apiPath('rankings')}${scopeQuery(scope, { groupBy, boundary, minUnits, minCoveragePct, minHeatKWh })}`);
  const rows: Row[] = data ? [...data.ranked.map((r) => ({ kind: 'ranked' as const, ...r })), ...data.insufficientData.map((s) => ({ kind: 'short' as const, ...s }))] : [];

  return (
    <Flex vertical gap={12} data-testid="rankings-tab">
      <Flex gap={12} align="center" wrap>
        <Segmented<GroupBy> value={groupBy} onChange={onGroupBy} options={[{ value: 'model', label: t('rankings.byModel') }, { value: 'manufacturer', label: t('rankings.byManufacturer') }]} data-testid="rankings-group-by" />
        <Space size={4}><Typography.Text type="secondary">{t('rankings.minUnits')}</Typography.Text><InputNumber<number> min={1} style={{ width: 80 }} value={minUnits} onChange={(v) => v && setMinUnits(v)} data-testid="rankings-min-units" /></Space>
        <Space size={4}><Typography.Text type="secondary">{t('rankings.minCoverage')}</Typography.Text><InputNumber<number> min={0} max={100} style={{ width: 80 }} value={minCoveragePct} onChange={(v) => v !== null && setMinCoverage(v)} suffix="%" /></Space>
        <Space size={4}><Typography.Text type="secondary">{t('rankings.minHeat')}</Typography.Text><InputNumber<number> min={0} style={{ width: 110 }} value={minHeatKWh} onChange={(v) => v !== null && setMinHeat(v)} suffix="kWh" /></Space>
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      {data && <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />}
      {data && (
        <Typography.Text type="secondary" data-testid="rankings-rules">
          {t('rankings.rulesInWords', { minUnits, minCoveragePct, minHeatKWh, boundary: boundary.toUpperCase() })} · {t('rankings.evaluation', { units: data.evaluation.units, eligible: data.evaluation.eligibleUnits, groups: data.evaluation.groups })}
        </Typography.Text>
      )}
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.kind}|${r.key}`}
        loading={loading}
        pagination={false}
        data-testid="rankings-table"
        dataSource={rows}
        locale={{ emptyText: t('rankings.empty') }}
        rowClassName={(r) => (r.kind === 'short' ? 'ranking-insufficient' : '')}
        columns={[
          { title: t('rankings.rank'), key: 'rank', width: 70, render: (_, r) => (r.kind === 'ranked' ? r.rank : <Tag data-testid="ranking-insufficient">{t('rankings.insufficient')}</Tag>) },
          { title: t('field.manufacturer'), dataIndex: 'manufacturer' },
          ...(groupBy === 'model' ? [{ title: t('field.model'), dataIndex: 'model', render: (m: string | null) => m ?? '—' }] : []),
          { title: 'n', key: 'n', align: 'right', render: (_, r) => (r.kind === 'ranked' ? r.n : <Tooltip title={t('rankings.nShortHint')}>{`${r.nEligible} / ${r.nUnits}`}</Tooltip>) },
          { title: <span>{t('rankings.medianSpf')} <BoundaryTag boundary={boundary} /></span>, key: 'median', align: 'right', render: (_, r) => (r.kind === 'ranked' ? <strong data-testid="ranking-median">{fmtNumber(r.medianSpf, lang, 2)}</strong> : <Tooltip title={serverText(t, lang, 'insufficientData', r.reasonRef, r.reason)}><Typography.Text type="secondary">{t('rankings.insufficientReason', { eligible: r.nEligible, units: r.nUnits, min: minUnits })}</Typography.Text></Tooltip>) },
          { title: t('rankings.ci'), key: 'ci', align: 'right', render: (_, r) => (r.kind === 'ranked' && r.ci ? `[${fmtNumber(r.ci.low, lang, 2)}, ${fmtNumber(r.ci.high, lang, 2)}]` : '—') },
          { title: 'P25–P75', key: 'iqr', align: 'right', render: (_, r) => (r.kind === 'ranked' ? `${fmtNumber(r.q25, lang, 2)}–${fmtNumber(r.q75, lang, 2)}` : '—') },
          { title: t('rankings.secondary'), key: 'sec', align: 'right', render: (_, r) => (r.kind === 'ranked' ? <span>{fmtNumber(r.secondary.medianSpf, lang, 2)} <BoundaryTag boundary={r.secondary.boundary} /> <Typography.Text type="secondary">n={r.secondary.n}</Typography.Text></span> : '—') },
          { title: `${t('rankings.coverage')} (%)`, key: 'cov', align: 'right', render: (_, r) => (r.kind === 'ranked' ? fmtNumber(r.meanCoveragePct, lang, 1) : '—') },
          { title: `${t('unitPerf.heat')} (kWh)`, key: 'heat', align: 'right', render: (_, r) => (r.kind === 'ranked' ? fmtNumber(r.heatKWh, lang, 0) : '—') },
        ]}
      />
      {data && data.excludedUnits.length > 0 && (
        <Collapse
          size="small"
          items={[{
            key: 'ex',
            label: t('rankings.excluded', { count: data.excludedUnits.length }),
            children: (
              <Table
                size="small"
                rowKey="unitId"
                pagination={{ pageSize: 10 }}
                dataSource={data.excludedUnits}
                columns={[
                  { title: t('perf.unit'), dataIndex: 'unitId' },
                  { title: t('rankings.group'), dataIndex: 'group' },
                  { title: t('unitPerf.notEvaluable'), dataIndex: 'reasons', render: (rs: RankingWire['excludedUnits'][number]['reasons']) => rs.map((x) => <CodeTag key={x.code} group="notEvaluable" code={x.code} detail={serverText(t, lang, 'notEvaluable', x.text, x.detail)} color="red" />) },
                ]}
              />
            ),
          }]}
        />
      )}
    </Flex>
  );
}
