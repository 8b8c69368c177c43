import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { isReplayHop, runOf, type LoggedHop } from './LoggedHop';

export interface ExportSummary {
  /** Events written (one line each). */
  events: number;
  /** Hops of an event already written (the same event crossing another channel). */
  repeatedHops: number;
  /** Hops that carried no CloudEvent (payloads that were dead-lettered as unreadable). */
  withoutEvent: number;
  /** Hops of replay traffic left out (without `includeReplays`). */
  replayHops: number;
}

export interface ExportOptions {
  /**
   * Also write replay traffic: replayed events and the events they caused. They keep their
   * `replayid`, so the file still says they were a replay. Default false: the file is history
   * only, never a replay dressed up as what happened.
   */
  includeReplays?: boolean;
}

/**
 * Write the events of a query result as NDJSON of CloudEvents: one event per line, in the
 * order given, each event of each run once (an event crosses several channels but is one
 * event; another run of a seeded flow has the same ids, and its events are written too). Any
 * tool reads it (`jq`, a CloudEvents SDK), and `importEvents` turns it into a replay source.
 *
 * @example
 * await exportEvents(log.query({ correlationId: 'c-17', runId }), 'checkout-17.ndjson');
 */
export async function exportEvents(hops: AsyncIterable<LoggedHop>, outFile: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const out = createWriteStream(outFile, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => {
    throw err as Error;
  });
  failed.catch(() => undefined);
  const seen = new Set<string>();
  const summary: ExportSummary = { events: 0, repeatedHops: 0, withoutEvent: 0, replayHops: 0 };
  for await (const hop of hops) {
    if (hop.event === null) {
      summary.withoutEvent += 1;
      continue;
    }
    if (!options.includeReplays && isReplayHop(hop)) {
      summary.replayHops += 1;
      continue;
    }
    const key = `${runOf(hop)}\u0000${hop.event.id}\u0000${String(hop.event.replayid ?? '')}`;
    if (seen.has(key)) {
      summary.repeatedHops += 1;
      continue;
    }
    seen.add(key);
    if (!out.write(`${JSON.stringify(hop.event)}\n`)) await Promise.race([once(out, 'drain'), failed]);
    summary.events += 1;
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return summary;
}
