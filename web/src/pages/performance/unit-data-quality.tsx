import { Alert, Card, Col, Flex, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../format/format.js';
import { useServerText } from '../../i18n/server-texts.js';
import type { UnitReport } from './api.js';
import { CodeTag, reasonText } from './kpi-labels.js';

type Coverage = UnitReport['coverage'][number];
type Register = UnitReport['registers'][number];

const REGISTER_COLOR: Record<string, string> = { agree: 'green', ok: 'green', disagree: 'red', 'register-went-backwards': 'red' };

/** Whether the figures can be trusted: coverage per channel, meter registers vs integrated power, heat-meter fault, implausible channels. */
export function UnitDataQuality({ report }: { report: UnitReport }) {
  const { t, i18n } = useTranslation();
  const srv = useServerText();
  const lang = i18n.language;
  const fault = report.heatMeterFault;
  return (
    <Row gutter={[16, 16]} data-testid="unit-data-quality">
      <Col xs={24} lg={12}>
        <Card size="small" title={t('unitPerf.coverageTitle')} data-testid="unit-coverage" style={{ height: '100%' }}>
          <Table<Coverage>
            size="small"
            rowKey="channel"
            pagination={false}
            dataSource={report.coverage}
            locale={{ emptyText: t('nullReason.no-data') }}
            columns={[
              { title: t('unitPerf.channel'), dataIndex: 'channel', render: (c: string) => t(`channelName.${c}`, { defaultValue: c }) },
              { title: t('unitPerf.coverage'), key: 'pct', width: 160, render: (_, r) => <Progress percent={Number(r.coveragePct.toFixed(1))} size="small" status={r.coveragePct < 80 ? 'exception' : 'normal'} /> },
              { title: t('unitPerf.measured'), dataIndex: 'measured', align: 'right', render: (v: number) => fmtNumber(v, lang) },
              { title: t('unitPerf.bridged'), dataIndex: 'bridged', align: 'right', render: (v: number) => fmtNumber(v, lang) },
              { title: t('unitPerf.missing'), dataIndex: 'missing', align: 'right', render: (v: number) => fmtNumber(v, lang) },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('unitPerf.coverageHint')}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Flex vertical gap={16}>
          <Card size="small" title={t('unitPerf.registersTitle')} data-testid="unit-registers">
            <Table<Register>
              size="small"
              rowKey="register"
              pagination={false}
              dataSource={report.registers}
              locale={{ emptyText: t('unitPerf.noRegisters') }}
              columns={[
                { title: t('unitPerf.register'), dataIndex: 'register', render: (c: string) => t(`channelName.${c}`, { defaultValue: c }) },
                { title: `${t('unitPerf.registerKWh')} (kWh)`, dataIndex: 'registerKWh', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
                { title: `${t('unitPerf.integratedKWh')} (kWh)`, dataIndex: 'integratedKWh', align: 'right', render: (v: number | null) => fmtNumber(v, lang, 1) },
                { title: `± kWh`, dataIndex: 'toleranceKWh', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
                { title: t('unitPerf.check'), dataIndex: 'status', render: (s: string) => <Tag color={REGISTER_COLOR[s] ?? 'default'}>{t(`registerStatus.${s}`, { defaultValue: s })}</Tag> },
              ]}
            />
          </Card>
          <Card size="small" title={t('unitPerf.heatMeterTitle')} data-testid="unit-heat-meter">
            {fault.detected === null ? (
              <Typography.Text type="secondary">{t('unitPerf.heatMeterNotChecked', { reason: fault.reason ? reasonText(fault.reason, t) : '—' })}</Typography.Text>
            ) : fault.detected ? (
              <Alert type="error" showIcon title={t('unitPerf.heatMeterFault', { episodes: fault.episodes, hours: fmtNumber(fault.durationH, lang, 1) })} />
            ) : (
              <Tag color="green">{t('unitPerf.heatMeterOk')}</Tag>
            )}
          </Card>
          {(report.plausibility.flags.length > 0 || report.notEvaluable.length > 0 || report.warnings.length > 0) && (
            <Card size="small" title={t('unitPerf.warningsTitle')} data-testid="unit-warnings">
              <Space direction="vertical" size={6}>
                {report.notEvaluable.length > 0 && (
                  <div>
                    <Typography.Text strong>{t('unitPerf.notEvaluable')}: </Typography.Text>
                    {report.notEvaluable.map((n) => <CodeTag key={n.code} group="notEvaluable" code={n.code} detail={srv('notEvaluable', n.text, n.detail)} color="red" />)}
                  </div>
                )}
                {report.plausibility.flags.map((f) => (
                  <div key={`${f.channel}-${f.code}`}>
                    <Tag color="volcano">{t(`channelName.${f.channel}`, { defaultValue: f.channel })}</Tag>
                    {t(`plausibility.${f.code}`, { defaultValue: f.code })} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{srv('plausibility', f.text, f.detail)}</Typography.Text>
                  </div>
                ))}
                {report.warnings.map((w, i) => <Typography.Text key={w} type="warning" style={{ fontSize: 12 }} data-testid="unit-warning" data-code={report.warningRefs[i]?.code}>{srv('unitWarning', report.warningRefs[i], w)}</Typography.Text>)}
              </Space>
            </Card>
          )}
        </Flex>
      </Col>
    </Row>
  );
}
