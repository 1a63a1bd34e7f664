/**
 * The demo's devices: one real MQTT client per household gateway, authenticated with its own secret,
 * publishing the twin's readings with QoS 1 on the platform's (accelerated) clock. After a start they
 * first replay a backfill buffer in batches, as a real gateway does after an outage — or, with `backfillStore`,
 * the history is written straight into the store hour by hour (full resolution in seconds instead of minutes of
 * MQTT round trips; the live phase always goes through MQTT). They obey the platform's
 * commands (command-follower.ts) and acknowledge them, except a configurable share that never does (to show
 * retries → alarm → fallback; off by default).
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Clock } from '../../app/ports/clock.js';
import type { TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { FleetSimulation } from '../../sim/index.js';
import { createCommandFollower } from './command-follower.js';
import type { DemoHousehold } from './demo-programme.js';

interface WireReading {
  ts: number;
  unit: string;
  values: Record<string, number>;
}

const BATCH = 500;

export interface SimulatedDevices {
  /** Publishes the backfill, then keeps the fleet live until stopped. */
  readonly ready: Promise<void>;
  published(): number;
  stop(): Promise<void>;
}

const round = (v: Record<string, number | undefined>, offsets: Readonly<Record<string, number>> | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined && Number.isFinite(x)) out[k] = Math.round((x + (offsets?.[k] ?? 0)) * 1000) / 1000;
  return out;
};

export function startSimulatedDevices(deps: {
  mqttUrl: string;
  households: readonly DemoHousehold[];
  secrets: ReadonlyMap<string, string>;
  sim: FleetSimulation;
  clock: Clock;
  logger: Logger;
  /** Publish every n-th step of the backfill (the live phase publishes every step). */
  backfillEvery: number;
  stepMs: number;
  /** Cumulative meter registers continue from these values (per unit) after a restart: a register never runs backwards. */
  registerOffsets: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Percentage of devices that never acknowledge a command (0 = all do). */
  neverAckPct?: number;
  /** Write the backfill here directly instead of publishing it (the demo's own trusted twin readings). */
  backfillStore?: Pick<TelemetryStore, 'append'>;
}): SimulatedDevices {
  const log = deps.logger.child({ component: 'demo-devices' });
  const buffers = deps.households.map(() => [] as WireReading[]);
  let stepNo = 0;
  let published = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const connectStartedMs = Date.now();
  let connackTimeouts = 0;
  const clients: MqttClient[] = deps.households.map((h) =>
    mqtt.connect(deps.mqttUrl, {
      clientId: h.deviceId,
      username: h.deviceId,
      password: deps.secrets.get(h.deviceId) ?? '',
      reconnectPeriod: 2000,
      connectTimeout: 30_000,
      clean: true,
    }),
  );
  for (const c of clients) {
    c.on('error', (e) => {
      if (e.message === 'connack timeout') connackTimeouts++;
      log.warn({ err: e.message }, 'demo device error');
    });
  }
  const followers = deps.households.map((h) => createCommandFollower(h.unitId));
  // 61 is coprime to 100: household i is silent when (61·i mod 100) < pct, spreading the silent ones over the villages.
  const silent = deps.households.map((_, i) => (61 * i) % 100 < (deps.neverAckPct ?? 0));
  clients.forEach((c, i) => {
    const h = deps.households[i] as DemoHousehold;
    const commands = `heatfleet/v1/devices/${h.deviceId}/commands`;
    c.once('connect', () => void c.subscribeAsync(commands, { qos: 1 }).catch((e: unknown) => log.warn({ err: (e as Error).message }, 'demo device could not subscribe to its commands')));
    c.on('message', (topic, payload) => {
      if (topic !== commands) return;
      const ack = (followers[i] as ReturnType<typeof createCommandFollower>).receive(payload.toString('utf8'), deps.clock.nowMs());
      if (ack === null || silent[i]) return;
      c.publish(`heatfleet/v1/devices/${h.deviceId}/acks`, JSON.stringify(ack), { qos: 1 }, (err) => {
        if (err) log.warn({ err: err.message, deviceId: h.deviceId }, 'demo device could not acknowledge');
      });
    });
  });

  const advanceTo = (targetMs: number, every: number) => {
    while (deps.sim.tsMs + deps.stepMs <= targetMs) {
      for (let i = 0; i < followers.length; i++) (followers[i] as ReturnType<typeof createCommandFollower>).apply(deps.sim, i, deps.sim.tsMs);
      deps.sim.step();
      stepNo++;
      if (stepNo % every !== 0) continue;
      for (let i = 0; i < deps.households.length; i++) {
        const h = deps.households[i] as DemoHousehold;
        (buffers[i] as WireReading[]).push({ ts: deps.sim.tsMs, unit: h.unitId, values: round(deps.sim.channels(i), deps.registerOffsets.get(h.unitId)) });
      }
    }
  };

  // One simulated hour at a time: bounded memory, and the event loop (ingest, API) gets a turn between hours.
  const backfillIntoStore = async (store: Pick<TelemetryStore, 'append'>) => {
    const hourMs = 3_600_000;
    while (!stopped && deps.sim.tsMs + hourMs <= deps.clock.nowMs()) {
      advanceTo(deps.sim.tsMs + hourMs, deps.backfillEvery);
      const readings = buffers.flatMap((b) => b.splice(0, b.length).map((r) => ({ unitId: r.unit, tsMs: r.ts, values: r.values })));
      await store.append(readings);
      published += readings.length;
    }
  };

  const flush = async () => {
    await Promise.all(
      clients.map(async (c, i) => {
        const buf = buffers[i] as WireReading[];
        while (buf.length > 0 && c.connected && !stopped) {
          const batch = buf.slice(0, BATCH);
          await c.publishAsync(`heatfleet/v1/devices/${(deps.households[i] as DemoHousehold).deviceId}/telemetry`, JSON.stringify(batch.length === 1 ? batch[0] : { readings: batch }), { qos: 1 });
          buf.splice(0, batch.length); // dropped from the buffer only once acknowledged
          published += batch.length;
        }
      }),
    );
  };

  const connected = Promise.all(clients.map((c) => new Promise<void>((resolve) => (c.connected ? resolve() : c.once('connect', () => resolve())))));
  const ready = (async () => {
    await connected;
    // Wall time, not the demo clock: how long the fleet's first logins took (a start-up figure, docs/adr/0008).
    log.info({ devices: clients.length, connectMs: Date.now() - connectStartedMs, connackTimeouts }, 'demo devices: all connected');
    if (deps.backfillStore) await backfillIntoStore(deps.backfillStore);
    advanceTo(deps.clock.nowMs(), deps.backfillEvery);
    await flush();
    log.info({ readings: published }, 'demo backfill published');
    const loop = async () => {
      if (stopped) return;
      try {
        advanceTo(deps.clock.nowMs(), 1);
        await flush();
      } catch (e) {
        log.warn({ err: (e as Error).message }, 'demo publish failed; will retry');
      }
      if (!stopped) timer = setTimeout(() => void loop(), 1000);
    };
    void loop();
  })();

  return {
    ready,
    published: () => published,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
    },
  };
}
