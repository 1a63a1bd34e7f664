/**
 * Decodes a text file. UTF-8 with or without BOM is the format; a file that is not valid UTF-8 is read
 * as GB18030 (a superset of GBK), because Excel on Chinese Windows saves "CSV" in the ANSI code page.
 */
export type DecodedText = { readonly ok: true; readonly text: string; readonly encoding: 'utf-8' | 'utf-16le' | 'gb18030' } | { readonly ok: false; readonly reason: string };

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    // TextDecoder drops a leading UTF-8 BOM by default.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // A file that says it is UTF-8 but is damaged must not be read as mojibake.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ok: false, reason: 'the file starts with a UTF-8 BOM but is not valid UTF-8' };
    try {
      return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      return { ok: false, reason: 'the file is neither UTF-8 nor GB18030 text; save it as "CSV UTF-8"' };
    }
  }
}
