import { runAccessStoreContract } from '../contract/access-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => stores.access);
runAccessStoreContract('DuckDB in memory', handles.memory);
runAccessStoreContract('DuckDB file', handles.file);
