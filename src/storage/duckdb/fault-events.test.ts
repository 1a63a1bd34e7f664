import { runFaultEventStoreContract } from '../contract/fault-event-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => ({ telemetry: stores.telemetry, faults: stores.faultEvents }));
runFaultEventStoreContract('DuckDB in memory', handles.memory);
runFaultEventStoreContract('DuckDB file', handles.file);
