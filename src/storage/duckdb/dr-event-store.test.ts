import { runDrEventStoreContract } from '../contract/dr-event-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => stores.drEvents);
runDrEventStoreContract('DuckDB in memory', handles.memory, false);
runDrEventStoreContract('DuckDB file', handles.file, true);
