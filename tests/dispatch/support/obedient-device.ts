/** A real MQTT.js client acting as a gateway that accepts every command it receives (each id once) and records them. */
import { connectAsync, type MqttClient } from 'mqtt';
import { DeviceCommandSchema, type DeviceCommand } from '../../../src/contract/commands.js';
import { deviceTopic } from '../../../src/ingest/mqtt/topics.js';

export interface ObedientDevice {
  readonly received: DeviceCommand[];
  silent: boolean;
  readonly client: MqttClient;
}

export async function obedientDevice(port: number, deviceId: string, secret: string): Promise<ObedientDevice> {
  const client = await connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: deviceId, username: deviceId, password: secret, reconnectPeriod: 0 });
  const d: ObedientDevice = { received: [], silent: false, client };
  client.on('message', (_t, payload) => {
    const c = DeviceCommandSchema.parse(JSON.parse(payload.toString()));
    d.received.push(c);
    if (!d.silent) void client.publishAsync(deviceTopic(deviceId, 'acks'), JSON.stringify({ commandId: c.id, status: 'accepted' }), { qos: 1 });
  });
  await client.subscribeAsync(deviceTopic(deviceId, 'commands'), { qos: 1 });
  return d;
}
