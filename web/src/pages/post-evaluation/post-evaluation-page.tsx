import { Card, Flex, Segmented, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/session.js';
import { navigate, useLocation } from '../../router/router.js';
import { BOUNDARY_KEYS, type BoundaryKey } from '../performance/api.js';
import { ExportButtons } from '../performance/export-buttons.js';
import { PerformanceFilters } from '../performance/performance-filters.js';
import { scopeFromParams, scopeQuery, type Scope } from '../performance/scope.js';
import { AfterSalesTab } from './after-sales-tab.js';
import { CreditListTab } from './credit-list-tab.js';
import { InfluenceTab } from './influence-tab.js';
import { RankingsTab, type GroupBy } from './rankings-tab.js';
import { ShortfallTab } from './shortfall-tab.js';

// Rankings first: the expected-vs-actual tab runs the digital twin per unit and takes longest on first use.
const TABS = ['rankings', 'shortfall', 'influence', 'credit', 'after-sales'] as const;
type Tab = (typeof TABS)[number];

/** Roles that may try their own credit rules (the server evaluates them; nothing is stored). */
const RULE_EDITORS = ['regulator', 'admin'];

/** 后评价: expected vs actual across the fleet, influence factors, rankings, credit list and after-sales, over one population and period. */
export function PostEvaluationPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { params } = useLocation();
  const scope = scopeFromParams(params);
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'rankings';
  const boundary: BoundaryKey = (BOUNDARY_KEYS as readonly string[]).includes(params.get('boundary') ?? '') ? (params.get('boundary') as BoundaryKey) : 'h2';
  const groupBy: GroupBy = params.get('groupBy') === 'manufacturer' ? 'manufacturer' : 'model';

  const go = (s: Scope, next: { tab?: Tab; boundary?: BoundaryKey; groupBy?: GroupBy }): void => {
    const v = { tab, boundary, groupBy, ...next };
    navigate(`/post-evaluation${scopeQuery(s, { tab: v.tab === 'rankings' ? undefined : v.tab, boundary: v.boundary === 'h2' ? undefined : v.boundary, groupBy: v.groupBy === 'model' ? undefined : v.groupBy })}`, { replace: next.tab === undefined && s === scope });
  };
  const usesBoundary = tab === 'shortfall' || tab === 'influence' || tab === 'rankings';

  return (
    <Flex vertical gap={16} data-testid="post-evaluation-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('postEval.title')}</Typography.Title>
        <ExportButtons scope={scope} />
      </Flex>
      <Card size="small">
        <Flex vertical gap={8}>
          <PerformanceFilters scope={scope} onChange={(s) => go(s, {})} />
          {usesBoundary && (
            <Flex gap={8} align="center">
              <Typography.Text type="secondary">{t('postEval.boundary')}</Typography.Text>
              <Segmented<BoundaryKey> value={boundary} onChange={(b) => go(scope, { boundary: b })} options={BOUNDARY_KEYS.map((b) => ({ value: b, label: `SPF ${b.toUpperCase()}` }))} data-testid="post-eval-boundary" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`boundary.${boundary}`)}</Typography.Text>
            </Flex>
          )}
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(scope, { tab: k as Tab })}
        data-testid="post-eval-tabs"
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`post-eval-tab-${k}`}>{t(`postEval.tab.${k}`)}</span>,
          children:
            k === 'shortfall' ? <ShortfallTab scope={scope} boundary={boundary} />
            : k === 'influence' ? <InfluenceTab scope={scope} boundary={boundary} />
            : k === 'rankings' ? <RankingsTab scope={scope} boundary={boundary} groupBy={groupBy} onGroupBy={(g) => go(scope, { groupBy: g })} />
            : k === 'credit' ? <CreditListTab scope={scope} canEditRules={RULE_EDITORS.includes(user.role)} />
            : <AfterSalesTab scope={scope} groupBy={groupBy} />,
        }))}
        destroyOnHidden
      />
    </Flex>
  );
}
