/** Port: durable demand-response events (docs/demand-response.md), kept whole in their wire shape. */
import type { DrEventDetail } from '../../contract/dr-events.js';

export interface DrEventStore {
  /** Stores a new event; an id that exists already is refused (the requester's ids are unique). */
  insertEvent(e: DrEventDetail): Promise<void>;
  /** Replaces a stored event (same id); refused when there is none. */
  updateEvent(e: DrEventDetail): Promise<void>;
  getEvent(id: string): Promise<DrEventDetail | null>;
  /** Newest first (creation time, then id); `villageIds` restricts. */
  listEvents(q: { villageIds?: readonly string[]; limit: number }): Promise<DrEventDetail[]>;
}
