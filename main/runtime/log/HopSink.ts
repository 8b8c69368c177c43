import type { TraceRecord } from '../../../shared/bridge/runEvents';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
/**
 * One channel crossing of one event, as the runtime saw it. `run` is the id of the run that
 * made it (RunStatus.runId): a seeded flow gives the same event ids every run, so a log that
 * keeps several runs tells them apart by it. `raw` is the payload text when it was not a
 * CloudEvent (dead letters).
 */
export interface HopRecord { run?: string; trace: TraceRecord; event: CloudEvent | null; raw?: string }
/** Where the runtime hands every channel crossing; append is synchronous and cheap, the sink batches. */
export interface HopSink { append(record: HopRecord): void; flush(): Promise<void>; close(): Promise<void> }
