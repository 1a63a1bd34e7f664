/**
 * Prometheus counters of MQTT ingestion (prom-client). The registry is injected so that the platform
 * exposes one /metrics and tests get a fresh registry each; plain numbers are kept too for `stats()`.
 */
import { Counter, Gauge, Registry } from 'prom-client';

/** Closed set of rejection classes, derived from the ingest use case's reasons (see classifyRejection). */
export const REJECTION_CLASSES = [
  'oversize',
  'malformed_json',
  'non_finite',
  'out_of_range',
  'future_timestamp',
  'too_old',
  'unit_not_allowed',
  'unknown_field',
  'batch_too_large',
  'unknown_device',
  'schema',
] as const;
export type RejectionClass = (typeof REJECTION_CLASSES)[number];

/** Maps a reason text of the ingest use case to its class (kept beside the reasons' wording in app/ingest-telemetry.ts). */
export function classifyRejection(reason: string): RejectionClass {
  if (/^payload of \d+ bytes exceeds/.test(reason) || /packet of \d+ bytes exceeds/.test(reason)) return 'oversize';
  if (reason.startsWith('malformed JSON')) return 'malformed_json';
  if (reason.includes('finite number') || /received -?(NaN|Infinity)\b/.test(reason)) return 'non_finite';
  if (/ (below|above) -?[\d.e+]+ /.test(reason)) return 'out_of_range';
  if (reason.includes('in the future')) return 'future_timestamp';
  if (reason.includes('is older than')) return 'too_old';
  if (reason.includes('is not a unit this sender') || reason.includes('unit: required')) return 'unit_not_allowed';
  if (/unrecognized key/i.test(reason)) return 'unknown_field';
  if (reason.includes('readings per batch')) return 'batch_too_large';
  if (reason.includes('is unknown, inactive or revoked')) return 'unknown_device';
  return 'schema';
}

export type AuthFailure = 'unknown_device_or_bad_secret' | 'bad_client_id' | 'platform_secret' | 'revoked';
export type AclAction = 'publish' | 'subscribe';

export interface MqttIngestCounts {
  received: number;
  acceptedReadings: number;
  duplicateReadings: number;
  rejectedReadings: number;
  rejectedByClass: Partial<Record<RejectionClass, number>>;
  authFailures: number;
  aclDenials: number;
  ingestErrors: number;
}

export interface MqttIngestMetrics {
  readonly counts: MqttIngestCounts;
  received(): void;
  report(accepted: number, duplicates: number, rejectedReasons: readonly string[]): void;
  authFailure(reason: AuthFailure): void;
  aclDenied(action: AclAction): void;
  ingestError(): void;
  connected(delta: number): void;
}

export function createMqttIngestMetrics(registry: Registry = new Registry(), mode: 'embedded' | 'external' = 'embedded'): MqttIngestMetrics {
  const labels = { mode };
  const c = (name: string, help: string, labelNames: string[] = []) => new Counter({ name, help, labelNames: ['mode', ...labelNames], registers: [registry] });
  const received = c('heatfleet_mqtt_messages_received_total', 'Telemetry messages received over MQTT');
  const accepted = c('heatfleet_mqtt_readings_accepted_total', 'Readings stored (new unit+timestamp rows)');
  const duplicates = c('heatfleet_mqtt_readings_duplicate_total', 'Readings already stored (redelivery or replay), stored once');
  const rejected = c('heatfleet_mqtt_readings_rejected_total', 'Readings or whole payloads refused, by reason class', ['reason']);
  const auth = c('heatfleet_mqtt_auth_failures_total', 'Refused MQTT connections', ['reason']);
  const acl = c('heatfleet_mqtt_acl_denials_total', 'Refused publishes and subscriptions (topic not the device\'s own)', ['action']);
  const errors = c('heatfleet_mqtt_ingest_errors_total', 'Messages not acknowledged because storing them failed (the device redelivers)');
  const connections = new Gauge({ name: 'heatfleet_mqtt_device_connections', help: 'Connected device clients', labelNames: ['mode'], registers: [registry] });
  const counts: MqttIngestCounts = { received: 0, acceptedReadings: 0, duplicateReadings: 0, rejectedReadings: 0, rejectedByClass: {}, authFailures: 0, aclDenials: 0, ingestErrors: 0 };
  return {
    counts,
    received() {
      counts.received++;
      received.inc(labels);
    },
    report(nAccepted, nDuplicates, reasons) {
      counts.acceptedReadings += nAccepted;
      counts.duplicateReadings += nDuplicates;
      if (nAccepted > 0) accepted.inc(labels, nAccepted);
      if (nDuplicates > 0) duplicates.inc(labels, nDuplicates);
      for (const reason of reasons) {
        const cls = classifyRejection(reason);
        counts.rejectedReadings++;
        counts.rejectedByClass[cls] = (counts.rejectedByClass[cls] ?? 0) + 1;
        rejected.inc({ mode, reason: cls });
      }
    },
    authFailure(reason) {
      counts.authFailures++;
      auth.inc({ mode, reason });
    },
    aclDenied(action) {
      counts.aclDenials++;
      acl.inc({ mode, action });
    },
    ingestError() {
      counts.ingestErrors++;
      errors.inc(labels);
    },
    connected(delta) {
      connections.inc(labels, delta);
    },
  };
}
