import type { TraceRecord } from '../../../shared/bridge/runEvents';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
/** One channel crossing of one event, as the runtime saw it. */
export interface HopRecord { trace: TraceRecord; event: CloudEvent | null; raw?: string }   // raw: the payload text when it was not a CloudEvent (dead letters)
/** Where the runtime hands every channel crossing; append is synchronous and cheap, the sink batches. */
export interface HopSink { append(record: HopRecord): void; flush(): Promise<void>; close(): Promise<void> }
