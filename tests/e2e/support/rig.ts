/**
 * Set-up shared by the Chromium suites: the real platform with a demo fleet serving the built dashboard, and Debian's
 * Chromium. `WEB_DIST` lets a run use its own build (`vite build --outDir …`) while others rebuild web/dist in a shared tree.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { startPlatform, type RunningPlatform, type StartOptions } from '../../../src/main/platform.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './browser.js';

export const WEB_DIST = process.env.WEB_DIST ?? fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface E2eRig {
  readonly platform: RunningPlatform;
  readonly browser: Browser;
  /** Contexts opened by the suite; closed with the rig. */
  readonly contexts: BrowserContext[];
  close(): Promise<void>;
}

/** Starts the demo platform (30 households, live ticks every second, silent logs) with `options` on top, then Chromium. */
export async function startE2eRig(options: StartOptions & { waitForDemo?: boolean }): Promise<E2eRig> {
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error(`${WEB_DIST} is missing: run \`npm run build:web\` first`);
  const { waitForDemo, ...start } = options;
  const platform = await startPlatform({
    dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 30, liveIntervalMs: 1000, logLevel: 'silent', webDir: WEB_DIST, env: {}, ...start,
  });
  if (waitForDemo) await platform.demo?.ready;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    platform, browser, contexts,
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await platform.close();
    },
  };
}

/**
 * True when the suite must skip: Chromium is missing and this is not CI (on CI a missing browser fails instead).
 * Says so loudly, naming the suite.
 */
export function skipWithoutChromium(suite: string): boolean {
  const skip = !chromiumAvailable() && process.env.CI !== 'true';
  if (skip) console.warn(`\n${'!'.repeat(78)}\n!!! SKIPPING ${suite} browser tests: ${CHROMIUM_PATH} is missing (apt-get install chromium)\n${'!'.repeat(78)}\n`);
  return skip;
}
