export { openDuckDbStores, DATABASE_FILE_NAME, type DuckDbStoreOptions, type DuckDbStores } from './open-stores.js';
export { toSnakeCase, CHANNEL_COLUMNS } from './channel-columns.js';
