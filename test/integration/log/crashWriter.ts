// A writer that is killed on purpose: appends large records in a tight loop and says how many
// are on disk, until the test SIGKILLs it. Run: node bin/run-ts.mjs test/integration/log/crashWriter.ts DIR
import { openEventLog } from '../../../main/runtime/log/openEventLog';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crashWriter.ts DIR');
/** Large lines span many pages, so a kill lands inside one line's write more often than not. */
const PAD = 'x'.repeat(256 * 1024);
const BATCH = 20;
const MAX_WAITING = 4 * BATCH;

const log = await openEventLog({ dir, batchIntervalMs: 1, maxBatchRecords: BATCH });
let n = 0;
function loop(): void {
  const s = log.stats();
  if (s.appended - s.written < MAX_WAITING) {
    for (let i = 0; i < BATCH; i++) {
      n += 1;
      const sentAt = Date.now();
      log.append({
        trace: { eventId: `ev-${n}`, correlationId: `c-${n}`, type: 'order.placed', edgeId: 'e1', topic: 'orders', sentAt, outcome: 'delivered' },
        event: { specversion: '1.0', id: `ev-${n}`, type: 'order.placed', source: 'crash', time: new Date(sentAt).toISOString(), datacontenttype: 'application/json', data: { n, pad: PAD }, correlationid: `c-${n}` },
      });
    }
  }
  setImmediate(loop);
}
setInterval(() => process.stdout.write(`written ${log.stats().written}\n`), 20);
loop();
