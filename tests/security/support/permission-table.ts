/** The permission matrix of docs/security.md, rendered from ROLE_ACTIONS (a test keeps the doc in step). */
import { ACTIONS, ROLES, ROLE_ACTIONS } from '../../../src/domain/roles.js';

export function permissionTable(): string {
  const head = `| action | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = ACTIONS.map((a) => `| \`${a}\` | ${ROLES.map((r) => (ROLE_ACTIONS[r].includes(a) ? '✓' : '—')).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}
