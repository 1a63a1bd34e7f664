import { runKpiDayStoreContract } from '../contract/kpi-day-store.contract.js';
import { duckDbHandles } from './test-handles.js';

const handles = duckDbHandles((stores) => ({ telemetry: stores.telemetry, kpiDays: stores.kpiDays }));
runKpiDayStoreContract('DuckDB in memory', handles.memory);
runKpiDayStoreContract('DuckDB file', handles.file);
