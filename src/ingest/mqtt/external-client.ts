/**
 * External-broker MQTT ingestion: the platform is an MQTT.js client of e.g. Mosquitto, which does device
 * authentication and the topic ACL (mosquitto-config.ts renders its password file and ACL).
 *
 * Ack after durable: MQTT.js sends the PUBACK of an inbound QoS 1 message only after
 * `client.handleMessage(packet, callback)` called back, and handles inbound packets one at a time. We
 * override handleMessage to run the ingest first. If storing fails we never call back for that message:
 * we drop the connection, and the broker redelivers every unacknowledged message of our persistent
 * session (clean: false, fixed client id) when we reconnect. The store keeps a (unit, timestamp) once.
 */
import { connect, type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DeviceDirectory } from '../../app/device-directory.js';
import type { TelemetryIngestor } from '../../app/ingest-telemetry.js';
import { systemClock, type Clock } from '../../app/ports/clock.js';
import { createMqttIngestMetrics, type MqttIngestCounts } from './metrics.js';
import { createRefusalLetters, type DeadLetterSink } from './refusal-letters.js';
import { rejectionNotice } from './rejection-notice.js';
import { ALL_TELEMETRY_FILTER, deviceTopic, parseDeviceTopic } from './topics.js';

export interface ExternalMqttIngestDeps {
  /** e.g. mqtt://127.0.0.1:1883 or mqtts://broker.example:8883 */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Fixed, so the broker keeps the session and queues telemetry while the platform is down. */
  readonly clientId?: string;
  /** With several platform instances: subscribe via `$share/{group}/…` (MQTT 5) so each message goes to one. */
  readonly sharedGroup?: string;
  readonly ingestor: TelemetryIngestor;
  readonly devices: Pick<DeviceDirectory, 'senderOf'>;
  readonly logger: Logger;
  readonly metrics?: { readonly registry: Registry };
  readonly deadLetters?: DeadLetterSink;
  readonly clock?: Clock;
  /** Send rejection notices to `…/{deviceId}/rejections` (the platform user needs write access there). */
  readonly notifyRejections?: boolean;
  readonly reconnectPeriodMs?: number;
}

export interface ExternalMqttIngest {
  readonly client: MqttClient;
  close(): Promise<void>;
  /** Refuse this device's telemetry from now on (also remove it from the broker's password file). */
  revoke(deviceId: string): void;
  stats(): MqttIngestCounts & { readonly connected: boolean };
  flushDeadLetters(): Promise<void>;
}

export const DEFAULT_PLATFORM_CLIENT_ID = 'heatfleet-platform';

export async function createExternalMqttIngest(deps: ExternalMqttIngestDeps): Promise<ExternalMqttIngest> {
  const log = deps.logger.child({ component: 'mqtt-external' });
  const metrics = createMqttIngestMetrics(deps.metrics?.registry, 'external');
  const letters = createRefusalLetters({ sink: deps.deadLetters, clock: deps.clock ?? systemClock, logger: log });
  const revoked = new Set<string>();
  const filter = deps.sharedGroup ? `$share/${deps.sharedGroup}/${ALL_TELEMETRY_FILTER}` : ALL_TELEMETRY_FILTER;
  const options: IClientOptions = {
    clientId: deps.clientId ?? DEFAULT_PLATFORM_CLIENT_ID,
    clean: false,
    // shared subscriptions need MQTT 5; plain mode stays on 3.1.1 for the widest broker support
    protocolVersion: deps.sharedGroup ? 5 : 4,
    ...(deps.sharedGroup ? { properties: { sessionExpiryInterval: 7 * 86_400 } } : {}),
    reconnectPeriod: deps.reconnectPeriodMs ?? 1000,
    resubscribe: true,
    ...(deps.username !== undefined ? { username: deps.username } : {}),
    ...(deps.password !== undefined ? { password: deps.password } : {}),
  };
  // Not connectAsync: the broker sends the queued messages right after CONNACK, and handleMessage must
  // be ours before the first one arrives (otherwise MQTT.js acknowledges it unprocessed).
  const client = connect(deps.url, { ...options, manualConnect: true });
  let closing = false;

  const notify = (deviceId: string, messageId: number | undefined, report: Parameters<typeof rejectionNotice>[1]) => {
    if (deps.notifyRejections === false) return;
    client.publish(deviceTopic(deviceId, 'rejections'), rejectionNotice(messageId, report), { qos: 1 }, (err) => {
      if (err) log.warn({ err, deviceId }, 'mqtt: could not send a rejection notice');
    });
  };

  const refuse = (deviceId: string | null, packet: IPublishPacket, reason: string) => {
    metrics.report(0, 0, [reason]);
    log.warn({ deviceId, topic: packet.topic }, `mqtt: ${reason}`);
    letters.record({ senderId: deviceId, topic: String(packet.topic).slice(0, 500), reason, payload: Buffer.from(packet.payload).toString('utf8', 0, 4096) });
    if (deviceId !== null) notify(deviceId, packet.messageId, { accepted: 0, duplicates: 0, rejected: [{ index: null, reason }] });
  };

  client.handleMessage = (packet, callback) => {
    try {
      handleTelemetry(packet, callback);
    } catch (err) {
      metrics.ingestError();
      log.error({ err }, 'mqtt: unexpected error while handling a message; reconnecting for redelivery');
      client.stream.destroy();
    }
  };
  const handleTelemetry = (packet: IPublishPacket, callback: (err?: Error) => void): void => {
    if (packet.cmd !== 'publish') return callback();
    const parsed = parseDeviceTopic(String(packet.topic));
    if (parsed === null || parsed.kind !== 'telemetry') {
      log.debug({ topic: packet.topic }, 'mqtt: ignoring a message outside the telemetry topics');
      return callback();
    }
    const { deviceId } = parsed;
    const sender = revoked.has(deviceId) ? null : deps.devices.senderOf(deviceId);
    if (sender === null) {
      refuse(deviceId, packet, `device ${deviceId} is unknown, inactive or revoked; its telemetry is not stored`);
      return callback();
    }
    metrics.received();
    const payload = typeof packet.payload === 'string' ? packet.payload : Buffer.from(packet.payload);
    deps.ingestor.ingest(sender, payload, { source: 'mqtt', topic: String(packet.topic) }).then(
      (report) => {
        metrics.report(report.accepted, report.duplicates, report.rejected.map((r) => r.reason));
        if (report.rejected.length > 0) notify(deviceId, packet.messageId, report);
        callback();
      },
      (err: unknown) => {
        metrics.ingestError();
        log.error({ err, deviceId }, 'mqtt: storing telemetry failed; reconnecting so that the broker redelivers it');
        letters.record({ senderId: deviceId, topic: String(packet.topic), reason: `not stored, not acknowledged (will be redelivered): ${(err as Error)?.message ?? String(err)}`, payload: payload.toString().slice(0, 4096) });
        // No callback: no PUBACK. Dropping the stream makes MQTT.js reconnect; the broker resends the session's unacked messages.
        client.stream.destroy();
      },
    );
  };

  const subscribe = async () => {
    const granted = await client.subscribeAsync(filter, { qos: 1 });
    if (granted.some((g) => g.qos === 128)) throw new Error(`the broker refused the subscription to ${filter}: check the platform user's ACL`);
  };
  client.on('connect', (connack) => {
    log.info({ sessionPresent: connack.sessionPresent }, 'mqtt: connected to the external broker');
    if (!connack.sessionPresent) subscribe().catch((err: unknown) => log.error({ err }, 'mqtt: subscribe failed'));
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'mqtt: external broker client error'));
  client.on('offline', () => {
    if (!closing) log.warn('mqtt: external broker offline; reconnecting');
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      client.end(true);
      reject(err);
    };
    client.once('error', onError);
    client.once('connect', () => {
      client.off('error', onError);
      resolve();
    });
    client.connect();
  });
  log.info({ url: deps.url.replace(/\/\/[^@]*@/, '//***@'), filter }, 'mqtt: ingesting through an external broker');

  return {
    client,
    async close() {
      closing = true;
      await client.endAsync();
      await letters.flush();
    },
    revoke(deviceId) {
      revoked.add(deviceId);
      log.info({ deviceId }, 'mqtt: device revoked; its telemetry is refused (remove it from the broker password file too)');
    },
    stats: () => ({ ...metrics.counts, rejectedByClass: { ...metrics.counts.rejectedByClass }, connected: client.connected }),
    flushDeadLetters: () => letters.flush(),
  };
}
