import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../../../shared/compile/compileFlow';
import { DIAGNOSTIC_CODES } from '../../../../shared/compile/RuntimePlan';
import { flowDocumentSchema, type FlowDocument } from '../../../../shared/flow/FlowDocument';

/**
 * Random flows drawn from small pools (a few ids, topics, types and patterns) so that
 * collisions, dangling ends, loops and unknown types all turn up often. The "mostly correct"
 * variant leaves out ghosts, shared topics and bad values, so that plans get built and checked.
 */
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const types = ['order.placed', 'payment.ok', 'alert', 'undeclared'];
const goodTypes = types.filter((t) => t !== 'undeclared');
const goodPatterns = [undefined, { type: ['order.placed'] }, { type: ['payment.ok', 'alert'] }, {}, { data: { n: [{ numeric: ['>', 1] }] } }];
const patterns = [...goodPatterns, { type: 'bad' }];
const goodExpressions = [undefined, 'data.total', '$sum(data.items.price)'];
const expressions = [...goodExpressions, '{ "x": }'];

function arbitraryFlow(mostlyCorrect: boolean): fc.Arbitrary<FlowDocument> {
  const pick = <T,>(good: readonly T[], all: readonly T[]) => fc.constantFrom(...(mostlyCorrect ? good : all));
  const nodeArb = fc.record({
    id: fc.constantFrom(...ids),
    kind: fc.constantFrom('producer', 'broker', 'consumer'),
    mode: fc.constantFrom('rate', 'manual', 'external'),
    externalFilter: pick(['in/#'], [undefined, 'in/#', 't/#', 'in/+/x', 'bad/#/x']),
    eventType: pick(goodTypes, types),
    expression: pick(goodExpressions, expressions),
    instances: fc.integer({ min: 1, max: 3 }),
    outputs: fc.array(pick(goodTypes, types), { maxLength: 2 }),
    brokerMode: fc.constantFrom('fan-out', 'first-match'),
  });
  const edgeArb = fc.record({
    source: pick(ids, [...ids, 'ghost']),
    target: pick(ids, [...ids, 'ghost']),
    topic: fc.constantFrom('t/1', 't/2', 't/3', 't/4', 't/+', '$SYS/x'),
    pattern: pick(goodPatterns, patterns),
    topicFilter: pick([undefined, 't/#'], [undefined, 't/#', 'x/#', '#/bad']),
    deadLetter: fc.boolean(),
  });
  return fc
    .record({ nodes: fc.uniqueArray(nodeArb, { selector: (n) => n.id, maxLength: 6 }), edges: fc.array(edgeArb, { maxLength: 8 }) })
    .map(({ nodes, edges: drawn }) => {
      const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
      const edges = mostlyCorrect
        ? drawn.filter((e) => e.source !== e.target && kindOf.has(e.source) && kindOf.has(e.target) && kindOf.get(e.target) !== 'producer')
        : drawn;
      return flowDocumentSchema.parse({
        schemaVersion: 1,
        name: 'Random flow',
        eventTypes: goodTypes.map((name) => ({ name })),
        nodes: nodes.map((n) => {
          switch (n.kind) {
            case 'producer':
              return {
                id: n.id,
                kind: 'producer',
                name: `P ${n.id}`,
                settings: {
                  eventType: n.eventType,
                  mode: n.mode,
                  ...(n.mode === 'external' && n.externalFilter ? { external: { topicFilter: n.externalFilter } } : {}),
                  ...(n.expression ? { template: n.expression } : {}),
                },
              };
            case 'broker':
              return { id: n.id, kind: 'broker', name: `B ${n.id}`, settings: { mode: n.brokerMode } };
            default:
              return {
                id: n.id,
                kind: 'consumer',
                name: `C ${n.id}`,
                settings: {
                  instances: n.instances,
                  outputs: n.outputs.map((eventType) => ({ on: 'success', eventType, ...(n.expression ? { when: n.expression } : {}) })),
                },
              };
          }
        }),
        edges: edges.map((e, i) => ({
          id: `e${i}`,
          source: e.source,
          target: e.target,
          topic: mostlyCorrect ? `t/${i}` : e.topic,
          deadLetter: mostlyCorrect ? e.deadLetter && i % 3 === 0 : e.deadLetter,
          ...(e.pattern || e.topicFilter
            ? { rule: { ...(e.pattern ? { pattern: e.pattern } : {}), ...(e.topicFilter ? { topicFilter: e.topicFilter } : {}) } }
            : {}),
        })),
      });
    });
}

const anyFlow = fc.oneof(arbitraryFlow(false), arbitraryFlow(true));

describe('compileFlow on random flows', () => {
  it('never throws, is deterministic, and gives a plan exactly when there is no error', () => {
    fc.assert(
      fc.property(anyFlow, fc.boolean(), (doc, shared) => {
        const options = { brokerCapabilities: { mqtt5: shared, sharedSubscriptions: shared } };
        const result = compileFlow(doc, options);
        expect(JSON.stringify(compileFlow(doc, options))).toBe(JSON.stringify(result));
        const hasError = result.diagnostics.some((d) => d.severity === 'error');
        expect(result.plan === undefined).toBe(hasError);
      }),
      { numRuns: 400 },
    );
  });

  it('names real things: known codes, a path into the document, existing node and edge ids, a sentence', () => {
    fc.assert(
      fc.property(anyFlow, (doc) => {
        for (const d of compileFlow(doc).diagnostics) {
          expect(DIAGNOSTIC_CODES).toContain(d.code);
          expect(d.message.length).toBeGreaterThan(20);
          const m = /^(nodes|edges)\[(\d+)\]/.exec(d.path ?? '');
          expect(m, d.path).not.toBeNull();
          expect(Number(m![2])).toBeLessThan(m![1] === 'nodes' ? doc.nodes.length : doc.edges.length);
          if (d.nodeId !== undefined) expect(doc.nodes.map((n) => n.id)).toContain(d.nodeId);
          if (d.edgeId !== undefined) expect(doc.edges.map((e) => e.id)).toContain(d.edgeId);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('plans every channel once: one route per topic, one subscription per inbound channel, outputs plus dead letter', () => {
    let plans = 0;
    fc.assert(
      fc.property(arbitraryFlow(true), (doc) => {
        const { plan } = compileFlow(doc);
        if (!plan) return;
        plans++;
        const edgeIds = Object.values(plan.routes);
        expect(new Set(edgeIds).size).toBe(edgeIds.length);
        const subscribed = plan.nodes.flatMap((n) => n.subscriptions.map((s) => s.edgeId)).sort();
        const published = plan.nodes.flatMap((n) => [...n.outputs.map((o) => o.edgeId), ...(n.deadLetter ? [n.deadLetter.edgeId] : [])]).sort();
        expect(subscribed).toEqual([...edgeIds].sort());
        expect(published).toEqual([...edgeIds].sort());
        for (const id of plan.entryEdges) expect(edgeIds).toContain(id);
        for (const n of plan.nodes) {
          for (const s of n.subscriptions) expect(s.filter).toBe(n.instances > 1 ? `$share/random-flow-${n.nodeId}/${s.topic}` : s.topic);
        }
      }),
      { numRuns: 400 },
    );
    // Most mostly-correct flows compile; if none did, this test would have checked nothing.
    expect(plans).toBeGreaterThan(100);
  });
});
