/** `heatfleet users …` and `heatfleet devices …`: people and device credentials, on a stopped platform's data directory. */
import type { Command } from 'commander';
import { NewUserSchema } from '../../app/user-admin.js';
import { loadConfig } from '../../main/config.js';
import { openOffline, type Offline } from '../../main/offline.js';

const readPassword = (): string => {
  const p = process.env.HEATFLEET_NEW_PASSWORD;
  if (!p) throw new Error('set the new password in HEATFLEET_NEW_PASSWORD (kept out of shell history and process lists)');
  return p;
};

async function offline<T>(dataDir: string | undefined, work: (off: Offline) => Promise<T>): Promise<T> {
  const off = await openOffline(loadConfig(process.env, dataDir ? { dataDir } : {}));
  try {
    return await work(off);
  } finally {
    await off.close();
  }
}

export function registerAccountCommands(program: Command): void {
  const users = program.command('users').description('people: create users, reset passwords (platform stopped; or use the API)');
  users
    .command('create')
    .description('create a user; the password is read from HEATFLEET_NEW_PASSWORD')
    .requiredOption('--username <name>')
    .requiredOption('--role <role>', 'admin | regulator | operator-admin | technician | household')
    .requiredOption('--org <orgId>')
    .option('--name <displayName>')
    .option('--scope <areaId>', 'region/county/village the user sees')
    .option('--site <siteId>', 'household users: their site')
    .option('--data-dir <dir>')
    .action(async (o: { username: string; role: string; org: string; name?: string; scope?: string; site?: string; dataDir?: string }) => {
      const input = NewUserSchema.safeParse({ username: o.username, displayName: o.name ?? o.username, role: o.role, orgId: o.org, scopeAreaId: o.scope ?? null, siteId: o.site ?? null, password: readPassword() });
      if (!input.success) throw new Error(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      await offline(o.dataDir, async (off) => {
        const res = await off.userAdmin.create(off.principal, input.data);
        if (!res.ok) throw new Error(res.message);
        process.stdout.write(`created user ${res.value.username} (${res.value.role})\n`);
      });
    });
  users
    .command('reset-password')
    .description("reset a user's password (from HEATFLEET_NEW_PASSWORD) and end its sessions")
    .argument('<username>')
    .option('--data-dir <dir>')
    .action(async (username: string, o: { dataDir?: string }) => {
      const password = readPassword();
      await offline(o.dataDir, async (off) => {
        const user = await off.stores.access.getUserByUsername(username);
        if (!user) throw new Error(`no user ${username}`);
        const res = await off.userAdmin.resetPassword(off.principal, user.id, password);
        if (!res.ok) throw new Error(res.message);
        process.stdout.write(`password of ${username} reset; its sessions ended\n`);
      });
    });

  const devices = program.command('devices').description('device credentials');
  devices
    .command('provision')
    .description('issue a new secret for a registered device (printed once)')
    .argument('<deviceId>')
    .option('--data-dir <dir>')
    .action(async (deviceId: string, o: { dataDir?: string }) => {
      await offline(o.dataDir, async (off) => {
        const res = await off.deviceAdmin.provision(off.principal, deviceId);
        if ('error' in res) throw new Error(`no device ${deviceId} in the registry`);
        process.stdout.write(`device ${deviceId}\n  MQTT username: ${deviceId}\n  secret (shown once): ${res.secret}\n  publish to: heatfleet/v1/devices/${deviceId}/telemetry\n`);
      });
    });
  devices
    .command('revoke')
    .description('revoke a device: its secret stops working')
    .argument('<deviceId>')
    .option('--data-dir <dir>')
    .action(async (deviceId: string, o: { dataDir?: string }) => {
      await offline(o.dataDir, async (off) => {
        const res = await off.deviceAdmin.revoke(off.principal, deviceId);
        if ('error' in res) throw new Error(`no device ${deviceId} in the registry`);
        process.stdout.write(`device ${deviceId} revoked\n`);
      });
    });
}
