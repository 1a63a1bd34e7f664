import { runTwinResultStoreContract } from '../contract/twin-result-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => stores.twinResults);
runTwinResultStoreContract('DuckDB in memory', handles.memory, false);
runTwinResultStoreContract('DuckDB file', handles.file, true);
