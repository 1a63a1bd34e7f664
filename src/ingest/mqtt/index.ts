export { createEmbeddedMqttIngest, type EmbeddedMqttIngest, type EmbeddedMqttIngestDeps, type EmbeddedMqttIngestStats } from './embedded-broker.js';
export { createExternalMqttIngest, DEFAULT_PLATFORM_CLIENT_ID, type ExternalMqttIngest, type ExternalMqttIngestDeps } from './external-client.js';
export { renderMosquittoAcl, renderMosquittoPasswordFile, mosquittoPasswordHash } from './mosquitto-config.js';
export { REJECTION_CLASSES, classifyRejection, type RejectionClass, type MqttIngestCounts } from './metrics.js';
export * from './topics.js';
export type { RejectionNotice } from './rejection-notice.js';
