import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptySnapshot, type RegistrySnapshot } from '../../domain/registry.js';
import { parseRegistryFiles, type ParseResult, type RegistryFile } from './parse-registry-files.js';

const enc = new TextEncoder();
const csv = (name: string, text: string): RegistryFile => ({ name, bytes: enc.encode(text) });
const demo = (): RegistrySnapshot => ({ ...emptySnapshot(), ...(JSON.parse(readFileSync(new URL('../../../examples/registry/registry.json', import.meta.url), 'utf8')) as Partial<RegistrySnapshot>) });
const errorsOf = (r: ParseResult) => (r.ok ? [] : r.errors);

const BUILDING_HEADER = 'id,siteId,heatedAreaM2,constructionYear,envelope,storeys,thermalMass';

describe('parseRegistryFiles: CSV', () => {
  it('reads a UTF-8 file with BOM, Chinese text, empty optional cells and defaults', async () => {
    const r = await parseRegistryFiles([
      csv('sites.csv', '\uFEFFid,kind,name,villageId,operatorOrgId,serviceOrgId,address,lat,lon\nS-NEW,household,赵磊家,BJ-DX-DZ,ORG-JRHS,,东庄村7排1号,,\n'),
      csv('transformers.csv', 'id,villageId,name,ratingKva,powerFactor\nT-NEW,BJ-DX-XY,西营 2#,200,\n'),
    ], { existing: demo() });
    expect(r).toEqual({
      ok: true,
      batch: {
        transformers: [{ id: 'T-NEW', villageId: 'BJ-DX-XY', name: '西营 2#', ratingKva: 200, powerFactor: 0.9 }],
        sites: [{ id: 'S-NEW', kind: 'household', name: '赵磊家', villageId: 'BJ-DX-DZ', operatorOrgId: 'ORG-JRHS', address: '东庄村7排1号' }],
      },
      counts: expect.objectContaining({ sites: 1, transformers: 1, units: 0 }) as unknown,
    });
  });

  it('reads a GB18030 file as saved by Excel on Chinese Windows', async () => {
    // "id,kind,name\nO1,installer,中文" with 中文 in GBK (d6d0 cec4)
    const bytes = new Uint8Array([...enc.encode('id,kind,name\nO1,installer,'), 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    const r = await parseRegistryFiles([{ name: 'organisations.csv', bytes }]);
    expect(r.ok && r.batch.organisations).toEqual([{ id: 'O1', kind: 'installer', name: '中文' }]);
  });

  it('reads ";"-separated lists and semicolon-delimited files', async () => {
    const r = await parseRegistryFiles([csv('devices.csv', 'id;siteId;unitIds\nGW-X;S-DZ-003;"U-DZ-003;U-DZ-003B"\n')], { existing: demo() });
    expect(r.ok && r.batch.devices).toEqual([{ id: 'GW-X', siteId: 'S-DZ-003', unitIds: ['U-DZ-003', 'U-DZ-003B'], status: 'active' }]);
  });

  it('reports a bad cell with its row, column, reason and what the user typed', async () => {
    const r = await parseRegistryFiles([csv('buildings.csv', `${BUILDING_HEADER}\nB1,S-DZ-001,120,1990,uninsulated,1,\nB2,S-DZ-001,-5,1990,uninsulated,1,\n`)], { existing: demo() });
    expect(errorsOf(r)).toEqual([{ file: 'buildings.csv', row: 3, column: 'heatedAreaM2', reason: 'heatedAreaM2: must be a positive number, got "-5"' }]);
  });

  it('reports every problem of a row in one pass, in plain words', async () => {
    const r = await parseRegistryFiles([csv('buildings.csv', `${BUILDING_HEADER}\nb 1,,abc,1990.5,mud,0,heavy\n`)], { existing: demo() });
    expect(errorsOf(r)).toEqual([
      { file: 'buildings.csv', row: 2, column: 'heatedAreaM2', reason: 'heatedAreaM2: must be a number, got "abc"' },
      { file: 'buildings.csv', row: 2, column: 'id', reason: 'id: an id is 1–64 letters, digits, "-", "_" or "." and starts with a letter or digit, got "b 1"' },
      { file: 'buildings.csv', row: 2, column: 'siteId', reason: 'siteId: is required' },
      { file: 'buildings.csv', row: 2, column: 'constructionYear', reason: 'constructionYear: must be a whole number, got "1990.5"' },
      { file: 'buildings.csv', row: 2, column: 'envelope', reason: 'envelope: must be one of uninsulated, partially-insulated, retrofitted, energy-efficient, got "mud"' },
      { file: 'buildings.csv', row: 2, column: 'storeys', reason: 'storeys: must be at least 1, got "0"' },
    ]);
  });

  it('reports unknown columns (with a hint), duplicate columns and a missing required column once', async () => {
    const r = await parseRegistryFiles([csv('buildings.csv', 'id,siteId,heatedareaM2,colour,envelope,storeys,id\nB1,S-DZ-001,120,red,uninsulated,1,B1\nB2,S-DZ-001,99,red,uninsulated,1,B2\n')], { existing: demo() });
    expect(errorsOf(r)).toEqual([
      { file: 'buildings.csv', row: 1, column: 'heatedareaM2', reason: 'unknown column for buildings; did you mean heatedAreaM2?' },
      { file: 'buildings.csv', row: 1, column: 'colour', reason: 'unknown column for buildings; expected some of id, siteId, heatedAreaM2, constructionYear, envelope, storeys, thermalMass' },
      { file: 'buildings.csv', row: 1, column: 'id', reason: 'column appears more than once in the header' },
      { file: 'buildings.csv', row: 1, column: 'heatedAreaM2', reason: 'required column heatedAreaM2 is missing' },
      { file: 'buildings.csv', row: 1, column: 'constructionYear', reason: 'required column constructionYear is missing' },
    ]);
  });

  it('reports a value in a column without header, and skips blank lines without renumbering', async () => {
    const r = await parseRegistryFiles([csv('organisations.csv', 'id,kind,name\n\nO1,installer,A,extra\n')]);
    expect(errorsOf(r)).toEqual([{ file: 'organisations.csv', row: 3, column: null, reason: 'column 4 holds "extra" but has no header' }]);
  });

  it('numbers rows as a spreadsheet does when a quoted cell spans lines', async () => {
    const r = await parseRegistryFiles([csv('sites.csv', 'id,kind,name,villageId,operatorOrgId,address\nS1,household,A,BJ-DX-DZ,ORG-JRHS,"line 1\nline 2"\nS2,house,B,BJ-DX-DZ,ORG-JRHS,\n')], { existing: demo() });
    expect(errorsOf(r)).toEqual([{ file: 'sites.csv', row: 3, column: 'kind', reason: 'kind: must be one of household, station, got "house"' }]);
  });

  it('takes the kind from an option when the file name does not say it, and refuses otherwise', async () => {
    const file = csv('export-2024.csv', 'id,kind,name\nO1,installer,A\n');
    expect((await parseRegistryFiles([file], { kind: 'organisations' })).ok).toBe(true);
    expect(errorsOf(await parseRegistryFiles([file]))).toEqual([
      { file: 'export-2024.csv', row: 0, column: null, reason: expect.stringContaining('cannot tell the kind from the file name') as unknown },
    ]);
  });

  it('reports duplicate ids within the batch, also across files', async () => {
    const org = 'id,kind,name\nO1,installer,A\nO2,installer,B\nO1,installer,C\n';
    const r = await parseRegistryFiles([csv('organisations.csv', org), csv('more-orgs.csv', 'id,kind,name\nO2,installer,D\n')]);
    expect(errorsOf(r)).toEqual([
      { file: 'organisations.csv', row: 4, column: 'id', reason: 'id: duplicate organisation id "O1", first on row 2 of organisations.csv' },
      { file: 'more-orgs.csv', row: 2, column: 'id', reason: 'id: duplicate organisation id "O2", first on row 3 of organisations.csv' },
    ]);
  });

  it('caps the error list and still counts every error', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `B${i},S-DZ-001,-1,1990,uninsulated,1,`).join('\n');
    const r = await parseRegistryFiles([csv('buildings.csv', `${BUILDING_HEADER}\n${rows}\n`)], { existing: demo() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1000);
      expect(r.errorCount).toBe(1500);
      expect(r.errors[999]?.row).toBe(1001);
    }
  });

  it('refuses unsupported files and an empty call', async () => {
    expect(errorsOf(await parseRegistryFiles([csv('sites.xls', '')]))[0]?.reason).toBe('unsupported file type; use .json, .xlsx or .csv');
    expect(errorsOf(await parseRegistryFiles([]))[0]?.reason).toBe('no files to import');
  });
});

describe('parseRegistryFiles: references', () => {
  const refErrors = async (files: RegistryFile[], existing = demo()) => errorsOf(await parseRegistryFiles(files, { existing }));

  it('checks the area hierarchy region → county → village', async () => {
    expect(await refErrors([csv('areas.csv', 'id,kind,parentId,name\nR2,region,BJ,X\nC2,county,,Y\nV2,village,BJ,Z\nV3,village,NOPE,W\n')])).toEqual([
      { file: 'areas.csv', row: 2, column: 'parentId', reason: 'parentId: a region has no parent, got "BJ"' },
      { file: 'areas.csv', row: 3, column: 'parentId', reason: 'parentId: a county needs a parent region' },
      { file: 'areas.csv', row: 4, column: 'parentId', reason: "parentId: a village's parent must be a county, but BJ is a region" },
      { file: 'areas.csv', row: 5, column: 'parentId', reason: 'parentId: no area "NOPE" in the import or the registry' },
    ]);
  });

  it('checks sites: village, operator, transformer in the same village', async () => {
    const head = 'id,kind,name,villageId,operatorOrgId,transformerId,programmeId\n';
    expect(await refErrors([csv('sites.csv', `${head}S1,household,A,BJ-DX,ORG-JRHS,,\nS2,household,B,BJ-DX-XY,ORG-NONE,TR-DZ-1,PRG-NONE\n`)])).toEqual([
      { file: 'sites.csv', row: 2, column: 'villageId', reason: 'villageId: area BJ-DX is a county, not a village' },
      { file: 'sites.csv', row: 3, column: 'operatorOrgId', reason: 'operatorOrgId: no organisation "ORG-NONE" in the import or the registry' },
      { file: 'sites.csv', row: 3, column: 'programmeId', reason: 'programmeId: no programme "PRG-NONE" in the import or the registry' },
      { file: 'sites.csv', row: 3, column: 'transformerId', reason: "transformerId: transformer TR-DZ-1 is in village BJ-DX-DZ, not in this site's village BJ-DX-XY" },
    ]);
  });

  it('checks units, meters, transformers and that a device reports only units of its own site', async () => {
    expect(await refErrors([
      csv('transformers.csv', 'id,villageId,name,ratingKva\nT9,BJ-DX,T,100\n'),
      csv('units.csv', 'id,siteId,type,manufacturer,model,nominalCapacityKw,capacityControl,refrigerant,installedOn,emitter\nU9,S-NONE,air-to-water,M,X,10,inverter,R32,2020-01-01,floor\n'),
      csv('meters.csv', 'id,unitId,kind,channels\nM9,U-NONE,heat,heatPowerW\n'),
      csv('devices.csv', 'id,siteId,unitIds\nGW9,S-DZ-001,U-DZ-001;U-DZ-002\n'),
    ])).toEqual([
      { file: 'transformers.csv', row: 2, column: 'villageId', reason: 'villageId: area BJ-DX is a county, not a village' },
      { file: 'units.csv', row: 2, column: 'siteId', reason: 'siteId: no site "S-NONE" in the import or the registry' },
      { file: 'meters.csv', row: 2, column: 'unitId', reason: 'unitId: no unit "U-NONE" in the import or the registry' },
      { file: 'devices.csv', row: 2, column: 'unitIds', reason: "unitIds: unit U-DZ-002 belongs to site S-DZ-002, not to this device's site S-DZ-001" },
    ]);
  });

  it('resolves references within the batch, in any file order', async () => {
    expect(await refErrors([
      csv('units.csv', 'id,siteId,type,manufacturer,model,nominalCapacityKw,capacityControl,refrigerant,installedOn,emitter\nU9,S9,air-to-water,M,X,10,inverter,R32,2020-01-01,floor\n'),
      csv('sites.csv', 'id,kind,name,villageId,operatorOrgId\nS9,household,A,V9,O9\n'),
      csv('areas.csv', 'id,kind,parentId,name\nV9,village,BJ-DX,V\n'),
      csv('organisations.csv', 'id,kind,name\nO9,installer,O\n'),
    ], emptySnapshot())).toEqual([
      { file: 'areas.csv', row: 2, column: 'parentId', reason: 'parentId: no area "BJ-DX" in the import or the registry' },
    ]);
  });

  it('does not repeat an error for references to a row that is already refused', async () => {
    expect(await refErrors([
      csv('sites.csv', 'id,kind,name,villageId,operatorOrgId\nS9,household,A,BJ-DX-DZ,\n'),
      csv('buildings.csv', `${BUILDING_HEADER}\nB9,S9,100,2000,retrofitted,1,\n`),
    ])).toEqual([{ file: 'sites.csv', row: 2, column: 'operatorOrgId', reason: 'operatorOrgId: is required' }]);
  });

  it('reports a change that breaks existing entities on the changed row', async () => {
    expect(await refErrors([csv('areas.csv', 'id,kind,parentId,name\nBJ-DX-XY,county,BJ,Xiying\n')])).toEqual([
      { file: 'areas.csv', row: 2, column: null, reason: 'this change breaks existing transformer TR-XY-1: villageId: area BJ-DX-XY is a county, not a village' },
      { file: 'areas.csv', row: 2, column: null, reason: 'this change breaks existing site S-XY-001: villageId: area BJ-DX-XY is a county, not a village' },
      { file: 'areas.csv', row: 2, column: null, reason: 'this change breaks existing site S-XY-002: villageId: area BJ-DX-XY is a county, not a village' },
    ]);
  });
});

describe('parseRegistryFiles: XLSX', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<RegistryFile> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return { name: 'book.xlsx', bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) };
  }
  const unitHeader = ['id', 'siteId', 'type', 'manufacturer', 'model', 'nominalCapacityKw', 'capacityControl', 'refrigerant', 'installedOn', 'emitter'];
  const unit = (id: string, installedOn: unknown) => [id, 'S-DZ-001', 'air-to-water', '格力', 'X', 10, 'inverter', 'R32', installedOn, 'floor'];

  it('reads Excel date cells, serial numbers and date text as the calendar day', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('units');
      ws.addRow(unitHeader);
      ws.addRow(unit('U1', new Date(Date.UTC(2017, 9, 12))));
      ws.getCell('I2').numFmt = 'yyyy-mm-dd';
      ws.addRow(unit('U2', 43020));
      ws.addRow(unit('U3', '2017年10月12日'));
      ws.addRow(unit('U4', { formula: 'DATE(2017,10,12)', result: new Date(Date.UTC(2017, 9, 12)) }));
    });
    const r = await parseRegistryFiles([file], { existing: demo() });
    expect(r.ok && r.batch.units?.map((u) => [u.id, u.installedOn, u.manufacturer])).toEqual([
      ['U1', '2017-10-12', '格力'], ['U2', '2017-10-12', '格力'], ['U3', '2017-10-12', '格力'], ['U4', '2017-10-12', '格力'],
    ]);
  });

  it('reads dates of a workbook in the 1904 date system', async () => {
    const file = await workbook((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('units');
      ws.addRow(unitHeader);
      ws.addRow(unit('U1', new Date(Date.UTC(2017, 9, 12))));
      ws.getCell('I2').numFmt = 'yyyy-mm-dd';
    });
    const r = await parseRegistryFiles([file], { existing: demo() });
    expect(r.ok && r.batch.units?.[0]?.installedOn).toBe('2017-10-12');
  });

  it('reports errors with sheet, row and column; unknown sheets; spreadsheet error cells', async () => {
    const file = await workbook((wb) => {
      wb.addWorksheet('Sheet1'); // empty default sheets are ignored
      wb.addWorksheet('notes').addRow(['hello']);
      const ws = wb.addWorksheet('Units');
      ws.addRow(unitHeader);
      ws.addRow(unit('U1', '2017-13-01'));
      ws.addRow(unit('U2', { error: '#N/A' }));
    });
    expect(errorsOf(await parseRegistryFiles([file], { existing: demo() }))).toEqual([
      { file: 'book.xlsx', sheet: 'notes', row: 0, column: null, reason: expect.stringContaining('unknown sheet "notes"') as unknown },
      { file: 'book.xlsx', sheet: 'Units', row: 2, column: 'installedOn', reason: 'installedOn: is not a calendar date, got "2017-13-01"' },
      { file: 'book.xlsx', sheet: 'Units', row: 3, column: 'installedOn', reason: 'cell holds the spreadsheet error #N/A' },
      { file: 'book.xlsx', sheet: 'Units', row: 3, column: 'installedOn', reason: 'installedOn: is required' },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    expect(errorsOf(await parseRegistryFiles([csv('x.xlsx', 'not a zip')]))[0]).toMatchObject({ file: 'x.xlsx', row: 0, column: null });
  });
});

describe('parseRegistryFiles: JSON', () => {
  const json = (doc: unknown, name = 'registry.json'): RegistryFile => ({ name, bytes: enc.encode(`\uFEFF${JSON.stringify(doc)}`) });

  it('reads any subset of kinds, ignores $-keys and treats null as absent for optional fields', async () => {
    const r = await parseRegistryFiles([json({ $schema: 'x', organisations: [{ id: 'O1', kind: 'installer', name: '安装公司', nameZh: null }] })]);
    expect(r).toMatchObject({ ok: true, batch: { organisations: [{ id: 'O1', kind: 'installer', name: '安装公司' }] } });
  });

  it('reports errors with the kind as sheet and the 1-based array position as row', async () => {
    const r = await parseRegistryFiles([json({ organisations: [{ id: 'O1', kind: 'installer', name: 'A' }, { id: 'O2', kind: 'bank', name: 'B', colour: 'red' }, 7], widgets: [] })]);
    expect(errorsOf(r)).toEqual([
      { file: 'registry.json', row: 0, column: null, reason: expect.stringContaining('unknown kind "widgets"') as unknown },
      { file: 'registry.json', sheet: 'organisations', row: 2, column: 'colour', reason: 'unknown field for organisations' },
      { file: 'registry.json', sheet: 'organisations', row: 2, column: 'kind', reason: 'kind: must be one of government, manufacturer, installer, heating-operator, service-centre, platform, got "bank"' },
      { file: 'registry.json', sheet: 'organisations', row: 3, column: null, reason: 'must be an object' },
    ]);
  });

  it('reports item errors of lists and type errors', async () => {
    const r = await parseRegistryFiles([json({ meters: [{ id: 'M1', unitId: 'U-DZ-001', kind: 'heat', channels: ['heatPowerW', 'warmth'] }], buildings: [{ id: 'B1', siteId: 'S-DZ-001', heatedAreaM2: '120', constructionYear: 2000, envelope: 'retrofitted', storeys: 1 }] })], { existing: demo() });
    expect(errorsOf(r)).toEqual([
      { file: 'registry.json', sheet: 'buildings', row: 1, column: 'heatedAreaM2', reason: 'heatedAreaM2: must be a number, got "120"' },
      { file: 'registry.json', sheet: 'meters', row: 1, column: 'channels', reason: expect.stringMatching(/^channels: item 2 must be one of outdoorTempC, .*, got "warmth"$/) as unknown },
    ]);
  });

  it('reports a syntax error with its line', async () => {
    const r = await parseRegistryFiles([{ name: 'r.json', bytes: enc.encode('{\n"areas": [\n}') }]);
    expect(errorsOf(r)[0]?.reason).toMatch(/^not valid JSON/);
  });
});

describe('parseRegistryFiles: encodings', () => {
  it('refuses a file marked UTF-8 (BOM) whose bytes are not UTF-8, rather than guess', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('id,kind,name\nO1,installer,'), 0xd6, 0xd0, 0x0a]);
    expect(errorsOf(await parseRegistryFiles([{ name: 'organisations.csv', bytes }]))).toEqual([
      { file: 'organisations.csv', row: 0, column: null, reason: 'the file starts with a UTF-8 BOM but is not valid UTF-8' },
    ]);
  });

  it('reads UTF-16 text with BOM (Excel "Unicode text")', async () => {
    const text = 'id,kind,name\nO1,installer,中文\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) { const c = text.charCodeAt(i); bytes[2 + 2 * i] = c & 0xff; bytes[3 + 2 * i] = c >> 8; }
    const r = await parseRegistryFiles([{ name: 'organisations.csv', bytes }]);
    expect(r.ok && r.batch.organisations).toEqual([{ id: 'O1', kind: 'installer', name: '中文' }]);
  });
});
