/** Keeps examples/registry and the column tables of docs/registry-import.md true to the code. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptySnapshot, type RegistrySnapshot } from '../../domain/registry.js';
import { columnTablesMarkdown } from './column-docs.js';
import { exportRegistry } from './export-registry.js';
import { parseRegistryFiles, type ParseResult } from './parse-registry-files.js';
import { readRegistryFiles } from './read-files.js';

const examples = (p: string): string => fileURLToPath(new URL(`../../../examples/registry/${p}`, import.meta.url));
const REGENERATE = 'stale: run `npx tsx examples/registry/generate.ts`';

async function demo(): Promise<RegistrySnapshot> {
  const r = await parseRegistryFiles(await readRegistryFiles([examples('registry.json')]));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { ...emptySnapshot(), ...r.batch };
}
const batchOf = (r: ParseResult) => (r.ok ? { ...emptySnapshot(), ...r.batch } : r.errors);

describe('examples/registry', () => {
  it('registry.json is valid and in the exporter\'s canonical form', async () => {
    const [json] = await exportRegistry(await demo(), 'json');
    expect(new TextDecoder().decode(json?.bytes), REGENERATE).toBe(readFileSync(examples('registry.json'), 'utf8'));
  });

  it('registry.xlsx and the csv/ folder hold the same registry as registry.json', async () => {
    const snapshot = await demo();
    expect(batchOf(await parseRegistryFiles(await readRegistryFiles([examples('registry.xlsx')]))), REGENERATE).toEqual(snapshot);
    expect(batchOf(await parseRegistryFiles(await readRegistryFiles([examples('csv')]))), REGENERATE).toEqual(snapshot);
  });

  it('the broken example, imported over the demo registry, gives these errors', async () => {
    const r = await parseRegistryFiles(await readRegistryFiles([examples('broken')]), { existing: await demo() });
    expect(r).toEqual({
      ok: false,
      errorCount: 13,
      errors: [
        { file: 'buildings.csv', row: 1, column: 'storeys', reason: 'required column storeys is missing' },
        { file: 'buildings.csv', row: 2, column: 'heatedAreaM2', reason: 'heatedAreaM2: must be a positive number, got "-5"' },
        { file: 'devices.csv', row: 2, column: 'unitIds', reason: "unitIds: unit U-DZ-001 belongs to site S-DZ-001, not to this device's site S-DZ-010" },
        { file: 'sites.csv', row: 1, column: 'colour', reason: 'unknown column for sites; expected some of id, kind, name, villageId, operatorOrgId, serviceOrgId, programmeId, transformerId, address, lat, lon' },
        { file: 'sites.csv', row: 2, column: 'transformerId', reason: "transformerId: transformer TR-XY-1 is in village BJ-DX-XY, not in this site's village BJ-DX-DZ" },
        { file: 'sites.csv', row: 3, column: 'kind', reason: 'kind: must be one of household, station, got "farm"' },
        { file: 'sites.csv', row: 3, column: 'lat', reason: 'lat: must be at most 90, got "91"' },
        { file: 'sites.csv', row: 4, column: 'id', reason: 'id: duplicate site id "S-DZ-010", first on row 2 of sites.csv' },
        { file: 'sites.csv', row: 4, column: 'villageId', reason: 'villageId: area BJ-DX is a county, not a village' },
        { file: 'sites.csv', row: 4, column: 'operatorOrgId', reason: 'operatorOrgId: no organisation "ORG-NONE" in the import or the registry' },
        { file: 'units.csv', row: 2, column: 'nominalCapacityKw', reason: 'nominalCapacityKw: must be a number, got "十"' },
        { file: 'units.csv', row: 2, column: 'installedOn', reason: 'installedOn: is not a calendar date, got "2017-02-30"' },
        { file: 'units.csv', row: 3, column: 'siteId', reason: 'siteId: no site "S-NONE" in the import or the registry' },
      ],
    });
  });

  it('docs/registry-import.md lists every column as the schemas define it', () => {
    const docs = readFileSync(new URL('../../../docs/registry-import.md', import.meta.url), 'utf8');
    expect(docs.includes(columnTablesMarkdown()), REGENERATE).toBe(true);
  });
});
