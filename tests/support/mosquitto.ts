/**
 * Starts a private Mosquitto 2 for a test: its own config, password file and ACL in a temp directory,
 * listening on a free loopback port. Nothing is shared with a system Mosquitto service.
 *
 * When `mosquitto` is not installed, `findMosquitto()` returns null: tests skip loudly, except in CI
 * (`CI=true`), where a missing broker is a failure (Debian package: `mosquitto`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export function findMosquitto(): string | null {
  for (const p of ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/opt/homebrew/sbin/mosquitto']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '' ? which.stdout.trim() : null;
}

/** For `describe.skipIf`: true when the Mosquitto tests cannot run here; throws in CI instead of skipping. */
export function mosquittoMissing(suite: string): boolean {
  if (findMosquitto() !== null) return false;
  const msg = `\n\n  !!! ${suite}: SKIPPED — mosquitto is not installed (apt-get install -y mosquitto) !!!\n\n`;
  if (process.env.CI === 'true') throw new Error(`${suite}: mosquitto is required in CI (Debian package "mosquitto")`);
  console.warn(msg);
  return true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

export interface PrivateMosquitto {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Stops the broker (SIGTERM) and waits for its exit; with `keepFiles` the directory survives for a restart. */
  stop(opts?: { keepFiles?: boolean }): Promise<void>;
  /** Starts it again on the same port with the same files (and persistence, if enabled). */
  restart(): Promise<void>;
  /** Everything the broker logged so far. */
  log(): string;
}

export interface MosquittoOptions {
  /** Contents of the password file (e.g. from renderMosquittoPasswordFile). */
  readonly passwordFile: string;
  readonly aclFile: string;
  /** Keep queued messages on disk across restarts. */
  readonly persistence?: boolean;
  readonly extraConfig?: readonly string[];
}

export async function startMosquitto(opts: MosquittoOptions): Promise<PrivateMosquitto> {
  const bin = findMosquitto();
  if (bin === null) throw new Error('mosquitto is not installed (Debian package "mosquitto")');
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-mosquitto-'));
  const port = await freePort();
  await writeFile(join(dir, 'passwd'), opts.passwordFile, { mode: 0o600 });
  await writeFile(join(dir, 'acl'), opts.aclFile, { mode: 0o600 });
  const conf = [
    `listener ${port} 127.0.0.1`,
    // run as whoever started the test (as root, mosquitto would otherwise switch to user "mosquitto" and lose access to the temp dir)
    `user ${userInfo().username}`,
    'allow_anonymous false',
    `password_file ${join(dir, 'passwd')}`,
    `acl_file ${join(dir, 'acl')}`,
    `persistence ${opts.persistence ? 'true' : 'false'}`,
    `persistence_location ${dir}/`,
    'max_queued_messages 100000',
    'max_inflight_messages 100',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    ...(opts.extraConfig ?? []),
    '',
  ].join('\n');
  await writeFile(join(dir, 'mosquitto.conf'), conf);
  let output = '';
  let child: ChildProcess | null = null;

  const launch = async () => {
    const proc = spawn(bin, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null) throw new Error(`mosquitto exited with ${proc.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stopProcess = async () => {
    const proc = child as ChildProcess | null;
    if (proc === null || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    async stop(o = {}) {
      await stopProcess();
      if (!o.keepFiles) await rm(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stopProcess();
      await launch();
    },
    log: () => output,
  };
}
