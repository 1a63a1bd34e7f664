/**
 * Embedded MQTT ingestion: an Aedes broker on a TCP port that authenticates devices against the
 * DeviceDirectory, enforces the topic ACL (topics.ts) and stores telemetry through the ingest use case.
 *
 * Ack after durable (docs/adr/0003-mqtt-broker.md): Aedes handles an inbound PUBLISH as
 * authorizePublish → enqueuePublish, and only enqueuePublish writes the PUBACK (QoS 1) or PUBREC
 * (QoS 2). The ingest runs inside authorizePublish, so the ack leaves only once `ingestor.ingest`
 * resolved, i.e. once the rows are durable. If storing fails, authorizePublish returns an error: Aedes
 * closes the connection without an ack and the device redelivers on reconnect (the store keeps a
 * (unit, timestamp) once, so the redelivery is harmless).
 */
import { createServer, type Server } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BusyError } from '../../app/bounded-work.js';
import type { DeviceDirectory } from '../../app/device-directory.js';
import type { TelemetryIngestor } from '../../app/ingest-telemetry.js';
import { systemClock, type Clock } from '../../app/ports/clock.js';
import { MAX_PAYLOAD_BYTES } from '../../contract/telemetry-payload.js';
import { createMqttIngestMetrics, type AuthFailure, type MqttIngestCounts } from './metrics.js';
import { guardPacketSize } from './packet-size-guard.js';
import { createRefusalLetters, type DeadLetterSink } from './refusal-letters.js';
import { rejectionNotice } from './rejection-notice.js';
import { clientIdBelongsTo, deviceSubscribeAcl, devicePublishAcl, deviceTopic, PLATFORM_USERNAME, platformPublishAllowed, platformSubscribeAllowed } from './topics.js';

export interface EmbeddedMqttIngestDeps {
  readonly ingestor: TelemetryIngestor;
  readonly devices: DeviceDirectory;
  readonly logger: Logger;
  readonly metrics?: { readonly registry: Registry };
  readonly host: string;
  /** 0 picks a free port; the actual one is returned. */
  readonly port: number;
  /** Lets the platform's own client (username PLATFORM_USERNAME) connect to publish commands. */
  readonly platformSecret?: string;
  /** Where refusals outside a payload (bad credentials, foreign topics, oversize packets) are dead-lettered. */
  readonly deadLetters?: DeadLetterSink;
  readonly clock?: Clock;
  /** Forward accepted telemetry to subscribers (the platform's client); off by default: nobody listens. */
  readonly forwardTelemetry?: boolean;
  /** Packets larger than this close the connection before they are buffered whole. */
  readonly maxPacketBytes?: number;
}

export interface EmbeddedMqttIngestStats extends MqttIngestCounts {
  readonly connectedDevices: number;
}

export interface EmbeddedMqttIngest {
  readonly port: number;
  readonly broker: Aedes;
  close(): Promise<void>;
  /** Call after revoking the device's credential: closes its connections and refuses its in-flight publishes. */
  revoke(deviceId: string): void;
  stats(): EmbeddedMqttIngestStats;
  /** Resolves once refusals recorded so far are in the dead-letter store. */
  flushDeadLetters(): Promise<void>;
}

type Principal = { readonly kind: 'platform' } | { readonly kind: 'device'; readonly deviceId: string; readonly generation: number };

/** Packets marked with this are acknowledged but not routed to subscribers. */
const DO_NOT_ROUTE = Symbol('heatfleet.doNotRoute');
type MarkedPacket = PublishPacket & { [DO_NOT_ROUTE]?: true };

const sha256 = (s: string | Buffer): Buffer => createHash('sha256').update(s).digest();
const authError = (code: 4 | 5, message: string): AuthenticateError => Object.assign(new Error(message), { returnCode: code }) as AuthenticateError;

export async function createEmbeddedMqttIngest(deps: EmbeddedMqttIngestDeps): Promise<EmbeddedMqttIngest> {
  const { ingestor, devices, logger } = deps;
  const log = logger.child({ component: 'mqtt-embedded' });
  const metrics = createMqttIngestMetrics(deps.metrics?.registry, 'embedded');
  const letters = createRefusalLetters({ sink: deps.deadLetters, clock: deps.clock ?? systemClock, logger: log });
  const principals = new WeakMap<Client, Principal>();
  const emptyClientIds = new WeakSet<Client>();
  const generations = new Map<string, number>();
  const connections = new Map<string, Set<Client>>();
  const platformSecretSha = deps.platformSecret === undefined ? null : sha256(deps.platformSecret);
  const generationOf = (deviceId: string) => generations.get(deviceId) ?? 0;

  const broker: Aedes = await Aedes.createBroker({
    maxClientsIdLength: 128,
    preConnect(client, packet, done) {
      if (!packet.clientId) emptyClientIds.add(client);
      done(null, true);
    },
    authenticate(client, username, password, done) {
      const refuse = (code: 4 | 5, why: AuthFailure, reason: string) => {
        metrics.authFailure(why);
        log.warn({ username: username?.slice(0, 64), clientId: client.id, why }, 'mqtt: connection refused');
        letters.record({ senderId: null, topic: null, reason, payload: '' });
        done(authError(code, reason), false);
      };
      const claimed = (username ?? '').slice(0, 64);
      const secret = password?.toString('utf8') ?? '';
      if (claimed === PLATFORM_USERNAME) {
        if (platformSecretSha !== null && timingSafeEqual(sha256(secret), platformSecretSha)) {
          principals.set(client, { kind: 'platform' });
          return done(null, true);
        }
        return refuse(4, 'platform_secret', 'connect refused: wrong platform secret');
      }
      const generation = generationOf(claimed);
      devices.authenticate(claimed, secret).then(
        (sender) => {
          if (sender === null) return refuse(4, 'unknown_device_or_bad_secret', `connect refused: unknown device or wrong secret (username "${claimed}")`);
          if (generationOf(claimed) !== generation) return refuse(5, 'revoked', `connect refused: device ${claimed} was revoked`);
          if (!emptyClientIds.has(client) && !clientIdBelongsTo(client.id, claimed)) {
            return refuse(5, 'bad_client_id', `connect refused: client id "${client.id.slice(0, 64)}" must be the device id or "${claimed}:<suffix>"`);
          }
          principals.set(client, { kind: 'device', deviceId: claimed, generation });
          done(null, true);
        },
        (err: unknown) => {
          // BusyError: too many old-form secrets being checked (docs/adr/0008); the device reconnects later.
          if (err instanceof BusyError) log.warn({ username: claimed, err: err.message }, 'mqtt: device authentication deferred');
          else log.error({ err }, 'mqtt: device authentication failed');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false);
        },
      );
    },
    authorizeSubscribe(client, sub, done) {
      const principal = principals.get(client);
      if (principal?.kind === 'platform') return done(null, platformSubscribeAllowed(sub.topic) ? sub : null);
      const decision = principal === undefined ? { allowed: false as const, reason: 'not authenticated' } : deviceSubscribeAcl(principal.deviceId, sub.topic);
      if (decision.allowed) return done(null, sub);
      metrics.aclDenied('subscribe');
      log.warn({ clientId: client.id, filter: sub.topic.slice(0, 200) }, 'mqtt: subscription refused');
      letters.record({ senderId: principal?.kind === 'device' ? principal.deviceId : null, topic: sub.topic.slice(0, 500), reason: decision.reason, payload: '' });
      done(null, null); // SUBACK return code 0x80
    },
    authorizePublish(client, packet, done) {
      try {
        authorizeAndIngest(client, packet, done);
      } catch (err) {
        // a bug must not take the broker down: no ack, the connection closes, the device redelivers
        metrics.ingestError();
        log.error({ err }, 'mqtt: unexpected error while handling a publish');
        done(err instanceof Error ? err : new Error(String(err)));
      }
    },
  });

  function authorizeAndIngest(client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void): void {
    const principal = client === null ? undefined : principals.get(client);
    if (principal === undefined) return done(new Error('publish without an authenticated client'));
    if (principal.kind === 'platform') return done(platformPublishAllowed(packet.topic) ? null : new Error(`platform client may not publish to ${packet.topic}`));
    const { deviceId } = principal;
    if (generationOf(deviceId) !== principal.generation) return done(new Error(`device ${deviceId} was revoked`));
    const marked = packet as MarkedPacket;
    const acl = devicePublishAcl(deviceId, packet.topic);
    if (!acl.allowed) {
      // MQTT-3.3.5-2: acknowledge and discard (as Mosquitto does), so the device is not stuck redelivering it.
      metrics.aclDenied('publish');
      log.warn({ deviceId, topic: packet.topic.slice(0, 200) }, 'mqtt: publish refused by ACL');
      letters.record({ senderId: deviceId, topic: packet.topic.slice(0, 500), reason: acl.reason, payload: packet.payload.toString('utf8', 0, 4096) });
      notify(deviceId, packet.messageId, { accepted: 0, duplicates: 0, rejected: [{ index: null, reason: acl.reason }] });
      marked[DO_NOT_ROUTE] = true;
      return done(null);
    }
    packet.retain = false; // device topics never keep a retained message
    if (acl.topic.kind !== 'telemetry') return done(null);
    const sender = devices.senderOf(deviceId);
    if (sender === null) return done(new Error(`device ${deviceId} is no longer active`));
    metrics.received();
    ingestor.ingest(sender, packet.payload, { source: 'mqtt', topic: packet.topic }).then(
      (report) => {
        metrics.report(report.accepted, report.duplicates, report.rejected.map((r) => r.reason));
        if (report.rejected.length > 0) notify(deviceId, packet.messageId, report);
        if (deps.forwardTelemetry !== true) marked[DO_NOT_ROUTE] = true;
        done(null);
      },
      (err: unknown) => {
        metrics.ingestError();
        log.error({ err, deviceId, messageId: packet.messageId }, 'mqtt: storing telemetry failed; not acknowledged, the device will redeliver');
        letters.record({ senderId: deviceId, topic: packet.topic, reason: `not stored, not acknowledged (will be redelivered): ${(err as Error)?.message ?? String(err)}`, payload: packet.payload.toString('utf8', 0, 4096) });
        done(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  const notify = (deviceId: string, messageId: number | undefined, report: Parameters<typeof rejectionNotice>[1]) => {
    const notice = { cmd: 'publish', topic: deviceTopic(deviceId, 'rejections'), payload: rejectionNotice(messageId, report), qos: 1, retain: false, dup: false } as PublishPacket;
    broker.publish(notice, (err) => {
      if (err) log.warn({ err, deviceId }, 'mqtt: could not send a rejection notice');
    });
  };

  // enqueuePublish calls broker.publish(packet, client, done) after the ack; skip routing for marked packets.
  const route = broker.publish.bind(broker) as (packet: PublishPacket, client: unknown, done?: (err?: Error) => void) => void;
  (broker as unknown as { publish: typeof route }).publish = (packet, client, done) => {
    if ((packet as MarkedPacket)[DO_NOT_ROUTE] === true) return typeof client === 'function' ? (client as () => void)() : done?.();
    route(packet, client, done);
  };

  broker.on('client', (client) => {
    const p = principals.get(client);
    if (p?.kind !== 'device') return;
    let set = connections.get(p.deviceId);
    if (set === undefined) connections.set(p.deviceId, (set = new Set()));
    set.add(client);
    metrics.connected(1);
  });
  broker.on('clientDisconnect', (client) => {
    const p = principals.get(client);
    if (p?.kind !== 'device') return;
    const set = connections.get(p.deviceId);
    if (set?.delete(client)) metrics.connected(-1);
    if (set?.size === 0) connections.delete(p.deviceId);
  });
  broker.on('clientError', (client, err) => log.debug({ clientId: client.id, err: err.message }, 'mqtt: client error'));
  broker.on('connectionError', (_client, err) => log.debug({ err: err.message }, 'mqtt: connection error'));

  const maxPacketBytes = deps.maxPacketBytes ?? MAX_PAYLOAD_BYTES + 64 * 1024;
  const server: Server = createServer((socket) => {
    const client = broker.handle(socket);
    guardPacketSize(client, maxPacketBytes, (bytes) => {
      const p = principals.get(client);
      const reason = `packet of ${bytes} bytes exceeds the broker's limit of ${maxPacketBytes}; connection closed`;
      metrics.report(0, 0, [reason]);
      log.warn({ clientId: client.id, bytes }, 'mqtt: oversize packet, connection closed');
      letters.record({ senderId: p?.kind === 'device' ? p.deviceId : null, topic: null, reason, payload: '' });
    });
  });
  server.on('error', (err) => log.error({ err }, 'mqtt: server error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : deps.port;
  log.info({ host: deps.host, port }, 'mqtt: embedded broker listening');

  return {
    port,
    broker,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await letters.flush();
    },
    revoke(deviceId) {
      generations.set(deviceId, generationOf(deviceId) + 1);
      devices.forget(deviceId);
      const live = [...(connections.get(deviceId) ?? [])];
      for (const client of live) client.close();
      log.info({ deviceId, closed: live.length }, 'mqtt: device revoked');
    },
    stats: () => ({ ...metrics.counts, rejectedByClass: { ...metrics.counts.rejectedByClass }, connectedDevices: [...connections.values()].reduce((n, s) => n + s.size, 0) }),
    flushDeadLetters: () => letters.flush(),
  };
}
