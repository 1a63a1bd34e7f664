import type { Logger } from 'pino';
import type { Registry as MetricsRegistry } from 'prom-client';
import type { AuthService } from '../app/auth-service.js';
import type { DeviceAdmin } from '../app/device-admin.js';
import type { DeviceDirectory } from '../app/device-directory.js';
import type { DispatchService } from '../app/dispatch/dispatch-service.js';
import type { PlanVsActual } from '../contract/commands-api.js';
import type { Principal } from '../app/authorize.js';
import type { DrService } from '../app/dr/index.js';
import type { FleetQueries } from '../app/fleet-queries.js';
import type { PlanningWeather } from '../app/forecast/index.js';
import type { HouseholdModels } from '../app/household-model.js';
import type { TelemetryIngestor } from '../app/ingest-telemetry.js';
import type { LiveHub } from '../app/live-hub.js';
import type { AccessStore } from '../app/ports/access-store.js';
import type { Clock } from '../app/ports/clock.js';
import type { RegistryStore } from '../app/ports/registry-store.js';
import type { TelemetryStore } from '../app/ports/telemetry-store.js';
import type { RegistryService } from '../app/registry-service.js';
import type { RegistryAdmin } from '../app/registry-admin.js';
import type { SeasonReports } from '../app/season-report/index.js';
import type { UserAdmin } from '../app/user-admin.js';

/** Everything the HTTP adapter needs, chosen by the composition root (src/main). */
export interface ApiDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly auth: AuthService;
  readonly access: AccessStore;
  readonly registry: RegistryService;
  readonly registryStore: RegistryStore;
  readonly registryAdmin: RegistryAdmin;
  readonly userAdmin: UserAdmin;
  readonly queries: FleetQueries;
  readonly models: HouseholdModels;
  /** The outdoor forecast the planners use (docs/weather-forecast.md). */
  readonly weather: PlanningWeather | null;
  /** Demand-response events (docs/demand-response.md). */
  readonly dr: DrService;
  readonly seasonReports: SeasonReports;
  readonly live: LiveHub;
  readonly ingestor: TelemetryIngestor;
  readonly devices: DeviceDirectory;
  readonly deviceAdmin: DeviceAdmin;
  readonly telemetry: TelemetryStore;
  readonly metrics: MetricsRegistry;
  /** Plans, commands, overrides, alarms, plan vs actual (docs/dispatch.md). */
  readonly dispatch: { readonly service: DispatchService; planVsActual(p: Principal, villageId: string, day: string): Promise<PlanVsActual | null> };
  readonly options: {
    readonly secureCookies: boolean;
    readonly rateLimitPerMinute: number;
    readonly webDir: string | null;
    readonly bodyLimitBytes: number;
    readonly liveIntervalMs: number;
    readonly mqttPort: number | null;
  };
}
