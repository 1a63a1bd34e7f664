/** Registry import and export as JSON, XLSX and CSV (docs/registry-import.md). */
export { importRegistry, type ImportOptions, type ImportReport, type KindChanges } from './import-registry.js';
export { parseRegistryFiles, type KindCounts, type ParseOptions, type ParseResult, type RegistryFile } from './parse-registry-files.js';
export { exportRegistry, type ExportFormat } from './export-registry.js';
export { readRegistryFiles } from './read-files.js';
export type { ImportError } from './import-error.js';
export { REGISTRY_COLUMNS, type ColumnSpec, type CellType } from './columns.js';
export { columnTablesMarkdown } from './column-docs.js';
