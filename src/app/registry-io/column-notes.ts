/**
 * What each registry column means, in which unit, written once so the import guide, the XLSX header
 * notes and the error messages agree. `columns.test.ts` fails when a schema field has no note here.
 */
import type { RegistryKind } from '../../domain/registry.js';

export interface ColumnNote {
  /** Unit or format of the value, e.g. `m²`, `kW`, `YYYY-MM-DD`; empty when it has none. */
  readonly unit: string;
  readonly meaning: string;
  /** The cell holds a calendar date (spreadsheet date cells are accepted). */
  readonly date?: true;
}

const n = (meaning: string, unit = ''): ColumnNote => ({ unit, meaning });

export const COLUMN_NOTES: { readonly [K in RegistryKind]: Readonly<Record<string, ColumnNote>> } = {
  areas: {
    id: n('Unique id of the area'),
    kind: n('Level of the area: a region contains counties, a county contains villages'),
    parentId: n('Id of the enclosing area: empty for a region, a region for a county, a county for a village'),
    name: n('Name (Latin script or pinyin)'),
    nameZh: n('Chinese name, e.g. 大兴区'),
    lat: n('Latitude of the area centre, WGS 84', '°'),
    lon: n('Longitude of the area centre, WGS 84', '°'),
  },
  organisations: {
    id: n('Unique id of the organisation'),
    kind: n('Role of the organisation in the programme'),
    name: n('Name (Latin script or pinyin)'),
    nameZh: n('Chinese name'),
  },
  programmes: {
    id: n('Unique id of the subsidy / clean-heating programme'),
    name: n('Name of the programme'),
    year: n('Year the programme started', 'year'),
    areaId: n('Id of the area (region, county or village) the programme covers'),
    description: n('Free text'),
  },
  transformers: {
    id: n('Unique id of the distribution transformer'),
    villageId: n('Id of the village (an area of kind village) the transformer feeds'),
    name: n('Name or grid asset number'),
    ratingKva: n('Rated apparent power', 'kVA'),
    powerFactor: n('Power factor used to turn the kVA rating into a kW limit; empty means 0.9', '0–1'),
  },
  sites: {
    id: n('Unique id of the site (a household or a village energy station)'),
    kind: n('household or station'),
    name: n('Name of the household or station'),
    villageId: n('Id of the village (an area of kind village) the site is in'),
    operatorOrgId: n('Id of the organisation that operates the heating'),
    serviceOrgId: n('Id of the organisation that does after-sales service'),
    programmeId: n('Id of the programme that funded the installation'),
    transformerId: n('Id of the transformer feeding the site; must be in the same village'),
    address: n('Postal address'),
    lat: n('Latitude, WGS 84', '°'),
    lon: n('Longitude, WGS 84', '°'),
  },
  buildings: {
    id: n('Unique id of the building'),
    siteId: n('Id of the site the building belongs to'),
    heatedAreaM2: n('Heated floor area', 'm²'),
    constructionYear: n('Year of construction', 'year'),
    envelope: n('Insulation state of the building envelope'),
    storeys: n('Number of storeys', 'count'),
    thermalMass: n('Thermal mass class (EN ISO 13790); empty means heavy (brick, concrete)'),
  },
  units: {
    id: n('Unique id of the heat-pump unit'),
    siteId: n('Id of the site where the unit is installed'),
    type: n('Heat-pump type (source and sink), see docs/heat-pump-types'),
    manufacturer: n('Manufacturer as printed on the nameplate'),
    manufacturerOrgId: n('Id of the manufacturer organisation, if registered'),
    model: n('Model designation'),
    nominalCapacityKw: n('Nominal heating capacity from the nameplate', 'kW'),
    capacityControl: n('inverter (variable speed) or fixed-speed (on/off)'),
    refrigerant: n('Refrigerant, e.g. R410A, R32, R744'),
    installedOn: { unit: 'YYYY-MM-DD', meaning: 'Commissioning date', date: true },
    emitter: n('Heat emitter the unit feeds'),
    serialNumber: n('Serial number from the nameplate'),
  },
  meters: {
    id: n('Unique id of the meter or sensor'),
    unitId: n('Id of the heat-pump unit the meter measures'),
    kind: n('What the meter is'),
    channels: n('Telemetry channels the meter reports, separated by ";" (see docs/telemetry.md)', 'list'),
    accuracyClass: n('Accuracy class, e.g. 2 (electricity) or EN 1434 class 2 (heat)'),
    model: n('Meter model'),
  },
  devices: {
    id: n('Unique id of the gateway; also its MQTT username'),
    siteId: n('Id of the site the gateway is installed at'),
    unitIds: n('Ids of the units (all of this site) the gateway reports for, separated by ";"', 'list'),
    status: n('active or revoked; empty means active'),
  },
};
