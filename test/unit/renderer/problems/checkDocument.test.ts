import { describe, expect, it } from 'vitest';
import { flowDocumentSchema, type FlowDocument } from '../../../../shared/flow/FlowDocument';
import { checkDocument } from '../../../../renderer/problems/checkDocument';
import { useProblemsStore } from '../../../../renderer/problems/useProblemsStore';

const valid = flowDocumentSchema.parse({
  schemaVersion: 1,
  name: 'D',
  eventTypes: [{ name: 't' }],
  nodes: [
    { id: 'p', kind: 'producer', name: 'P', settings: { eventType: 't' } },
    { id: 'c', kind: 'consumer', name: 'C' },
  ],
  edges: [{ id: 'pc', source: 'p', target: 'c', topic: 'a/b' }],
});

describe('checkDocument', () => {
  it('finds nothing wrong with a connected flow', () => {
    expect(checkDocument(valid)).toEqual([]);
  });

  it('ties a loader error to its node by path, without the path in the message', () => {
    const bad = { ...valid, nodes: valid.nodes.map((n) => (n.kind === 'producer' ? { ...n, settings: { ...n.settings, ratePerSecond: -5 } } : n)) } as FlowDocument;
    const problems = checkDocument(bad);
    const rate = problems.find((p) => p.path === 'nodes[0].settings.ratePerSecond');
    expect(rate).toMatchObject({ severity: 'error', source: 'file', nodeId: 'p', message: 'must be > 0, got -5' });
  });

  it('reports the compiler: an unconnected consumer is a warning on that consumer', () => {
    const lonely = { ...valid, edges: [] };
    const problems = checkDocument(lonely);
    expect(problems.find((p) => p.code === 'unreachable-consumer')).toMatchObject({ severity: 'warning', nodeId: 'c', source: 'compiler' });
  });

  it('summarises per node and keeps unchanged summaries identical', () => {
    const lonely = { ...valid, edges: [] };
    useProblemsStore.getState().setProblems(checkDocument(lonely));
    const first = useProblemsStore.getState().byNode.c;
    expect(first).toMatchObject({ errors: 0, warnings: 1 });
    useProblemsStore.getState().setProblems(checkDocument(lonely));
    expect(useProblemsStore.getState().byNode.c).toBe(first);
    useProblemsStore.getState().setProblems(checkDocument(valid));
    expect(useProblemsStore.getState().byNode.c).toBeUndefined();
    expect(useProblemsStore.getState().errorCount + useProblemsStore.getState().warningCount).toBe(0);
  });
});
