import { Card, Col, Collapse, Empty, Flex, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtNumber } from '../../format/format.js';
import { useServerText } from '../../i18n/server-texts.js';
import { Link } from '../../router/link.js';
import type { CreditListWire, CreditRuleWire } from '../performance/api.js';
import { unitPerformancePath } from '../performance/paths.js';
import { BoundaryTag } from '../performance/kpi-labels.js';
import { ReportContext } from '../performance/report-context.js';
import { scopeQuery, type Scope } from '../performance/scope.js';
import { RuleEditor } from './rule-editor.js';
import { useCreditList } from './use-credit-list.js';

type Entry = CreditListWire['entries'][number];
type Outcome = CreditListWire['rules'][number];
type Evidence = Entry['units'][number];

const groupName = (g: { manufacturer: string; model: string | null }): string => (g.model ? `${g.manufacturer} ${g.model}` : g.manufacturer);

/** The evidence behind one listed entry: the statistic against its threshold, and every unit with its figure. */
function EntryEvidence({ entry, scope }: { entry: Entry; scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table<Evidence>
      size="small"
      rowKey="unitId"
      pagination={entry.units.length > 10 ? { pageSize: 10 } : false}
      dataSource={entry.units}
      data-testid="credit-evidence"
      columns={[
        { title: t('perf.unit'), dataIndex: 'unitId', render: (id: string) => <Link to={unitPerformancePath(id, scopeQuery({ from: scope.from, to: scope.to }))}>{id}</Link> },
        { title: t('credit.figure'), dataIndex: 'figure', align: 'right', render: (v: number | null) => fmtNumber(v, lang, 2) },
        { title: `${t('rankings.coverage')} (%)`, dataIndex: 'coveragePct', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
        { title: `${t('unitPerf.heat')} (kWh)`, dataIndex: 'heatKWh', align: 'right', render: (v: number | null) => fmtNumber(v, lang, 0) },
        { title: t('credit.unitFails'), dataIndex: 'fails', render: (f: boolean) => (f ? <Tag color="red">{t('credit.fails')}</Tag> : <Tag color="green">{t('credit.meets')}</Tag>) },
      ]}
    />
  );
}

function RuleOutcome({ outcome, words, scope }: { outcome: Outcome; words: string; scope: Scope }) {
  const { t, i18n } = useTranslation();
  const st = useServerText();
  const lang = i18n.language;
  return (
    <Card size="small" data-testid="credit-rule" data-rule-id={outcome.ruleId}
      title={<span><Tag>{outcome.ruleId}</Tag>{words}</span>}
      extra={<Space size={4}><Tag color="red">{t('credit.listedN', { count: outcome.listed.length })}</Tag><Tag color="green">{t('credit.passedN', { count: outcome.passed.length })}</Tag><Tag>{t('credit.notJudgedN', { count: outcome.notJudged.length })}</Tag></Space>}>
      {outcome.listed.length === 0 ? (
        <Typography.Text type="secondary">{t('credit.noneListed')}</Typography.Text>
      ) : (
        <Collapse
          size="small"
          data-testid="credit-entries"
          items={outcome.listed.map((e) => ({
            key: e.key,
            label: (
              <span data-testid="credit-entry" data-group={e.key}>
                <Typography.Text strong>{groupName(e)}</Typography.Text>{' · '}
                {st('creditStatistic', e.statisticRef, e.statistic)} <strong>{fmtNumber(e.value, lang, 2)}</strong> {t('credit.vsThreshold', { threshold: fmtNumber(e.threshold, lang, 2) })} · n = {e.n}
                <BoundaryTag boundary={e.boundary} />
              </span>
            ),
            children: <EntryEvidence entry={e} scope={scope} />,
          }))}
        />
      )}
      {outcome.notJudged.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }} data-testid="credit-not-judged">
          {t('credit.notJudged')}: {outcome.notJudged.map((g) => `${groupName(g)}（${st('insufficientData', g.reasonRef, g.reason)}）`).join(lang === 'en' ? '; ' : '；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 信用名单: which models or manufacturers the rules list, each entry with its evidence; regulators may evaluate their own rules. */
export function CreditListTab({ scope, canEditRules }: { scope: Scope; canEditRules: boolean }) {
  const { t } = useTranslation();
  const st = useServerText();
  const [rules, setRules] = useState<CreditRuleWire[] | null>(null);
  const { data, error, loading } = useCreditList(scope, rules);
  // The rule as the server applied it, worded from its code in the page's language (the English ruleText when
  // this dashboard does not know the code).
  const wordsFor = (o: Outcome): string => st('creditRule', o.ruleTextRef, o.ruleText);

  return (
    <Row gutter={[16, 16]} data-testid="credit-tab">
      <Col xs={24} xl={canEditRules ? 15 : 24}>
        <Flex vertical gap={12}>
          {error && !(rules && error.status === 400) && <ApiErrorView error={error} />}
          {loading && !data && <Loading />}
          {data && (
            <>
              <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />
              <Typography.Text type="secondary" data-testid="credit-source">
                {rules && !error ? t('credit.sourceOwn') : t('credit.sourceDefault')} <Typography.Text code>{data.rulesSource}</Typography.Text>
              </Typography.Text>
              {data.rules.length === 0 ? <Empty /> : data.rules.map((o) => <RuleOutcome key={o.ruleId} outcome={o} words={wordsFor(o)} scope={scope} />)}
            </>
          )}
        </Flex>
      </Col>
      {canEditRules && (
        <Col xs={24} xl={9}>
          <Card size="small" title={t('ruleEditor.title')}>
            <RuleEditor serverError={rules ? error : undefined} active={rules !== null} onEvaluate={setRules} onReset={() => setRules(null)} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
