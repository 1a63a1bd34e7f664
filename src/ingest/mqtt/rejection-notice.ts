/**
 * The message a device receives on `heatfleet/v1/devices/{id}/rejections` when some of its readings
 * were refused. MQTT 3.1.1 has no reason codes on PUBACK, so the reason travels as its own message.
 */
import type { IngestRejection } from '../../contract/telemetry-payload.js';

/** A notice lists at most this many rejections; the rest are counted in `omitted`. */
export const MAX_NOTICE_REJECTIONS = 1000;

export interface RejectionNotice {
  /** MQTT packet id of the refused message (null for QoS 0), so the device can match its buffer. */
  readonly ref: number | null;
  readonly rejected: readonly IngestRejection[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly omitted?: number;
}

export function rejectionNotice(ref: number | undefined, report: { accepted: number; duplicates: number; rejected: readonly IngestRejection[] }): Buffer {
  const notice: RejectionNotice = {
    ref: ref ?? null,
    rejected: report.rejected.slice(0, MAX_NOTICE_REJECTIONS),
    accepted: report.accepted,
    duplicates: report.duplicates,
    ...(report.rejected.length > MAX_NOTICE_REJECTIONS ? { omitted: report.rejected.length - MAX_NOTICE_REJECTIONS } : {}),
  };
  return Buffer.from(JSON.stringify(notice));
}
