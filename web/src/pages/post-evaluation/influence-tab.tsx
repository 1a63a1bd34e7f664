import { Alert, Card, Col, Descriptions, Flex, Row, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { EChart } from '../../charts/e-chart.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtNumber } from '../../format/format.js';
import { useServerText } from '../../i18n/server-texts.js';
import { apiPath, type BoundaryKey, type InfluenceWire } from '../performance/api.js';
import { BoundaryTag } from '../performance/kpi-labels.js';
import { asChartOption } from '../performance/perf-echarts.js';
import { ReportContext } from '../performance/report-context.js';
import { scopeQuery, type Scope } from '../performance/scope.js';
import { forestOption } from './forest-option.js';
import { contrastLabel, factorName, termLabel } from './term-label.js';

type Term = InfluenceWire['model']['terms'][number];
type Contrast = InfluenceWire['contrasts'][number];
const STATUS_COLOR: Record<string, string> = { estimated: 'green', collinear: 'orange', 'no-variation': 'default', 'too-little-data': 'default' };

/** 影响因素: which attributes explain SPF, as effects with 95 % intervals (multiple regression and univariate contrasts). */
export function InfluenceTab({ scope, boundary }: { scope: Scope; boundary: BoundaryKey }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const st = useServerText();
  const [weighting, setWeighting] = useState<'none' | 'heat'>('none');
  const { data, error, loading, reload } = useApi<InfluenceWire>(`${apiPath('influenceFactors')}${scopeQuery(scope, { boundary, weighting })}`);
  const m = data?.model;
  const forest = useMemo(
    () => (m && m.terms.length ? asChartOption(forestOption(m.terms.map((x) => ({ label: termLabel(x.term, t, lang), estimate: x.estimate, low: x.ci[0], high: x.ci[1] })), t('influence.effectAxis', { boundary: boundary.toUpperCase() }), lang)) : null),
    [m, t, lang, boundary],
  );
  const contrastForest = useMemo(
    () => (data && data.contrasts.some((c) => c.ci) ? asChartOption(forestOption(data.contrasts.filter((c) => c.ci).map((c) => ({ label: contrastLabel(c.factor, c.comparison, t, lang), estimate: c.medianDifference, low: c.ci?.low ?? 0, high: c.ci?.high ?? 0 })), t('influence.medianDiffAxis', { boundary: boundary.toUpperCase() }), lang)) : null),
    [data, t, lang, boundary],
  );

  return (
    <Flex vertical gap={12} data-testid="influence-tab">
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">{t('influence.weighting')}</Typography.Text>
        <Segmented<'none' | 'heat'> value={weighting} onChange={setWeighting} options={[{ value: 'none', label: t('influence.weightNone') }, { value: 'heat', label: t('influence.weightHeat') }]} />
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      {loading && !data && <Card loading size="small" />}
      {data && m && (
        <>
          <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />
          <Descriptions size="small" column={{ xs: 2, md: 3, xl: 6 }} bordered data-testid="influence-model">
            <Descriptions.Item label={t('influence.response')}>SPF <BoundaryTag boundary={data.boundary} /></Descriptions.Item>
            <Descriptions.Item label="n">{m.n}</Descriptions.Item>
            <Descriptions.Item label={t('influence.units')}>{t('influence.unitsUsed', { used: data.evaluation.used, evaluable: data.evaluation.evaluable, units: data.evaluation.units })}</Descriptions.Item>
            <Descriptions.Item label="R²">{fmtNumber(m.rSquared, lang, 3)}</Descriptions.Item>
            <Descriptions.Item label={t('influence.adjR2')}>{fmtNumber(m.adjRSquared, lang, 3)}</Descriptions.Item>
            <Descriptions.Item label={t('influence.intercept')}>{fmtNumber(m.intercept, lang, 2)}</Descriptions.Item>
          </Descriptions>
          {m.status === 'insufficient-data' && <Alert type="warning" showIcon data-testid="influence-insufficient" title={t('influence.insufficient')} description={m.reason === null ? null : st('influence', m.reasonRef, m.reason)} />}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('influence.forestTitle')}>
                {forest ? <EChart option={forest} height={Math.max(220, 40 + 34 * m.terms.length)} testId="influence-chart" /> : <Typography.Text type="secondary">{t('influence.noTerms')}</Typography.Text>}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('influence.contrastTitle')}>
                {contrastForest ? <EChart option={contrastForest} height={Math.max(220, 40 + 34 * data.contrasts.length)} testId="influence-contrast-chart" /> : <Typography.Text type="secondary">{t('influence.noContrasts')}</Typography.Text>}
              </Card>
            </Col>
          </Row>
          <Table<Term>
            size="small"
            rowKey="term"
            pagination={false}
            data-testid="influence-terms"
            dataSource={m.terms}
            columns={[
              { title: t('influence.term'), dataIndex: 'term', render: (x: string) => termLabel(x, t, lang) },
              { title: t('influence.estimate'), dataIndex: 'estimate', align: 'right', render: (v: number) => fmtNumber(v, lang, 3) },
              { title: t('influence.se'), dataIndex: 'seHc3', align: 'right', render: (v: number) => fmtNumber(v, lang, 3) },
              { title: t('influence.ci'), key: 'ci', align: 'right', render: (_, r) => `[${fmtNumber(r.ci[0], lang, 3)}, ${fmtNumber(r.ci[1], lang, 3)}]` },
              { title: 'p', dataIndex: 'pValue', align: 'right', render: (v: number) => (v < 0.001 ? '< 0.001' : fmtNumber(v, lang, 3)) },
              { title: 'VIF', dataIndex: 'vif', align: 'right', render: (v: number | null) => fmtNumber(v, lang, 1) },
              { title: t('influence.confounding'), dataIndex: 'confoundedWith', render: (c: string | null) => (c ? <Tooltip title={c}><Tag color="orange">{t('influence.confoundedWith', { with: termLabel(c.replace(/ \(r = .*$/, ''), t, lang) })}</Tag></Tooltip> : null) },
            ]}
          />
          <Table<InfluenceWire['factors'][number]>
            size="small"
            rowKey="factor"
            pagination={false}
            data-testid="influence-factors"
            dataSource={data.factors}
            columns={[
              { title: t('influence.factor'), dataIndex: 'factor', render: (f: string) => factorName(f, t) },
              { title: t('influence.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s] ?? 'default'}>{t(`factorStatus.${s}`, { defaultValue: s })}</Tag> },
              { title: t('influence.note'), key: 'note', render: (_, f) => (f.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="influence-factor-note">{st('influence', f.noteRef, f.note)}</Typography.Text> : null) },
            ]}
          />
          <Table<Contrast>
            size="small"
            rowKey={(c) => `${c.factor}|${c.comparison}`}
            pagination={false}
            data-testid="influence-contrasts"
            dataSource={data.contrasts}
            columns={[
              { title: t('influence.comparison'), key: 'c', render: (_, c) => contrastLabel(c.factor, c.comparison, t, lang) },
              { title: 'n', key: 'n', align: 'right', render: (_, c) => `${c.nA} / ${c.nB}` },
              { title: t('influence.medians'), key: 'm', align: 'right', render: (_, c) => `${fmtNumber(c.medianA, lang, 2)} / ${fmtNumber(c.medianB, lang, 2)}` },
              { title: t('influence.medianDiff'), dataIndex: 'medianDifference', align: 'right', render: (v: number) => fmtNumber(v, lang, 2) },
              { title: t('influence.ci'), key: 'ci', align: 'right', render: (_, c) => (c.ci ? `[${fmtNumber(c.ci.low, lang, 2)}, ${fmtNumber(c.ci.high, lang, 2)}]` : '—') },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="influence-method">
            {t('influence.method')}
            {lang === 'en' && <> {st('influence', data.methodRef, data.method)}</>}
          </Typography.Paragraph>
        </>
      )}
    </Flex>
  );
}
