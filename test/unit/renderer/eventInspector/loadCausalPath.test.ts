import { describe, expect, it } from 'vitest';
import { loadCausalPath, type LoggedHop, type PathQuery } from '../../../../renderer/eventInspector/loadCausalPath';

/** A log holding two runs of the same seeded flow: the same event and correlation ids in each. */
function twoRunLog(): { query: PathQuery; asked: (string | undefined)[] } {
  const hop = (runId: string, eventId: string, edgeId: string, seq: number): LoggedHop & { runId: string } => ({
    runId,
    seq,
    at: seq,
    trace: { eventId, correlationId: 'c1', type: 't', edgeId, topic: edgeId, sentAt: seq, receivedAt: seq + 1, outcome: 'delivered' },
    event: { id: eventId },
  });
  const log = [hop('run-1', 'e1', 'a', 1), hop('run-1', 'e2', 'b', 2), hop('run-2', 'e1', 'a', 3), hop('run-2', 'e9', 'x', 4)];
  const asked: (string | undefined)[] = [];
  const query: PathQuery = async ({ correlationId, runId }) => {
    asked.push(runId);
    return { hops: log.filter((h) => h.trace.correlationId === correlationId && (runId === undefined || h.runId === runId)) };
  };
  return { query, asked };
}

describe('loadCausalPath', () => {
  it('reads the path from the newest run of the session, not every run in the log', async () => {
    const { query } = twoRunLog();
    const path = await loadCausalPath(query, { eventId: 'e1', correlationId: 'c1' }, ['run-1', 'run-2']);
    expect(path.runId).toBe('run-2');
    expect(path.hops.map((h) => h.trace.edgeId)).toEqual(['a', 'x']);
  });

  it('falls back to an earlier run of the session when the newest did not log the event', async () => {
    const { query, asked } = twoRunLog();
    const path = await loadCausalPath(query, { eventId: 'e2', correlationId: 'c1' }, ['run-1', 'run-2']);
    expect(asked).toEqual(['run-2', 'run-1']);
    expect(path.runId).toBe('run-1');
    expect(path.hops.map((h) => h.trace.eventId)).toEqual(['e1', 'e2']);
  });

  it('queries every run when no run id is known', async () => {
    const { query, asked } = twoRunLog();
    const path = await loadCausalPath(query, { eventId: 'e1', correlationId: 'c1' }, []);
    expect(asked).toEqual([undefined]);
    expect(path.hops).toHaveLength(4);
  });
});

/** Run 1 logged checkout c1 and, later, a replay of it into the same run; run 2 is the run a second replay started. */
function logWithReplays(): PathQuery {
  const hop = (runId: string, eventId: string, edgeId: string, seq: number, replayId?: string): LoggedHop & { runId: string } => ({
    runId,
    seq,
    at: seq,
    trace: { eventId, correlationId: 'c1', type: 't', edgeId, topic: edgeId, sentAt: seq, receivedAt: seq + 1, outcome: 'delivered', ...(replayId ? { replayId } : {}) },
    event: { id: eventId, ...(replayId ? { replayid: replayId } : {}) },
  });
  const log = [
    hop('run-1', 'e1', 'store-orders', 1),
    hop('run-1', 'p1', 'payment-results', 2),
    hop('run-1', 'e1', 'store-orders', 3, 'rp-live'),
    hop('run-1', 'p7', 'payment-results', 4, 'rp-live'),
    hop('run-2', 'e1', 'store-orders', 5, 'rp-later'),
    hop('run-2', 'p9', 'payment-dead-letter', 6, 'rp-later'),
  ];
  return async ({ correlationId, runId }) => ({ hops: log.filter((h) => h.trace.correlationId === correlationId && (runId === undefined || h.runId === runId)) });
}

describe('loadCausalPath with replays (they keep the ids they replay)', () => {
  it("highlights an original event's own path, not its replay in the newer run nor in the same run", async () => {
    const path = await loadCausalPath(logWithReplays(), { eventId: 'e1', correlationId: 'c1' }, ['run-1', 'run-2']);
    expect(path.runId).toBe('run-1');
    expect(path.hops.map((h) => [h.trace.eventId, h.trace.edgeId])).toEqual([
      ['e1', 'store-orders'],
      ['p1', 'payment-results'],
    ]);
  });

  it("highlights a replayed event's path, of that replay only", async () => {
    const later = await loadCausalPath(logWithReplays(), { eventId: 'e1', correlationId: 'c1', replayId: 'rp-later' }, ['run-1', 'run-2']);
    expect(later.runId).toBe('run-2');
    expect(later.hops.map((h) => h.trace.eventId)).toEqual(['e1', 'p9']);
    const live = await loadCausalPath(logWithReplays(), { eventId: 'e1', correlationId: 'c1', replayId: 'rp-live' }, ['run-1', 'run-2']);
    expect(live.runId).toBe('run-1');
    expect(live.hops.map((h) => h.trace.eventId)).toEqual(['e1', 'p7']);
  });
});
