/**
 * Says a zod issue in plain words, prefixed by the column and followed by what the user wrote, e.g.
 * `heatedAreaM2: must be a positive number, got "-5"`.
 */
import type { z } from 'zod';
import { quote } from './import-error.js';

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      if (value === null) return 'must not be empty';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'number') {
        if (min === 0 && issue.inclusive === false) return 'must be a positive number';
        return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
      }
      if (issue.origin === 'string') return min === 1 ? 'must not be empty' : `must be at least ${plural(min, 'character')}`;
      if (issue.origin === 'array') return `must list at least ${plural(min, 'value')}`;
      return issue.message;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'number') return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
      if (issue.origin === 'string') return `must be at most ${plural(max, 'character')}`;
      if (issue.origin === 'array') return `must list at most ${plural(max, 'value')}`;
      return issue.message;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      // Domain schemas word their own format messages ("a date is YYYY-MM-DD"); zod's defaults are terse.
      return issue.message.startsWith('Invalid') ? `has the wrong format (${issue.format})` : issue.message;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * @param valueOf the value the schema saw at a path (for tabular input pass the cell text instead so
 *   the message shows what the user typed).
 */
export function issueReason(issue: Issue, valueOf: (path: readonly PropertyKey[]) => unknown): { column: string | null; reason: string } {
  const [head, ...rest] = issue.path;
  const column = head === undefined ? null : String(head);
  const value = valueOf(issue.path);
  const item = typeof rest[0] === 'number' ? `item ${rest[0] + 1} ` : '';
  const got = value === undefined || value === null || value === '' ? '' : `, got ${quote(value)}`;
  const text = `${item}${describe(issue, value)}${got}`;
  return { column, reason: column === null ? text : `${column}: ${text}` };
}
