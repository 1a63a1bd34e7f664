/** One Error naming every field path a zod parse refused (bad rules, filters and options are caller errors). */
import type { z } from 'zod';

export function parseOrExplain<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const msg = r.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`invalid ${what}: ${msg}`);
}
