/**
 * A cheap guard against deeply nested JSON: JSON.parse copes, but everything after it that walks the
 * value recursively (JSON.stringify, schema checks, the dead-letter copy) can run out of stack. One pass
 * over the text, counting brackets outside strings, before anything parses it.
 */

/** Deepest nesting any heatfleet payload needs is about 5 (a registry document, a telemetry batch). */
export const MAX_JSON_DEPTH = 64;

/** True when the JSON text nests arrays/objects deeper than `maxDepth` (the text need not be valid JSON). */
export function jsonTooDeep(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
