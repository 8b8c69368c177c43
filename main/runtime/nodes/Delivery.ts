import type { CloudEvent } from '../../../shared/events/CloudEvent';

/** One event (or an unreadable payload) as a node received it on one inbound channel. */
export interface Delivery {
  edgeId: string;
  /** The channel topic without the run prefix (what rule topic filters are tested against). */
  topic: string;
  wireTopic: string;
  receivedAt: number;
  sentAt: number;
  /** The parsed event; null when the payload was not a CloudEvent (then `raw` and `problem` say why). */
  event: CloudEvent | null;
  payload: Buffer;
  raw?: string;
  problem?: string;
  /** For an unreadable payload: the id its trace and its dead letter carry. */
  invalidId?: string;
}
