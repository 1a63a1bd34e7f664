/** docs/security.md shows the permission matrix the code enforces. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { permissionTable } from './support/permission-table.js';

it('docs/security.md holds the permission matrix generated from ROLE_ACTIONS', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/security.md', import.meta.url)), 'utf8');
  const between = /<!-- permission-table:start -->\n([\s\S]*?)\n<!-- permission-table:end -->/.exec(doc)?.[1];
  expect(between, 'regenerate the table with permissionTable() (tests/security/support/permission-table.ts)').toBe(permissionTable());
});
