/**
 * Server-made texts as a stable code plus parameters (docs/i18n.md). The English field a response has always
 * carried stays as it was; a `TextRef` beside it lets the dashboard, the printable HTML and any client word the
 * same finding in zh-CN or English from one catalogue. Templates use i18next's `{{name}}` placeholders, so the
 * web loads the catalogues into its i18n dictionaries unchanged. This file holds the wire schema; the
 * wording is in render-text.ts (no zod, so the dashboard can bundle it).
 */
import { z } from 'zod';
import type { TextParam, TextRef } from './render-text.js';

export * from './render-text.js';

export const TextParamSchema: z.ZodType<TextParam> = z.union([z.string(), z.number(), z.null()]);
export const TextRefSchema = z.object({
  code: z.string().describe('a code of the text catalogue named by the field (docs/i18n.md)'),
  params: z.record(z.string(), TextParamSchema).describe('the numbers and names the text carries; numbers in the units the template names'),
});
// The schema and the plain type agree (a compile-time check both ways).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const agree: Same<z.infer<typeof TextRefSchema>, { code: string; params: Record<string, TextParam> }> = true;
void agree;
export type { TextRef };
