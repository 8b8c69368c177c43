import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { LoggedHop } from './LoggedHop';

export interface ExportSummary {
  /** Events written (one line each). */
  events: number;
  /** Hops of an event already written (the same event crossing another channel). */
  repeatedHops: number;
  /** Hops that carried no CloudEvent (payloads that were dead-lettered as unreadable). */
  withoutEvent: number;
}

/**
 * Write the events of a query result as NDJSON of CloudEvents: one event per line, in the
 * order given, each event once (an event crosses several channels but is one event), with
 * `replayid` removed so the file describes what happened, not a replay of it. Any tool reads
 * it (`jq`, a CloudEvents SDK), and `importEvents` turns it into a replay source.
 *
 * @example
 * await exportEvents(log.query({ correlationId: 'c-17' }), 'checkout-17.ndjson');
 */
export async function exportEvents(hops: AsyncIterable<LoggedHop>, outFile: string): Promise<ExportSummary> {
  const out = createWriteStream(outFile, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => {
    throw err as Error;
  });
  failed.catch(() => undefined);
  const seen = new Set<string>();
  const summary: ExportSummary = { events: 0, repeatedHops: 0, withoutEvent: 0 };
  for await (const hop of hops) {
    if (hop.event === null) {
      summary.withoutEvent += 1;
      continue;
    }
    if (seen.has(hop.event.id)) {
      summary.repeatedHops += 1;
      continue;
    }
    seen.add(hop.event.id);
    if (!out.write(`${JSON.stringify(withoutReplayId(hop.event))}\n`)) await Promise.race([once(out, 'drain'), failed]);
    summary.events += 1;
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return summary;
}

function withoutReplayId(event: CloudEvent): CloudEvent {
  if (event.replayid === undefined) return event;
  const { replayid: _replayid, ...rest } = event;
  return rest as CloudEvent;
}
