import { Alert, Card, Col, Empty, Flex, List, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../format/format.js';
import { useServerText } from '../../i18n/server-texts.js';
import type { ExpectedVsActualWire, TwinStatusWire } from './api.js';
import { evidenceLabel } from './evidence-label.js';
import { BoundaryTag, CodeTag, KpiValue } from './kpi-labels.js';

type Cause = ExpectedVsActualWire['causes'][number];
interface Line { key: string; kpi: string; unit: string; expected: number | null; actual: number | null }

function lines(e: ExpectedVsActualWire): Line[] {
  const x = e.expected;
  const a = e.actual;
  const b = e.boundary;
  return [
    { key: 'spf', kpi: `spf${b.toUpperCase()}`, unit: '-', expected: x?.spf[b] ?? null, actual: a.spf[b] },
    { key: 'heatKWh', kpi: 'heatKWh', unit: 'kWh', expected: x?.heatKWh ?? null, actual: a.heatKWh },
    { key: 'electricityKWh', kpi: 'electricityKWh', unit: 'kWh', expected: x ? (b === 'h4' || b === 'h3' ? x.electricityH4KWh : x.electricityH2KWh) : null, actual: a.electricityKWh },
    { key: 'flowTempC', kpi: 'flowTempC', unit: '°C', expected: x?.heatWeightedFlowC ?? null, actual: a.heatWeightedFlowC },
    { key: 'carnotPct', kpi: 'carnotPct', unit: '%', expected: x?.carnotPct ?? null, actual: a.carnotPct },
    { key: 'startsPerRunningHour', kpi: 'startsPerRunningHour', unit: '1/h', expected: x?.startsPerRunningHour ?? null, actual: a.startsPerRunningHour },
    { key: 'loadRatio', kpi: 'loadRatio', unit: '-', expected: x?.loadRatio ?? null, actual: a.loadRatio },
    { key: 'defrostSharePct', kpi: 'defrostSharePct', unit: '%', expected: x?.defrostSharePct ?? null, actual: a.defrostSharePct },
    { key: 'hoursBelowTarget', kpi: 'hoursBelowTarget', unit: 'h', expected: x?.hoursBelowTarget ?? null, actual: a.hoursBelowTarget },
  ];
}

/** What the digital twin says the unit should have achieved in the same weather, the gap, and the likely causes with their evidence. */
export function ExpectedVsActualCard({ eva, status }: { eva: ExpectedVsActualWire | null; status?: TwinStatusWire }) {
  const { t, i18n } = useTranslation();
  const srv = useServerText();
  const lang = i18n.language;
  if (!eva && status?.state === 'computing') {
    return (
      <Card size="small" title={t('eva.title')} data-testid="unit-eva" data-status="computing">
        <Flex gap={12} align="center" data-testid="unit-eva-computing">
          <Spin />
          <Typography.Text type="secondary">{status.queuedAhead > 0 ? t('eva.computingQueued', { ahead: status.queuedAhead }) : t('eva.computing')}</Typography.Text>
        </Flex>
      </Card>
    );
  }
  if (!eva) {
    return (
      <Card size="small" title={t('eva.title')} data-testid="unit-eva">
        <Empty description={t('eva.notRun')} />
      </Card>
    );
  }
  const gap = eva.gap;
  /** A gap that rounds to zero is shown as 0, not "-0". */
  const fmtGap = (v: number, digits: number): string => fmtNumber(Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v, lang, digits);
  return (
    <Card size="small" title={<span>{t('eva.title')} <BoundaryTag boundary={eva.boundary} /></span>} data-testid="unit-eva" data-status={eva.status}
      extra={<Typography.Text type="secondary">{t(`eva.weather.${eva.weather.source}`)} · {t('eva.measuredHours', { pct: fmtNumber(eva.weather.measuredHoursPct, lang, 0) })}</Typography.Text>}>
      {eva.status === 'not-evaluable' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('eva.notEvaluable')}
          description={eva.notEvaluable.map((n) => <CodeTag key={n.code} group="notEvaluable" code={n.code} detail={srv('notEvaluable', n.text, n.detail)} color="red" />)} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Table<Line>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={lines(eva)}
            columns={[
              { title: t('perf.kpi'), key: 'kpi', render: (_, l) => <span>{t(`perfKpi.${l.kpi}`)}{l.unit !== '-' && <Typography.Text type="secondary"> ({l.unit})</Typography.Text>}{l.key === 'spf' && <BoundaryTag boundary={eva.boundary} />}</span> },
              { title: t('eva.expected'), key: 'e', align: 'right', render: (_, l) => <KpiValue kpi={l.kpi} value={l.expected} testId={`eva-expected-${l.key}`} /> },
              { title: t('eva.actual'), key: 'a', align: 'right', render: (_, l) => <KpiValue kpi={l.kpi} value={l.actual} testId={`eva-actual-${l.key}`} /> },
            ]}
          />
        </Col>
        <Col xs={24} lg={14}>
          {gap && (
            <Row gutter={16} style={{ marginBottom: 12 }}>
              <Col span={8}><Statistic title={t('eva.gapSpf')} value={fmtGap(gap.spf, 2)} styles={{ content: { color: gap.spf <= -0.005 ? '#cf1322' : '#389e0d' } }} /></Col>
              <Col span={8}><Statistic title={t('eva.gapPct')} value={fmtGap(gap.spfPct, 1)} suffix="%" /></Col>
              <Col span={8}><Statistic title={t('eva.excessKWh')} value={fmtGap(gap.electricityExcessKWh, 0)} suffix="kWh" /></Col>
            </Row>
          )}
          <Typography.Text strong>{t('eva.causes')}</Typography.Text>
          <List<Cause>
            size="small"
            data-testid="eva-causes"
            dataSource={eva.causes}
            locale={{ emptyText: t('eva.noCauses') }}
            renderItem={(c) => (
              <List.Item data-code={c.code}>
                <List.Item.Meta
                  title={<span><CodeTag group="cause" code={c.code} color="volcano" />{c.estimatedSpfLoss !== null && <Tag>{t('eva.spfLoss', { loss: fmtNumber(c.estimatedSpfLoss, lang, 2) })}</Tag>}</span>}
                  description={[
                    <div key="text" data-testid="eva-cause-text">{srv('cause', c.textRef, c.text)}</div>,
                    ...c.evidence.map((ev) => (
                    <div key={ev.figure} style={{ fontSize: 12 }}>
                      {ev.figureRef ? srv('evidenceFigure', ev.figureRef, ev.figure) : evidenceLabel(ev.figure, t)}: {t('eva.evidence', { actual: fmtNumber(ev.actual, lang, 2), expected: fmtNumber(ev.expected, lang, 2), threshold: fmtNumber(ev.threshold, lang, 2), unit: ev.unit === '-' ? '' : ev.unit })}
                    </div>
                  ))]}
                />
              </List.Item>
            )}
          />
          {eva.warnings.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{(lang === 'en' ? eva.warnings : eva.warningsZh).join(' · ')}</Typography.Text>}
        </Col>
      </Row>
    </Card>
  );
}
