import { lazy, useEffect } from 'react';
import { homePath, isHousehold, may, useUser } from './auth/session.js';
import { Forbidden } from './components/forbidden.js';
import { Loading } from './components/loading.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { matchPath, navigate, useLocation } from './router/router.js';

// Each page is its own chunk: a household never downloads the fleet pages.
const OverviewPage = lazy(() => import('./pages/overview/overview-page.js').then((m) => ({ default: m.OverviewPage })));
const SiteListPage = lazy(() => import('./pages/sites/site-list-page.js').then((m) => ({ default: m.SiteListPage })));
const SitePage = lazy(() => import('./pages/site/site-page.js').then((m) => ({ default: m.SitePage })));
const RegistryPage = lazy(() => import('./pages/registry/registry-page.js').then((m) => ({ default: m.RegistryPage })));
const DeadLettersPage = lazy(() => import('./pages/ops/dead-letters-page.js').then((m) => ({ default: m.DeadLettersPage })));
const AuditPage = lazy(() => import('./pages/ops/audit-page.js').then((m) => ({ default: m.AuditPage })));
const DispatchPage = lazy(() => import('./pages/dispatch/dispatch-page.js').then((m) => ({ default: m.DispatchPage })));
const DemandResponsePage = lazy(() => import('./pages/demand-response/demand-response-page.js').then((m) => ({ default: m.DemandResponsePage })));
const PerformancePage = lazy(() => import('./pages/performance/performance-page.js').then((m) => ({ default: m.PerformancePage })));
const UnitPerformancePage = lazy(() => import('./pages/performance/unit-performance-page.js').then((m) => ({ default: m.UnitPerformancePage })));
const PostEvaluationPage = lazy(() => import('./pages/post-evaluation/post-evaluation-page.js').then((m) => ({ default: m.PostEvaluationPage })));

function RedirectHome() {
  const user = useUser();
  useEffect(() => navigate(homePath(user), { replace: true }), [user]);
  return <Loading />;
}

export function Routes() {
  const user = useUser();
  const { pathname } = useLocation();
  const household = isHousehold(user);

  const site = matchPath('/sites/:id', pathname);
  if (site?.id) return <SitePage key={site.id} siteId={site.id} />;
  const unit = matchPath('/performance/units/:id', pathname);
  if (unit?.id) return household ? <Forbidden /> : <UnitPerformancePage key={unit.id} unitId={unit.id} />;
  if (pathname === '/performance') return household ? <Forbidden /> : <PerformancePage />;
  if (pathname === '/post-evaluation') return household ? <Forbidden /> : <PostEvaluationPage />;
  if (pathname === '/') return household ? <RedirectHome /> : <OverviewPage />;
  if (pathname === '/sites') return household ? <RedirectHome /> : <SiteListPage />;
  if (pathname === '/registry') return household ? <Forbidden /> : <RegistryPage />;
  if (pathname === '/dead-letters') return may(user, 'deadletter:read') ? <DeadLettersPage /> : <Forbidden />;
  if (pathname === '/dispatch') return household ? <Forbidden /> : <DispatchPage />;
  if (pathname === '/demand-response') return household ? <Forbidden /> : <DemandResponsePage />;
  if (pathname === '/audit') return may(user, 'audit:read') ? <AuditPage /> : <Forbidden />;
  return <NotFoundPage />;
}
