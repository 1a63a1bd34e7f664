/**
 * `heatfleet import` and `heatfleet export`: directly on the data directory (platform stopped), or
 * through a running platform's HTTP API with `--url` and an API token (`--token` or HEATFLEET_TOKEN).
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRegistryFiles, type ImportError } from '../../app/registry-io/index.js';
import { loadConfig } from '../../main/config.js';
import { openOffline } from '../../main/offline.js';
import { apiRequest } from '../api-client.js';
import { withProgress } from '../progress.js';

const printErrors = (errors: readonly ImportError[], total: number) => {
  process.stderr.write(`import refused: ${total} error(s), nothing was written\n`);
  process.stderr.write('file\tsheet\trow\tcolumn\treason\n');
  for (const e of errors) process.stderr.write(`${e.file}\t${e.sheet ?? ''}\t${e.row}\t${e.column ?? ''}\t${e.reason}\n`);
  if (total > errors.length) process.stderr.write(`… and ${total - errors.length} more\n`);
};

interface RemoteOpts {
  url?: string;
  token?: string;
  dataDir?: string;
}
const token = (o: RemoteOpts) => o.token ?? process.env.HEATFLEET_TOKEN;

export function registerRegistryIoCommands(program: Command): void {
  program
    .command('import')
    .description('import registry files (JSON, XLSX, CSV or a folder of CSVs; docs/registry-import.md): every row valid, or nothing is written')
    .argument('<paths...>', 'files or folders')
    .option('--dry-run', 'validate and count, write nothing')
    .option('--data-dir <dir>', 'data directory when the platform is stopped (HEATFLEET_DATA_DIR)')
    .option('--url <url>', 'a running platform, e.g. http://127.0.0.1:8080')
    .option('--token <token>', 'API token with registry:import (or HEATFLEET_TOKEN)')
    .action(async (paths: string[], opts: RemoteOpts & { dryRun?: boolean }) => {
      const files = await withProgress('reading files', paths.length, async () => readRegistryFiles(paths));
      if (opts.url) {
        const res = await apiRequest(opts.url, token(opts), 'POST', '/api/v1/registry/import', {
          files: files.map((f) => ({ name: f.name, contentBase64: Buffer.from(f.bytes).toString('base64') })),
          dryRun: opts.dryRun === true,
        });
        const body = res.body as { ok: boolean; counts?: Record<string, number>; errors?: ImportError[]; errorCount?: number; error?: { message: string } };
        if (body.error) throw new Error(body.error.message);
        if (!body.ok) {
          printErrors(body.errors ?? [], body.errorCount ?? 0);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${opts.dryRun ? 'dry run: would import' : 'imported'}: ${Object.entries(body.counts ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
        return;
      }
      const off = await openOffline(loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {}));
      try {
        const res = await off.registryAdmin.import(off.principal, files, opts.dryRun === true);
        if (!res.ok) {
          printErrors(res.errors, res.errorCount);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${opts.dryRun ? 'dry run: would import' : 'imported'}: ${Object.entries(res.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
      } finally {
        await off.close();
      }
    });

  program
    .command('export')
    .description('export the registry (what you may see) as JSON, XLSX or CSV files')
    .option('--format <format>', 'json | xlsx | csv', 'json')
    .option('--out <dir>', 'output folder', '.')
    .option('--data-dir <dir>', 'data directory when the platform is stopped (HEATFLEET_DATA_DIR)')
    .option('--url <url>', 'a running platform')
    .option('--token <token>', 'API token with registry:export (or HEATFLEET_TOKEN)')
    .action(async (opts: RemoteOpts & { format: string; out: string }) => {
      if (!['json', 'xlsx', 'csv'].includes(opts.format)) throw new Error(`--format: "${opts.format}" is not one of json, xlsx, csv`);
      const format = opts.format as 'json' | 'xlsx' | 'csv';
      let files: { name: string; bytes: Uint8Array }[];
      if (opts.url) {
        const res = await apiRequest(opts.url, token(opts), 'GET', `/api/v1/registry/export?format=${format}`);
        if (res.status !== 200) throw new Error(`export failed: ${JSON.stringify(res.body)}`);
        files = format === 'csv'
          ? (res.body as { files: { name: string; content: string }[] }).files.map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.content) }))
          : [{ name: format === 'xlsx' ? 'registry.xlsx' : 'registry.json', bytes: res.raw }];
      } else {
        const off = await openOffline(loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {}));
        try {
          files = await off.registryAdmin.export(off.principal, format);
        } finally {
          await off.close();
        }
      }
      mkdirSync(opts.out, { recursive: true });
      for (const f of files) {
        writeFileSync(join(opts.out, f.name), f.bytes);
        process.stdout.write(`wrote ${join(opts.out, f.name)} (${f.bytes.length} bytes)\n`);
      }
    });
}
