import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, ENV_VARS, loadConfig } from './config.js';

describe('configuration', () => {
  it('has a default for every setting', () => {
    const c = loadConfig({});
    expect(c.httpPort).toBe(8080);
    expect(c.dataDir).toBe('.heatfleet/data');
    expect(c.mqttExternalUrl).toBeNull();
  });

  it('reads environment variables over a config file, and names the variable of a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ httpPort: 9000, offlineAfterS: 60 }));
    const c = loadConfig({ HEATFLEET_CONFIG: file, HEATFLEET_HTTP_PORT: '9100' });
    expect(c.httpPort).toBe(9100);
    expect(c.offlineAfterS).toBe(60);
    expect(() => loadConfig({ HEATFLEET_HTTP_PORT: '70000' })).toThrow(/httpPort \(HEATFLEET_HTTP_PORT\)/);
    expect(() => loadConfig({ HEATFLEET_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(loadConfig({ HEATFLEET_DB_MEMORY_LIMIT: '512MiB' }).dbMemoryLimit).toBe('512MiB');
    expect(() => loadConfig({ HEATFLEET_DB_MEMORY_LIMIT: 'lots' })).toThrow(/dbMemoryLimit \(HEATFLEET_DB_MEMORY_LIMIT\): a size such as 8GB/);
  });

  it('refuses a config file holding secrets that others can read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ adminPassword: 'a-long-secret-password' }));
    chmodSync(file, 0o644);
    expect(() => loadConfig({ HEATFLEET_CONFIG: file })).toThrow(/chmod 600/);
    chmodSync(file, 0o600);
    expect(loadConfig({ HEATFLEET_CONFIG: file }).adminPassword).toBe('a-long-secret-password');
  });

  it('documents every setting and variable in docs/configuration.md', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    for (const [name, key] of Object.entries(ENV_VARS)) expect(doc).toContain(`| \`${name}\` | \`${key}\` |`);
    expect(Object.values(ENV_VARS).sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
  });
});
