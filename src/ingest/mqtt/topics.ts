/**
 * MQTT topic layout of heatfleet (docs/mqtt.md) and the access rules on it. Pure functions, shared by
 * the embedded broker's ACL and the Mosquitto ACL renderer so both modes enforce the same rules.
 *
 *   heatfleet/v1/devices/{deviceId}/telemetry   device → platform  (QoS 1)
 *   heatfleet/v1/devices/{deviceId}/acks        device → platform  (command acks, docs/dispatch.md)
 *   heatfleet/v1/devices/{deviceId}/rejections  platform → device
 *   heatfleet/v1/devices/{deviceId}/commands    platform → device  (commands, docs/dispatch.md)
 */
export const TOPIC_ROOT = 'heatfleet/v1/devices';

export const DEVICE_PUBLISH_KINDS = ['telemetry', 'acks'] as const;
export const DEVICE_SUBSCRIBE_KINDS = ['rejections', 'commands'] as const;
export type TopicKind = (typeof DEVICE_PUBLISH_KINDS)[number] | (typeof DEVICE_SUBSCRIBE_KINDS)[number];
const KINDS: ReadonlySet<string> = new Set<string>([...DEVICE_PUBLISH_KINDS, ...DEVICE_SUBSCRIBE_KINDS]);

/** The MQTT username of the platform's own client on the embedded broker; `$` cannot start a device id. */
export const PLATFORM_USERNAME = '$heatfleet-platform';

export const deviceTopic = (deviceId: string, kind: TopicKind): string => `${TOPIC_ROOT}/${deviceId}/${kind}`;

/** Filter the platform subscribes to for telemetry of every device. */
export const ALL_TELEMETRY_FILTER = `${TOPIC_ROOT}/+/telemetry`;

export interface ParsedDeviceTopic {
  readonly deviceId: string;
  readonly kind: TopicKind;
}

/** `heatfleet/v1/devices/{id}/{kind}` with a concrete id (no wildcards), else null. */
export function parseDeviceTopic(topic: string): ParsedDeviceTopic | null {
  if (!topic.startsWith(`${TOPIC_ROOT}/`)) return null;
  const rest = topic.slice(TOPIC_ROOT.length + 1);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const deviceId = rest.slice(0, slash);
  const kind = rest.slice(slash + 1);
  if (!KINDS.has(kind) || deviceId.includes('+') || deviceId.includes('#')) return null;
  return { deviceId, kind: kind as TopicKind };
}

export type AclDecision = { readonly allowed: true; readonly topic: ParsedDeviceTopic } | { readonly allowed: false; readonly reason: string };

/** A device publishes only its own telemetry and acks. */
export function devicePublishAcl(deviceId: string, topic: string): AclDecision {
  const parsed = parseDeviceTopic(topic);
  if (parsed !== null && parsed.deviceId === deviceId && (DEVICE_PUBLISH_KINDS as readonly string[]).includes(parsed.kind)) return { allowed: true, topic: parsed };
  return {
    allowed: false,
    reason: `publish to "${topic.slice(0, 200)}" refused: device ${deviceId} may publish only to ${deviceTopic(deviceId, 'telemetry')} and ${deviceTopic(deviceId, 'acks')}`,
  };
}

/** A device subscribes only to its own rejections and commands, with no wildcards. */
export function deviceSubscribeAcl(deviceId: string, filter: string): AclDecision {
  const parsed = parseDeviceTopic(filter);
  if (parsed !== null && parsed.deviceId === deviceId && (DEVICE_SUBSCRIBE_KINDS as readonly string[]).includes(parsed.kind)) return { allowed: true, topic: parsed };
  return {
    allowed: false,
    reason: `subscribe to "${filter.slice(0, 200)}" refused: device ${deviceId} may subscribe only to ${deviceTopic(deviceId, 'rejections')} and ${deviceTopic(deviceId, 'commands')}`,
  };
}

/** The platform publishes commands (and, internally, rejections) and may watch every device topic. */
export function platformPublishAllowed(topic: string): boolean {
  const parsed = parseDeviceTopic(topic);
  return parsed !== null && (parsed.kind === 'commands' || parsed.kind === 'rejections');
}
export const platformSubscribeAllowed = (filter: string): boolean => filter === TOPIC_ROOT + '/#' || filter.startsWith(`${TOPIC_ROOT}/`);

/**
 * A device's MQTT client id is its device id, optionally followed by `:suffix`, so that no device can
 * take over another's session (MQTT closes the older connection of a reused client id).
 */
export const clientIdBelongsTo = (clientId: string, deviceId: string): boolean => clientId === deviceId || clientId.startsWith(`${deviceId}:`);
