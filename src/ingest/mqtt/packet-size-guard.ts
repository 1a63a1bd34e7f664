/**
 * Refuses an MQTT packet as soon as its fixed header announces more than `maxBytes`, before Aedes
 * buffers it whole (Aedes 1.x has no maximum packet size of its own). It hooks the per-connection
 * mqtt-packet parser; if a future Aedes changes that internal, the guard logs nothing and does nothing,
 * and the ingest use case still refuses payloads over MAX_PAYLOAD_BYTES.
 */
import type { Client } from 'aedes';

interface ParserInternals {
  _parseLength?: () => boolean;
  _emitError?: (err: Error) => void;
  packet?: { length: number };
}

export function guardPacketSize(client: Client, maxBytes: number, onRefused: (bytes: number) => void): boolean {
  const parser = (client as unknown as { _parser?: ParserInternals })._parser;
  const original = parser?._parseLength;
  if (parser === undefined || typeof original !== 'function' || typeof parser._emitError !== 'function') return false;
  parser._parseLength = function guardedParseLength(this: ParserInternals): boolean {
    const ok = original.call(this);
    const length = this.packet?.length ?? 0;
    if (ok && length > maxBytes) {
      onRefused(length);
      this._emitError?.(new Error(`packet of ${length} bytes exceeds the limit of ${maxBytes}`));
      return false;
    }
    return ok;
  };
  return true;
}
