/** Reads registry files from disk for the importer; a directory contributes its .json/.xlsx/.csv files. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatOfFile } from './file-kind.js';
import type { RegistryFile } from './parse-registry-files.js';

export async function readRegistryFiles(paths: readonly string[]): Promise<RegistryFile[]> {
  const files: RegistryFile[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const names = (await readdir(path)).filter((n) => formatOfFile(n) !== null && !n.startsWith('.') && !n.startsWith('~$')).sort();
      for (const n of names) files.push({ name: n, bytes: new Uint8Array(await readFile(join(path, n))) });
    } else {
      files.push({ name: basename(path), bytes: new Uint8Array(await readFile(path)) });
    }
  }
  return files;
}
