/** The canonical channel table as Markdown, for docs/telemetry.md (a test keeps the doc in step with the code). */
import { CHANNELS } from '../domain/telemetry-channels.js';

export function channelTableMarkdown(): string {
  const rows = CHANNELS.map((c) => `| \`${c.key}\` | ${c.unit} | ${c.min} … ${c.max} | ${'cumulative' in c && c.cumulative ? 'cumulative register' : c.kind} | ${c.descriptionEn} | ${c.descriptionZh} |`);
  return ['| channel | unit | accepted range | kind | meaning | 含义 |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
