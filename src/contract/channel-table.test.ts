import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelTableMarkdown } from './channel-table.js';

describe('docs/telemetry.md', () => {
  it('lists exactly the canonical channels the platform accepts', () => {
    const doc = readFileSync(new URL('../../docs/telemetry.md', import.meta.url), 'utf8');
    const between = doc.split('<!-- channels:begin')[1]?.split('<!-- channels:end -->')[0] ?? '';
    const table = between.slice(between.indexOf('\n') + 1).trim();
    expect(table).toBe(channelTableMarkdown());
  });
});
