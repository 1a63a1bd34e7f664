import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptySnapshot, type RegistrySnapshot } from '../../domain/registry.js';
import { exportRegistry, type ExportFormat } from './export-registry.js';
import { parseRegistryFiles } from './parse-registry-files.js';

const demo = (): RegistrySnapshot => ({ ...emptySnapshot(), ...(JSON.parse(readFileSync(new URL('../../../examples/registry/registry.json', import.meta.url), 'utf8')) as Partial<RegistrySnapshot>) });

async function roundTrip(snapshot: RegistrySnapshot, format: ExportFormat): Promise<RegistrySnapshot> {
  const files = await exportRegistry(snapshot, format);
  const parsed = await parseRegistryFiles(files);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 5)));
  return { ...emptySnapshot(), ...parsed.batch };
}

describe('exportRegistry', () => {
  it.each(['json', 'xlsx', 'csv'] as const)('%s: export then import gives back the same snapshot', async (format) => {
    const snapshot = demo();
    expect(await roundTrip(snapshot, format)).toEqual(snapshot);
  });

  it('writes one CSV file per kind, UTF-8 with BOM, lists joined with ";"', async () => {
    const files = await exportRegistry(demo(), 'csv');
    expect(files.map((f) => f.name)).toEqual(['areas.csv', 'organisations.csv', 'programmes.csv', 'transformers.csv', 'sites.csv', 'buildings.csv', 'units.csv', 'meters.csv', 'devices.csv']);
    const devices = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.at(-1)?.bytes);
    expect(devices.startsWith('\uFEFFid,siteId,unitIds,status\n')).toBe(true);
    expect(devices).toContain('GW-DZ-003,S-DZ-003,U-DZ-003;U-DZ-003B,active');
  });

  it('exports an empty registry as headers only, which imports as nothing', async () => {
    for (const format of ['json', 'xlsx', 'csv'] as const) expect(await roundTrip(emptySnapshot(), format)).toEqual(emptySnapshot());
  });

  // Text that trips CSV and spreadsheets: quotes, separators, line breaks, Chinese, digits-only, formulas.
  const text = fc.stringMatching(/^[A-Za-z0-9 ,;"'\n=+\-大兴区东庄村张伟家（）#．]{1,30}$/).map((s) => s.trim()).filter((s) => s.length > 0);
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  // -0 is written as 0 by every format; it is the same coordinate.
  const coord = (max: number) => fc.double({ min: -max, max, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x));
  const site = fc.record({
    id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,10}$/),
    name: text,
    address: optional(text),
    lat: optional(coord(90)),
    lon: optional(coord(180)),
  });

  it.each([['json', 100], ['csv', 100], ['xlsx', 15]] as const)('%s: round trip holds for arbitrary text and numbers', async (format, numRuns) => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(site, { selector: (s) => s.id, minLength: 1, maxLength: 5 }), async (rows) => {
        const snapshot = demo();
        snapshot.sites = rows.map((r) => {
          const s = { id: r.id, kind: 'household' as const, name: r.name, villageId: 'BJ-DX-DZ', operatorOrgId: 'ORG-JRHS' };
          return { ...s, ...(r.address === undefined ? {} : { address: r.address }), ...(r.lat === undefined ? {} : { lat: r.lat }), ...(r.lon === undefined ? {} : { lon: r.lon }) };
        });
        snapshot.buildings = []; snapshot.units = []; snapshot.meters = []; snapshot.devices = [];
        expect(await roundTrip(snapshot, format)).toEqual(snapshot);
      }),
      { numRuns },
    );
  });
});
