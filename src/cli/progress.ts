import { Presets, SingleBar } from 'cli-progress';

/** Runs `work` with a progress bar on a terminal (plain text otherwise). */
export async function withProgress<T>(label: string, total: number, work: (tick: () => void) => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return work(() => undefined);
  const bar = new SingleBar({ format: `${label} |{bar}| {value}/{total}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  try {
    const out = await work(() => bar.increment());
    bar.update(total);
    return out;
  } finally {
    bar.stop();
  }
}
