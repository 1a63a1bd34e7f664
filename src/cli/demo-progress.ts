import { SingleBar, Presets } from 'cli-progress';
import type { RunningDemo } from '../main/demo/start-demo.js';

/** A progress bar while the demo's devices replay their two-day backfill over MQTT. */
export async function demoProgress(demo: RunningDemo): Promise<void> {
  if (!process.stderr.isTTY) {
    process.stderr.write('demo: publishing two days of backfill over MQTT …\n');
    await demo.ready;
    return;
  }
  const bar = new SingleBar({ format: 'demo backfill over MQTT |{bar}| {value} readings', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(0, 0);
  const timer = setInterval(() => {
    bar.setTotal(Math.max(demo.published(), 1));
    bar.update(demo.published());
  }, 200);
  try {
    await demo.ready;
  } finally {
    clearInterval(timer);
    bar.setTotal(Math.max(demo.published(), 1));
    bar.update(demo.published());
    bar.stop();
  }
}
