/**
 * The platform's command channel over MQTT (docs/dispatch.md): an MQTT.js client that publishes commands
 * on `heatfleet/v1/devices/{deviceId}/commands` with QoS 1 and listens on `heatfleet/v1/devices/+/acks`.
 * Embedded broker: it logs in as the platform user (PLATFORM_USERNAME + the platform secret); external
 * broker: with the platform's credentials (the Mosquitto ACL grants it commands and acks).
 * Acks are parsed here with the contract schema; a malformed one is logged and counted, never passed on.
 */
import { connectAsync, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { CommandTransport } from '../../app/dispatch/command-transport.js';
import { CommandAckSchema, type CommandAck } from '../../contract/commands.js';
import { deviceTopic, parseDeviceTopic, TOPIC_ROOT } from './topics.js';

export const ALL_ACKS_FILTER = `${TOPIC_ROOT}/+/acks`;

export interface MqttCommandPublisher extends CommandTransport {
  readonly client: MqttClient;
  /** Acks that failed the schema (bad JSON or fields). */
  malformedAcks(): number;
  close(): Promise<void>;
}

export async function createMqttCommandPublisher(deps: {
  url: string;
  username: string;
  password: string;
  clientId?: string;
  logger: Logger;
}): Promise<MqttCommandPublisher> {
  const log = deps.logger.child({ component: 'mqtt-commands' });
  const client = await connectAsync(deps.url, {
    username: deps.username,
    password: deps.password,
    clientId: deps.clientId ?? `heatfleet-dispatch-${process.pid}`,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    resubscribe: true,
  });
  const handlers: ((deviceId: string, ack: CommandAck) => void)[] = [];
  let malformed = 0;
  client.on('message', (topic, payload) => {
    const parsed = parseDeviceTopic(topic);
    if (parsed === null || parsed.kind !== 'acks') return;
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      json = undefined;
    }
    const ack = CommandAckSchema.safeParse(json);
    if (!ack.success) {
      malformed++;
      log.warn({ deviceId: parsed.deviceId, issues: ack.error?.issues.slice(0, 3) }, 'mqtt: malformed command ack ignored');
      return;
    }
    for (const h of handlers) h(parsed.deviceId, ack.data);
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'mqtt: command channel error'));
  const granted = await client.subscribeAsync(ALL_ACKS_FILTER, { qos: 1 });
  if (granted[0]?.qos === 128) throw new Error(`the broker refused the platform's subscription to ${ALL_ACKS_FILTER}`);

  return {
    client,
    async publish(deviceId, command) {
      await client.publishAsync(deviceTopic(deviceId, 'commands'), JSON.stringify(command), { qos: 1 });
    },
    onAck(handler) {
      handlers.push(handler);
    },
    malformedAcks: () => malformed,
    close: () => client.endAsync(),
  };
}
