import { describe, expect, it } from 'vitest';
import { REGISTRY_KINDS, REGISTRY_SCHEMAS } from '../../domain/registry.js';
import { REGISTRY_COLUMNS } from './columns.js';

describe('REGISTRY_COLUMNS', () => {
  it('has one column per schema field, in schema order, each with a meaning', () => {
    for (const kind of REGISTRY_KINDS) {
      expect(REGISTRY_COLUMNS[kind].map((c) => c.name)).toEqual(Object.keys(REGISTRY_SCHEMAS[kind].shape));
      for (const c of REGISTRY_COLUMNS[kind]) expect(c.meaning, `${kind}.${c.name}`).not.toBe('');
    }
  });

  it('derives cell types, required columns and defaults from the schemas', () => {
    const units = new Map(REGISTRY_COLUMNS.units.map((c) => [c.name, c]));
    expect(units.get('installedOn')).toMatchObject({ type: 'date', required: true });
    expect(units.get('nominalCapacityKw')).toMatchObject({ type: 'number', required: true, unit: 'kW' });
    expect(units.get('serialNumber')).toMatchObject({ type: 'text', required: false });
    expect(units.get('capacityControl')).toMatchObject({ type: 'enum', values: ['inverter', 'fixed-speed'] });
    expect(REGISTRY_COLUMNS.areas.find((c) => c.name === 'parentId')).toMatchObject({ type: 'id', required: true, nullable: true });
    expect(REGISTRY_COLUMNS.buildings.find((c) => c.name === 'storeys')).toMatchObject({ type: 'integer' });
    expect(REGISTRY_COLUMNS.transformers.find((c) => c.name === 'powerFactor')).toMatchObject({ required: false, defaultValue: 0.9 });
    expect(REGISTRY_COLUMNS.devices.find((c) => c.name === 'unitIds')).toMatchObject({ type: 'list', itemType: 'id', required: true });
    expect(REGISTRY_COLUMNS.meters.find((c) => c.name === 'channels')).toMatchObject({ type: 'list', itemType: 'enum' });
  });
});
