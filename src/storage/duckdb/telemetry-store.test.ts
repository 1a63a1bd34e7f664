import { runTelemetryStoreContract } from '../contract/telemetry-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => stores.telemetry);
runTelemetryStoreContract('DuckDB in memory', handles.memory);
runTelemetryStoreContract('DuckDB file', handles.file);
