import { describe, expect, it } from 'vitest';
import { formatOfFile, kindOfFileName } from './file-kind.js';

describe('file names', () => {
  it('tell the format by extension', () => {
    expect(formatOfFile('registry.JSON')).toBe('json');
    expect(formatOfFile('a/b/registry.xlsx')).toBe('xlsx');
    expect(formatOfFile('sites.csv')).toBe('csv');
    expect(formatOfFile('sites.xls')).toBeNull();
  });

  it('tell the kind of a CSV file, in plural, singular or with a prefix', () => {
    expect(kindOfFileName('sites.csv')).toBe('sites');
    expect(kindOfFileName('dir/2024-units.csv')).toBe('units');
    expect(kindOfFileName('Site.csv')).toBe('sites');
    expect(kindOfFileName('organizations_daxing.csv')).toBe('organisations');
  });

  it('name no kind when the name says none or several', () => {
    expect(kindOfFileName('export.csv')).toBeNull();
    expect(kindOfFileName('sites-and-units.csv')).toBeNull();
  });
});
