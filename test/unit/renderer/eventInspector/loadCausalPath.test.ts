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
