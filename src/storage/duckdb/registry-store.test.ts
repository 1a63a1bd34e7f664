import { runRegistryStoreContract } from '../contract/registry-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => stores.registry);
runRegistryStoreContract('DuckDB in memory', handles.memory);
runRegistryStoreContract('DuckDB file', handles.file);
