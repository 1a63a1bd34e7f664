import { runDispatchStoreContract } from '../contract/dispatch-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => stores.dispatch);
runDispatchStoreContract('DuckDB in memory', handles.memory);
runDispatchStoreContract('DuckDB file', handles.file);
