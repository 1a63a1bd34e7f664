/**
 * The demo programme's registry: Beijing, two districts, three villages (places the source document
 * names: rural Yanqing and Huairou), two competing heating operators, a service centre, village
 * transformers, and the households of a twin fleet spread across the villages. Coordinates are
 * approximate public ones (../shared/scenarios/seed-sites.md); household data are simulated.
 */
import type { Area, Organisation, RegistrySnapshot, Site } from '../../domain/registry.js';
import { registryBuildingOf, registryUnitOf, type FleetDefinition, type HouseholdDefinition } from '../../sim/index.js';

export const DEMO_REGION = 'bj';
export const DEMO_OPERATOR_A = 'op-beinuan';
export const DEMO_OPERATOR_B = 'op-yanshan';
export const DEMO_GOVERNMENT = 'gov-bj-rural-energy';

interface DemoVillage extends Area {
  /** Share of the fleet living here, and who operates it. */
  readonly share: number;
  readonly operatorOrgId: string;
  readonly transformerKva: number;
  readonly programmeId: string;
}

const AREAS: Area[] = [
  { id: DEMO_REGION, kind: 'region', parentId: null, name: 'Beijing', nameZh: '北京市', lat: 39.9, lon: 116.4 },
  { id: 'bj-yanqing', kind: 'county', parentId: DEMO_REGION, name: 'Yanqing District', nameZh: '延庆区', lat: 40.45, lon: 115.97 },
  { id: 'bj-huairou', kind: 'county', parentId: DEMO_REGION, name: 'Huairou District', nameZh: '怀柔区', lat: 40.32, lon: 116.63 },
];

const VILLAGES: DemoVillage[] = [
  { id: 'yq-zhangshanying', kind: 'village', parentId: 'bj-yanqing', name: 'Zhangshanying', nameZh: '张山营村', lat: 40.47, lon: 115.88, share: 0.4, operatorOrgId: DEMO_OPERATOR_A, transformerKva: 400, programmeId: 'prog-2017-yanqing' },
  { id: 'yq-kangzhuang', kind: 'village', parentId: 'bj-yanqing', name: 'Kangzhuang', nameZh: '康庄村', lat: 40.4, lon: 115.98, share: 0.33, operatorOrgId: DEMO_OPERATOR_A, transformerKva: 315, programmeId: 'prog-2017-yanqing' },
  { id: 'hr-qiaozi', kind: 'village', parentId: 'bj-huairou', name: 'Qiaozi', nameZh: '桥梓村', lat: 40.35, lon: 116.57, share: 0.27, operatorOrgId: DEMO_OPERATOR_B, transformerKva: 315, programmeId: 'prog-2017-huairou' },
];

export const DEMO_ORGANISATIONS: Organisation[] = [
  { id: DEMO_GOVERNMENT, kind: 'government', name: 'Beijing Rural Energy Office (demo)', nameZh: '北京市农村能源办公室（演示）' },
  { id: DEMO_OPERATOR_A, kind: 'heating-operator', name: 'Beinuan Heating Services (demo)', nameZh: '北暖供热服务公司（演示）' },
  { id: DEMO_OPERATOR_B, kind: 'heating-operator', name: 'Yanshan Warm Home (demo)', nameZh: '燕山暖居公司（演示）' },
  { id: 'svc-yanqing', kind: 'service-centre', name: 'Yanqing Service Centre (demo)', nameZh: '延庆服务站（演示）' },
];

export interface DemoHousehold {
  readonly household: HouseholdDefinition;
  readonly siteId: string;
  readonly unitId: string;
  readonly deviceId: string;
  readonly villageId: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];

/** Assigns households to villages by share, in order, and builds the registry batch. */
export function demoProgramme(fleet: FleetDefinition): { snapshot: RegistrySnapshot; households: DemoHousehold[] } {
  const n = fleet.households.length;
  const bounds: number[] = [];
  let acc = 0;
  for (const v of VILLAGES) {
    acc += v.share;
    bounds.push(Math.round(acc * n));
  }
  const households: DemoHousehold[] = fleet.households.map((h, i) => {
    const vi = bounds.findIndex((b) => i < b);
    const village = VILLAGES[vi === -1 ? VILLAGES.length - 1 : vi] as DemoVillage;
    const no = String(i + 1).padStart(3, '0');
    return { household: h, siteId: `${village.id}-h${no}`, unitId: `${village.id}-h${no}-hp1`, deviceId: `${village.id}-h${no}-gw`, villageId: village.id };
  });
  const sites: Site[] = households.map((d, i) => {
    const v = VILLAGES.find((x) => x.id === d.villageId) as DemoVillage;
    const surname = SURNAMES[i % SURNAMES.length] as string;
    return {
      id: d.siteId,
      kind: 'household',
      name: `${surname}宅 ${d.siteId.split('-h')[1]}号`,
      villageId: v.id,
      operatorOrgId: v.operatorOrgId,
      ...(v.operatorOrgId === DEMO_OPERATOR_A ? { serviceOrgId: 'svc-yanqing' } : {}),
      programmeId: v.programmeId,
      transformerId: `${v.id}-tx1`,
      lat: (v.lat ?? 40) + ((i * 37) % 19 - 9) * 0.0004,
      lon: (v.lon ?? 116) + ((i * 53) % 23 - 11) * 0.0004,
    };
  });
  const snapshot: RegistrySnapshot = {
    areas: [...AREAS, ...VILLAGES.map(({ id, kind, parentId, name, nameZh, lat, lon }) => ({ id, kind, parentId, name, nameZh, lat, lon }))],
    organisations: DEMO_ORGANISATIONS,
    programmes: [
      { id: 'prog-2017-yanqing', name: '2017 coal-to-electricity, Yanqing', year: 2017, areaId: 'bj-yanqing', description: '煤改电 2017 延庆区' },
      { id: 'prog-2017-huairou', name: '2017 coal-to-electricity, Huairou', year: 2017, areaId: 'bj-huairou', description: '煤改电 2017 怀柔区' },
    ],
    transformers: VILLAGES.map((v) => ({ id: `${v.id}-tx1`, villageId: v.id, name: `${v.nameZh} 1号配变`, ratingKva: v.transformerKva, powerFactor: 0.9 })),
    sites,
    buildings: households.map((d) => registryBuildingOf(d.household, { buildingId: `${d.siteId}-b1`, siteId: d.siteId })),
    units: households.map((d) => registryUnitOf(d.household, { unitId: d.unitId, siteId: d.siteId })),
    meters: households.flatMap((d) => [
      { id: `${d.unitId}-em`, unitId: d.unitId, kind: 'electricity' as const, channels: ['unitPowerW', 'unitEnergyKWh', 'backupPowerW', 'backupEnergyKWh', 'pumpPowerW', 'pumpEnergyKWh'] as const, accuracyClass: 'class 1' },
      { id: `${d.unitId}-hm`, unitId: d.unitId, kind: 'heat' as const, channels: ['heatPowerW', 'heatEnergyKWh', 'supplyTempC', 'returnTempC', 'flowM3h'] as const, accuracyClass: 'EN 1434 class 2' },
    ]).map((m) => ({ ...m, channels: [...m.channels] })),
    devices: households.map((d) => ({ id: d.deviceId, siteId: d.siteId, unitIds: [d.unitId], status: 'active' as const })),
  };
  return { snapshot, households };
}
