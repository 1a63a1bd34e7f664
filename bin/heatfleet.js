#!/usr/bin/env node
// Entry point of the `heatfleet` command: runs the compiled CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('heatfleet: dist/ is missing; run `npm run build` first (npm start does it for you).');
  process.exit(1);
}
await import(cli);
