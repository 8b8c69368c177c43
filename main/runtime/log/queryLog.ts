import { join } from 'node:path';
import { causalOrder } from './causalOrder';
import type { LoggedHop } from './LoggedHop';
import { parseLine } from './LoggedHop';
import type { CompiledLogQuery, LogQuery } from './LogQuery';
import { compileLogQuery } from './LogQuery';
import { readLines } from './readLines';
import { readFreshIndex } from './SegmentIndex';
import { listSegments } from './segmentFiles';

/**
 * The most hops a causal-order query collects in memory (one checkout is tens of hops).
 * Past it the query fails with a message saying how to narrow it, instead of growing memory.
 */
export const MAX_CAUSAL_HOPS = 100_000;

/** A query the log cannot answer as asked; the message names the filter and the fix. */
export class LogQueryError extends Error {
  override name = 'LogQueryError';
}

/**
 * Stream the hops of a log directory that match a query, in write order (or causal order for
 * one correlation id). Reads one segment at a time, line by line, and skips whole segments
 * whose index shows they cannot match (outside the time range, no such type or channel).
 * Incomplete last lines (a writer mid-batch, or killed) are not records and are never returned.
 *
 * @example
 * for await (const hop of queryLog('examples/checkout.events', { correlationId: 'c-17' })) console.log(hop.trace.type);
 */
export async function* queryLog(dir: string, q: LogQuery): AsyncGenerator<LoggedHop> {
  const compiled = compileLogQuery(q);
  if (!compiled.ok) throw new LogQueryError(compiled.message);
  const query = compiled.query;
  if (query.order === 'causal') {
    const all: LoggedHop[] = [];
    for await (const hop of scan(dir, query)) {
      all.push(hop);
      if (all.length > MAX_CAUSAL_HOPS) {
        throw new LogQueryError(
          `more than ${MAX_CAUSAL_HOPS} hops match: causal order needs them in memory; narrow the query (a time range, a type) or ask for write order`,
        );
      }
    }
    const ordered = causalOrder(all);
    yield* Number.isFinite(query.limit) ? ordered.slice(0, query.limit) : ordered;
    return;
  }
  let count = 0;
  for await (const hop of scan(dir, query)) {
    yield hop;
    count += 1;
    if (count >= query.limit) return;
  }
}

async function* scan(dir: string, query: CompiledLogQuery): AsyncGenerator<LoggedHop> {
  for (const segment of await listSegments(dir)) {
    let index;
    try {
      index = await readFreshIndex(dir, segment);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed by retention meanwhile
      throw err;
    }
    if (index?.firstSeq != null && index.firstSeq > query.maxSeq) return;
    if (index && query.skips(index)) continue;
    try {
      for await (const line of readLines(join(dir, segment))) {
        if (!line.complete) break;
        const hop = line.text === '' ? null : parseLine(line.text);
        if (!hop) continue;
        if (hop.seq > query.maxSeq) return;
        if (query.test(hop)) yield hop;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
  }
}
