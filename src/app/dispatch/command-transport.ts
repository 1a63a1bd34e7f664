import type { CommandAck, DeviceCommand } from '../../contract/commands.js';

/**
 * Port: how commands reach devices and answers come back (MQTT in production: src/ingest/mqtt/command-publisher.ts).
 * The adapter parses acks with the contract schema; an ack arrives with the device id its topic belongs to
 * (the broker's ACL lets a device publish only on its own acks topic).
 */
export interface CommandTransport {
  /** Resolves once the broker took the command (QoS 1 PUBACK); rejects when it could not be handed over. */
  publish(deviceId: string, command: DeviceCommand): Promise<void>;
  onAck(handler: (deviceId: string, ack: CommandAck) => void): void;
}
