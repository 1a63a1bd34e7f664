import type { UserView } from '../../../src/contract/api.js';
import { homePath, isHousehold, may } from '../auth/session.js';

export interface NavItem {
  key: string;
  path: string;
  labelKey: string;
}

/**
 * Menu entries the user's role may use. Hiding is a courtesy only: the server checks every request.
 */
export function navItems(user: UserView): NavItem[] {
  if (isHousehold(user)) return [{ key: 'home', path: homePath(user), labelKey: 'nav.myHome' }];
  const items: NavItem[] = [
    { key: 'overview', path: '/', labelKey: 'nav.overview' },
    { key: 'sites', path: '/sites', labelKey: 'nav.sites' },
    { key: 'performance', path: '/performance', labelKey: 'nav.performance' },
    { key: 'post-evaluation', path: '/post-evaluation', labelKey: 'nav.postEvaluation' },
    { key: 'registry', path: '/registry', labelKey: 'nav.registry' },
  ];
  // Central control: everyone outside a household who sees a village; steering needs device:command (checked per page).
  items.push({ key: 'dispatch', path: '/dispatch', labelKey: 'nav.dispatch' }, { key: 'demand-response', path: '/demand-response', labelKey: 'nav.demandResponse' });
  if (may(user, 'deadletter:read')) items.push({ key: 'dead-letters', path: '/dead-letters', labelKey: 'nav.deadLetters' });
  if (may(user, 'audit:read')) items.push({ key: 'audit', path: '/audit', labelKey: 'nav.audit' });
  return items;
}

export function activeKey(pathname: string, items: NavItem[]): string {
  if (items.length === 1) return items[0]?.key ?? '';
  if (pathname === '/') return 'overview';
  const first = pathname.split('/')[1] ?? '';
  return items.find((i) => i.key === first)?.key ?? '';
}
