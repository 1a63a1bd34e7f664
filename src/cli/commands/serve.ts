import type { Command } from 'commander';
import { loadConfig } from '../../main/config.js';
import { startPlatform, type RunningPlatform } from '../../main/platform.js';
import { demoProgress } from '../demo-progress.js';

const onSignals = (platform: RunningPlatform) => {
  let closing = false;
  const stop = (sig: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`\n${sig}: stopping heatfleet …\n`);
    platform.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

const banner = (p: RunningPlatform): string => {
  const lines = [
    '',
    `heatfleet is running — dashboard: ${p.url}/   API docs: ${p.url}/docs`,
    p.mqttPort === null ? `MQTT: external broker ${p.config.mqttExternalUrl}` : `MQTT broker: mqtt://${p.config.mqttHost}:${p.mqttPort} (devices log in with their id and secret)`,
    `data directory: ${p.config.dataDir ?? '(in memory: nothing is kept after exit)'}`,
  ];
  if (p.adminPassword && !p.demo) lines.push(`admin login created: admin / ${p.adminPassword}   (shown once; set HEATFLEET_ADMIN_PASSWORD to choose it)`);
  if (p.demo) {
    lines.push('', `demo: ${p.demo.households} simulated households publishing over MQTT, clock ${p.config.demoSpeed}× from ${p.config.demoStart}`, 'demo logins:');
    const w = Math.max(...p.demoCredentials.map((c) => c.username.length));
    for (const c of p.demoCredentials) lines.push(`  ${c.username.padEnd(w)}  ${c.password}   ${c.description}`);
  }
  lines.push('', 'Ctrl-C stops it.', '');
  return lines.join('\n');
};

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the platform: HTTP API + dashboard, MQTT ingest, store (settings: docs/configuration.md)')
    .option('--data-dir <dir>', 'data directory (HEATFLEET_DATA_DIR)')
    .option('--port <port>', 'HTTP port (HEATFLEET_HTTP_PORT)')
    .action(async (opts: { dataDir?: string; port?: string }) => {
      const overrides = { ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(opts.port ? { httpPort: Number(opts.port) } : {}) };
      loadConfig(process.env, overrides);
      const p = await startPlatform(overrides);
      onSignals(p);
      process.stdout.write(banner(p));
    });
  program
    .command('demo')
    .description('run the platform with a live demo fleet: seeded villages, logins per role, simulated devices on MQTT')
    .option('--data-dir <dir>', 'data directory (HEATFLEET_DATA_DIR; default .heatfleet/demo)')
    .option('--households <n>', 'number of simulated households (HEATFLEET_DEMO_HOUSEHOLDS)')
    .option('--speed <x>', 'simulated seconds per real second (HEATFLEET_DEMO_SPEED)')
    .option('--port <port>', 'HTTP port (HEATFLEET_HTTP_PORT)')
    .action(async (opts: { dataDir?: string; households?: string; speed?: string; port?: string }) => {
      const overrides = {
        demo: true,
        dataDir: opts.dataDir ?? process.env.HEATFLEET_DATA_DIR ?? '.heatfleet/demo',
        ...(opts.households ? { demoHouseholds: Number(opts.households) } : {}),
        ...(opts.speed ? { demoSpeed: Number(opts.speed) } : {}),
        ...(opts.port ? { httpPort: Number(opts.port) } : {}),
      };
      loadConfig(process.env, overrides);
      const p = await startPlatform(overrides);
      onSignals(p);
      process.stdout.write(banner(p));
      if (p.demo) await demoProgress(p.demo);
    });
}
