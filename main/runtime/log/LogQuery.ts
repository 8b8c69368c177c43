import type { TraceOutcome } from '../../../shared/bridge/runEvents';
import type { EventPattern } from '../../../shared/routing/EventPattern';
import { compilePattern } from '../../../shared/routing/compilePattern';
import { runOf, type LoggedHop } from './LoggedHop';
import type { SegmentIndex } from './SegmentIndex';

/** What to read from a log. Every filter is optional; filters AND together. */
export interface LogQuery {
  /** Epoch ms, inclusive, on the time the hop was logged. */
  since?: number;
  /** Epoch ms, inclusive. */
  until?: number;
  /** CloudEvents types (any of). */
  types?: string[];
  correlationId?: string;
  /**
   * One run (RunStatus.runId; LEGACY_RUN_ID for hops logged without one). A seeded flow gives
   * the same event and correlation ids every run, so without it a query sees every run.
   */
  runId?: string;
  /** Channels (edge ids, any of). */
  edgeIds?: string[];
  outcomes?: TraceOutcome[];
  /** A content pattern over the CloudEvent, in the routing pattern language. */
  pattern?: EventPattern;
  /** At most this many hops. */
  limit?: number;
  /**
   * Hops of replayed events and of the events they caused (both carry a replay id: consumers
   * copy `replayid` onto what a replayed event makes them emit); default true.
   */
  includeReplays?: boolean;
  /** Stop at this sequence number (a replay reading the log it writes into stops at its start). */
  maxSeq?: number;
  /**
   * `seq`: write order, streamed. `causal`: causes before effects (see causalOrder); needs the
   * whole result in memory, so it is the default only for a correlation id (one business flow).
   */
  order?: 'seq' | 'causal';
}

/** A query compiled once: a per-hop test and a per-segment test on its index. */
export interface CompiledLogQuery {
  test(hop: LoggedHop): boolean;
  /** True when the segment holds nothing the query can match (its index proves it). */
  skips(index: SegmentIndex): boolean;
  order: 'seq' | 'causal';
  limit: number;
  maxSeq: number;
}

export type CompileLogQueryResult = { ok: true; query: CompiledLogQuery } | { ok: false; message: string };

/** Check and compile a query; a bad pattern or range comes back as a message naming it. */
export function compileLogQuery(q: LogQuery): CompileLogQueryResult {
  let match: ((event: unknown) => boolean) | null = null;
  if (q.pattern !== undefined) {
    const compiled = compilePattern(q.pattern);
    if (!compiled.ok) {
      return { ok: false, message: `pattern: ${compiled.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` };
    }
    match = compiled.match;
  }
  if (q.limit !== undefined && !(Number.isInteger(q.limit) && q.limit > 0)) {
    return { ok: false, message: `limit: must be a whole number > 0 (got ${q.limit})` };
  }
  if (q.since !== undefined && q.until !== undefined && q.since > q.until) {
    return {
      ok: false,
      message: `the time range is empty: since (${new Date(q.since).toISOString()}) is after until (${new Date(q.until).toISOString()})`,
    };
  }
  const types = q.types && q.types.length > 0 ? new Set(q.types) : null;
  const edges = q.edgeIds && q.edgeIds.length > 0 ? new Set(q.edgeIds) : null;
  const outcomes = q.outcomes && q.outcomes.length > 0 ? new Set<string>(q.outcomes) : null;
  const since = q.since ?? -Infinity;
  const until = q.until ?? Infinity;
  const maxSeq = q.maxSeq ?? Infinity;
  const includeReplays = q.includeReplays ?? true;
  const correlationId = q.correlationId;
  const runId = q.runId;
  const anyOf = (counts: Record<string, number>, wanted: Set<string>): boolean => {
    for (const key of wanted) if (Object.hasOwn(counts, key) && (counts[key] as number) > 0) return true;
    return false;
  };
  return {
    ok: true,
    query: {
      order: q.order ?? (correlationId !== undefined ? 'causal' : 'seq'),
      limit: q.limit ?? Infinity,
      maxSeq,
      test(hop) {
        const t = hop.trace;
        if (hop.at < since || hop.at > until || hop.seq > maxSeq) return false;
        if (types && !types.has(t.type)) return false;
        if (correlationId !== undefined && t.correlationId !== correlationId) return false;
        if (runId !== undefined && runOf(hop) !== runId) return false;
        if (edges && !edges.has(t.edgeId)) return false;
        if (outcomes && !outcomes.has(t.outcome)) return false;
        if (!includeReplays && (t.replayId !== undefined || hop.event?.replayid !== undefined)) return false;
        if (match && (hop.event === null || !match(hop.event))) return false;
        return true;
      },
      skips(index) {
        if (index.records === 0) return true;
        if (index.lastAt !== null && index.lastAt < since) return true;
        if (index.firstAt !== null && index.firstAt > until) return true;
        if (index.firstSeq !== null && index.firstSeq > maxSeq) return true;
        if (runId !== undefined && !(Object.hasOwn(index.runs, runId) && (index.runs[runId]?.hops ?? 0) > 0)) return true;
        if (types && !anyOf(index.types, types)) return true;
        if (edges && !anyOf(index.edges, edges)) return true;
        if (outcomes && !anyOf(index.outcomes, outcomes)) return true;
        return false;
      },
    },
  };
}
