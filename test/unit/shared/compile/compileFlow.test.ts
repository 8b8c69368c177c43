import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../../../shared/compile/compileFlow';
import type { CompileResult, Diagnostic, DiagnosticCode } from '../../../../shared/compile/RuntimePlan';
import { broker, consumer, edge, helloFlow, helloParts, makeFlow, producer } from './makeFlow';

/**
 * The one diagnostic of a result, failing the test (with the list) if there is not exactly one
 * apart from those of the `besides` codes, which must be there (a flow whose rules may drop an
 * event is also told it has no dead-letter channel).
 */
function only(result: CompileResult, besides: DiagnosticCode[] = []): Diagnostic {
  const rest = result.diagnostics.filter((d) => !besides.includes(d.code));
  expect(rest, JSON.stringify(result.diagnostics, null, 2)).toHaveLength(1);
  for (const code of besides) expect(codes(result), code).toContain(code);
  return rest[0]!;
}

function codes(result: CompileResult): DiagnosticCode[] {
  return result.diagnostics.map((d) => d.code);
}

/** An error leaves no plan; a warning keeps it. */
function expectPlanFollowsSeverity(result: CompileResult): void {
  const hasError = result.diagnostics.some((d) => d.severity === 'error');
  expect(result.plan === undefined).toBe(hasError);
}

describe('compileFlow: a correct flow', () => {
  it('has no diagnostics and a plan', () => {
    const result = compileFlow(helloFlow());
    expect(result.diagnostics).toEqual([]);
    expect(result.plan).toBeDefined();
  });

  it('accepts every allowed kind of channel: producer/broker/consumer into broker or consumer', () => {
    const doc = makeFlow({
      nodes: [
        producer('p', 'P'),
        broker('b1', 'B1'),
        broker('b2', 'B2'),
        consumer('c1', 'C1', { outputs: [{ on: 'success', eventType: 'payment.succeeded' }] }),
        consumer('c2', 'C2'),
        consumer('c3', 'C3'),
      ],
      edges: [
        edge('pb', 'p', 'b1', 't/pb'),
        edge('pc', 'p', 'c1', 't/pc'),
        edge('bb', 'b1', 'b2', 't/bb'),
        edge('bc', 'b2', 'c2', 't/bc'),
        edge('cb', 'c1', 'b2', 't/cb'),
        edge('cc', 'c1', 'c3', 't/cc'),
      ],
    });
    expect(compileFlow(doc).diagnostics).toEqual([]);
  });
});

describe('compileFlow: dangling-edge', () => {
  it('reports a channel whose target names no node, at edges[i].target', () => {
    const parts = helloParts();
    parts.edges.push(edge('lost', 'orders', 'ghost', 'orders/ghost'));
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'dangling-edge', severity: 'error', edgeId: 'lost', path: 'edges[2].target' });
    expect(d.message).toContain('"ghost"');
    expect(d.message).toContain('Order broker → ghost');
    expect(result.plan).toBeUndefined();
  });

  it('reports a channel whose source names no node, at edges[i].source', () => {
    const parts = helloParts();
    parts.edges.unshift(edge('lost', 'nowhere', 'pay', 'nowhere/pay'));
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'dangling-edge', severity: 'error', edgeId: 'lost', path: 'edges[0].source' });
    expect(d.message).toContain('"nowhere"');
  });
});

describe('compileFlow: forbidden-edge', () => {
  it('refuses a channel into a producer and says where to route instead', () => {
    const parts = helloParts();
    parts.edges.push(edge('back', 'pay', 'shop', 'payment/back'));
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'forbidden-edge', severity: 'error', edgeId: 'back', nodeId: 'shop', path: 'edges[2].target' });
    expect(d.message).toContain('Producer "Storefront"');
    expect(d.message).toContain('producers have no inputs; route into a broker or consumer');
    expect(result.plan).toBeUndefined();
  });

  it('refuses a channel from a node to itself', () => {
    const parts = helloParts();
    parts.edges.push(edge('loop', 'orders', 'orders', 'orders/again'));
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'forbidden-edge', severity: 'error', edgeId: 'loop', nodeId: 'orders', path: 'edges[2].target' });
    expect(d.message).toContain('Broker "Order broker" to itself');
  });
});

describe('compileFlow: unreachable-consumer', () => {
  it('warns about a consumer with no inbound channel and keeps the plan', () => {
    const parts = helloParts();
    parts.nodes.push(consumer('audit', 'Audit log'));
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'unreachable-consumer', severity: 'warning', nodeId: 'audit', path: 'nodes[3]' });
    expect(d.message).toContain('Consumer "Audit log"');
    expect(result.plan).toBeDefined();
  });

  it('warns about a consumer fed only by nodes no producer reaches', () => {
    const parts = helloParts();
    parts.nodes.push(consumer('a', 'Island A', { outputs: [{ on: 'success', eventType: 'fraud.alert' }] }), consumer('b', 'Island B'));
    parts.edges.push(edge('ab', 'a', 'b', 'island/ab'));
    const result = compileFlow(makeFlow(parts));
    expect(result.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([
      ['unreachable-consumer', 'a'],
      ['unreachable-consumer', 'b'],
    ]);
    expect(result.diagnostics[1]!.message).toContain('Island B');
  });

  it('counts an external producer as a source', () => {
    const doc = makeFlow({
      nodes: [producer('hook', 'Webhook', { mode: 'external', external: { topicFilter: 'webhooks/orders/#' } }), consumer('c', 'Intake')],
      edges: [edge('in', 'hook', 'c', 'intake/orders')],
    });
    expect(compileFlow(doc).diagnostics).toEqual([]);
  });
});

describe('compileFlow: producer-reaches-nobody', () => {
  it('warns about a producer with no outgoing channel', () => {
    const parts = helloParts();
    parts.nodes.push(producer('idle', 'Idle shop'));
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'producer-reaches-nobody', severity: 'warning', nodeId: 'idle', path: 'nodes[3]' });
    expect(d.message).toContain('Producer "Idle shop"');
    expect(result.plan).toBeDefined();
  });

  it('does not count a dead-letter channel as the way out', () => {
    const parts = helloParts();
    parts.nodes.push(producer('idle', 'Idle shop'), consumer('dlq', 'DLQ'));
    parts.edges.push(edge('dl', 'idle', 'dlq', 'idle/dead', { deadLetter: true }));
    expect(codes(compileFlow(makeFlow(parts)))).toEqual(['producer-reaches-nobody']);
  });
});

describe('compileFlow: invalid-topic', () => {
  it('refuses a channel topic with a wildcard, at edges[i].topic', () => {
    const parts = helloParts();
    parts.edges[0]!.topic = 'shop/+/placed';
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'invalid-topic', severity: 'error', edgeId: 'placed', path: 'edges[0].topic' });
    expect(d.message).toContain('Storefront → Order broker');
    expect(d.message).toContain("wildcard '+'");
  });

  it('refuses an invalid rule topic filter, at edges[i].rule.topicFilter', () => {
    const parts = helloParts();
    parts.edges[1]!.rule = { topicFilter: 'shop/#/placed' };
    const d = only(compileFlow(makeFlow(parts)), ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'invalid-topic', severity: 'error', edgeId: 'to-pay', path: 'edges[1].rule.topicFilter' });
    expect(d.message).toContain('Order broker → Payment');
    expect(d.message).toContain('shop/#/placed');
  });

  it("refuses an invalid external producer's topic filter", () => {
    const doc = makeFlow({
      nodes: [producer('hook', 'Webhook', { mode: 'external', external: { topicFilter: 'webhooks/or#ders' } }), consumer('c', 'Intake')],
      edges: [edge('in', 'hook', 'c', 'intake/orders')],
    });
    const d = only(compileFlow(doc));
    expect(d).toMatchObject({ code: 'invalid-topic', severity: 'error', nodeId: 'hook', path: 'nodes[0].settings.external.topicFilter' });
    expect(d.message).toContain('Producer "Webhook"');
  });
});

describe('compileFlow: topic-collision', () => {
  it('refuses two channels on one topic and names both', () => {
    const parts = helloParts();
    parts.nodes.push(consumer('audit', 'Audit log'));
    parts.edges.push(edge('to-audit', 'orders', 'audit', 'orders/payment'));
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'topic-collision', severity: 'error', edgeId: 'to-audit', path: 'edges[2].topic' });
    expect(d.message).toContain('Order broker → Audit log');
    expect(d.message).toContain('Order broker → Payment');
    expect(result.plan).toBeUndefined();
  });

  it("refuses an external producer's filter that matches a channel of the flow", () => {
    const doc = makeFlow({
      nodes: [producer('hook', 'Webhook', { mode: 'external', external: { topicFilter: 'shop/#' } }), consumer('c', 'Intake')],
      edges: [edge('in', 'hook', 'c', 'shop/intake')],
    });
    const d = only(compileFlow(doc));
    expect(d).toMatchObject({ code: 'topic-collision', severity: 'error', nodeId: 'hook', edgeId: 'in', path: 'nodes[0].settings.external.topicFilter' });
    expect(d.message).toContain('Producer "Webhook"');
    expect(d.message).toContain('Webhook → Intake');
  });

  it('refuses two external producers whose filters overlap, naming both', () => {
    const doc = makeFlow({
      nodes: [
        producer('h1', 'Web orders', { mode: 'external', external: { topicFilter: 'in/+/orders' } }),
        producer('h2', 'EU orders', { mode: 'external', external: { topicFilter: 'in/eu/#' } }),
        consumer('c', 'Intake'),
      ],
      edges: [edge('a', 'h1', 'c', 'intake/a'), edge('b', 'h2', 'c', 'intake/b')],
    });
    const d = only(compileFlow(doc));
    expect(d).toMatchObject({ code: 'topic-collision', severity: 'error', nodeId: 'h2', path: 'nodes[1].settings.external.topicFilter' });
    expect(d.message).toContain('"EU orders"');
    expect(d.message).toContain('"Web orders"');
  });
});

describe('compileFlow: unknown-event-type', () => {
  const declared = 'add it under Event types or pick one of: order.placed, payment.succeeded';

  it("refuses a producer's undeclared event type and lists the declared ones", () => {
    const doc = makeFlow({ ...helloParts(), eventTypes: ['order.placed', 'payment.succeeded'] });
    (doc.nodes[0]!.settings as { eventType: string }).eventType = 'order.placd';
    const d = only(compileFlow(doc), ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'unknown-event-type', severity: 'error', nodeId: 'shop', path: 'nodes[0].settings.eventType' });
    expect(d.message).toContain('Producer "Storefront"');
    expect(d.message).toContain('"order.placd"');
    expect(d.message).toContain(declared);
  });

  it("refuses a consumer output's undeclared event type", () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', { outputs: [{ on: 'success', eventType: 'payment.succeeded' }, { on: 'failure', eventType: 'payment.declined' }] });
    const d = only(compileFlow(makeFlow({ ...parts, eventTypes: ['order.placed', 'payment.succeeded'] })));
    expect(d).toMatchObject({ code: 'unknown-event-type', severity: 'error', nodeId: 'pay', path: 'nodes[2].settings.outputs[1].eventType' });
    expect(d.message).toContain('Consumer "Payment"');
    expect(d.message).toContain(declared);
  });

  it("refuses a monitor rule's undeclared alert type", () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Fraud watch', {
      role: 'monitor',
      monitor: { rules: [{ name: 'many orders', windowSeconds: 60, aggregate: 'count', threshold: 5, alertType: 'fraud.suspected' }] },
    });
    const d = only(compileFlow(makeFlow({ ...parts, eventTypes: ['order.placed', 'payment.succeeded'] })));
    expect(d).toMatchObject({ code: 'unknown-event-type', severity: 'error', nodeId: 'pay', path: 'nodes[2].settings.monitor.rules[0].alertType' });
    expect(d.message).toContain('"many orders"');
    expect(d.message).toContain('"fraud.suspected"');
  });
});

describe('compileFlow: invalid-pattern', () => {
  it('reports each pattern problem at its path inside rule.pattern', () => {
    const parts = helloParts();
    parts.edges[1]!.rule = { pattern: { type: 'order.placed' } };
    const result = compileFlow(makeFlow(parts));
    const d = only(result, ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'invalid-pattern', severity: 'error', edgeId: 'to-pay', path: 'edges[1].rule.pattern.type' });
    expect(d.message).toContain('Order broker → Payment');
    expect(d.message).toContain('["order.placed"]');
    expect(result.plan).toBeUndefined();
  });

  it('reports two problems in one pattern as two diagnostics', () => {
    const parts = helloParts();
    parts.edges[1]!.rule = { pattern: { type: 'order.placed', data: { total: [{ numeric: ['>>', 'x'] }] } } };
    const result = compileFlow(makeFlow(parts));
    expect(codes(result).filter((c) => c !== 'missing-dead-letter').every((c) => c === 'invalid-pattern')).toBe(true);
    expect(codes(result).filter((c) => c === 'invalid-pattern').length).toBeGreaterThanOrEqual(2);
    expect(result.diagnostics.map((d) => d.path)).toContain('edges[1].rule.pattern.type');
    expect(result.diagnostics.some((d) => d.path?.startsWith('edges[1].rule.pattern.data.total'))).toBe(true);
  });
});

describe('compileFlow: rule-never-matches', () => {
  it('warns when the type a rule wants never reaches the channel source', () => {
    const parts = helloParts();
    parts.edges[1]!.rule = { pattern: { type: ['payment.failed'] } };
    const result = compileFlow(makeFlow(parts));
    const d = only(result, ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'rule-never-matches', severity: 'warning', edgeId: 'to-pay', nodeId: 'orders', path: 'edges[1].rule.pattern.type' });
    expect(d.message).toContain('Order broker → Payment');
    expect(d.message).toContain('order.placed');
    expect(result.plan).toBeDefined();
  });

  it('follows types through consumers: outputs and alert types, not what they received', () => {
    const doc = makeFlow({
      nodes: [
        producer('shop', 'Storefront'),
        consumer('pay', 'Payment', { outputs: [{ on: 'success', eventType: 'payment.succeeded' }] }),
        broker('results', 'Results'),
        consumer('notify', 'Notify'),
      ],
      edges: [
        edge('a', 'shop', 'pay', 'orders'),
        edge('b', 'pay', 'results', 'payments'),
        edge('c', 'results', 'notify', 'notify', { rule: { pattern: { type: ['order.placed'] } } }),
      ],
    });
    const d = only(compileFlow(doc), ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'rule-never-matches', edgeId: 'c' });
    expect(d.message).toContain('payment.succeeded');
  });

  it('says nothing when what arrives is unknown (an external producer wraps anything)', () => {
    const doc = makeFlow({
      nodes: [producer('hook', 'Webhook', { mode: 'external', external: { topicFilter: 'webhooks/#' } }), broker('b', 'Router'), consumer('c', 'Intake')],
      edges: [edge('in', 'hook', 'b', 'intake/raw'), edge('out', 'b', 'c', 'intake/fraud', { rule: { pattern: { type: ['fraud.alert'] } } })],
    });
    // Only that an event from outside may match no channel (it would be dropped without a dead-letter channel).
    expect(only(compileFlow(doc))).toMatchObject({ code: 'missing-dead-letter', nodeId: 'b' });
  });

  it("warns when a broker channel's topic filter matches none of the topics the broker receives on", () => {
    const parts = helloParts();
    parts.edges[1]!.rule = { topicFilter: 'warehouse/#' };
    const d = only(compileFlow(makeFlow(parts)), ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'rule-never-matches', severity: 'warning', edgeId: 'to-pay', path: 'edges[1].rule.topicFilter' });
    expect(d.message).toContain('shop/orders/placed');
  });
});

describe('compileFlow: invalid-expression', () => {
  const bad = '{ "total": }';
  const cases: { field: string; settings: Record<string, unknown>; path: string; kind: 'producer' | 'consumer' }[] = [
    { kind: 'producer', field: 'template', settings: { template: bad }, path: 'nodes[0].settings.template' },
    { kind: 'producer', field: 'correlation', settings: { correlation: bad }, path: 'nodes[0].settings.correlation' },
    { kind: 'consumer', field: 'output transform', settings: { outputs: [{ on: 'success', eventType: 'payment.succeeded', transform: bad }] }, path: 'nodes[2].settings.outputs[0].transform' },
    { kind: 'consumer', field: 'output when', settings: { outputs: [{ on: 'success', eventType: 'payment.succeeded', when: bad }] }, path: 'nodes[2].settings.outputs[0].when' },
    { kind: 'consumer', field: 'output forEach', settings: { outputs: [{ on: 'success', eventType: 'payment.succeeded', forEach: bad }] }, path: 'nodes[2].settings.outputs[0].forEach' },
    { kind: 'consumer', field: 'failure.when', settings: { failure: { when: bad } }, path: 'nodes[2].settings.failure.when' },
    { kind: 'consumer', field: 'transientError.when', settings: { transientError: { when: bad } }, path: 'nodes[2].settings.transientError.when' },
    { kind: 'consumer', field: 'state.update', settings: { state: { initial: {}, update: bad } }, path: 'nodes[2].settings.state.update' },
    {
      kind: 'consumer',
      field: 'monitor groupBy',
      settings: { role: 'monitor', monitor: { rules: [{ name: 'r', windowSeconds: 1, aggregate: 'count', threshold: 1, alertType: 'fraud.alert', groupBy: bad }] } },
      path: 'nodes[2].settings.monitor.rules[0].groupBy',
    },
    {
      kind: 'consumer',
      field: 'monitor field',
      settings: { role: 'monitor', monitor: { rules: [{ name: 'r', windowSeconds: 1, aggregate: 'sum', threshold: 1, alertType: 'fraud.alert', field: bad }] } },
      path: 'nodes[2].settings.monitor.rules[0].field',
    },
  ];

  it.each(cases)('refuses a $field that does not parse, with jsonata position and message', ({ kind, settings, path }) => {
    const parts = helloParts();
    if (kind === 'producer') parts.nodes[0] = producer('shop', 'Storefront', settings);
    else parts.nodes[2] = consumer('pay', 'Payment', settings);
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'invalid-expression', severity: 'error', nodeId: kind === 'producer' ? 'shop' : 'pay', path });
    expect(d.message).toContain(kind === 'producer' ? 'Producer "Storefront"' : 'Consumer "Payment"');
    expect(d.message).toMatch(/The symbol "}" cannot be used as a unary operator at character 12/);
    expect(result.plan).toBeUndefined();
  });

  it('accepts expressions that parse, including calls to functions bound only at run time', () => {
    const parts = helloParts();
    parts.nodes[0] = producer('shop', 'Storefront', { template: "{ 'orderId': $faker('string.uuid'), 'total': $round($random() * 500, 2) }", correlation: 'data.orderId' });
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });
});

/** Storefront -> router "Router" -> consumer "Relay" -> back to "Router": the loop of the audit. */
function relayLoop(relay: Record<string, unknown> = {}, back: Record<string, unknown> = {}) {
  return {
    nodes: [
      producer('shop', 'Storefront'),
      broker('r', 'Router'),
      consumer('c', 'Relay', { outputs: [{ on: 'success', eventType: 'order.placed' }], ...relay }),
    ],
    edges: [edge('in', 'shop', 'r', 'shop/orders'), edge('rc', 'r', 'c', 'relay/in'), edge('cr', 'c', 'r', 'relay/back', back)],
  };
}

describe('compileFlow: endless-loop (error: every event goes round on every lap)', () => {
  it('refuses a router and a consumer that answers every event it gets back into the router', () => {
    const result = compileFlow(makeFlow(relayLoop()));
    const d = only(result);
    expect(d).toMatchObject({ code: 'endless-loop', severity: 'error', nodeId: 'r', edgeId: 'rc', path: 'edges[1]' });
    expect(d.message).toContain('"Router", "Relay"');
    expect(d.message).toContain('circulate forever');
    expect(result.plan).toBeUndefined();
  });

  it('counts a rule on the type alone as no condition when it takes the type that goes round', () => {
    const result = compileFlow(makeFlow(relayLoop({}, { rule: { pattern: { type: ['order.placed'] } } })));
    expect(only(result)).toMatchObject({ code: 'endless-loop', severity: 'error' });
    // ...and a topic filter that matches the topic the event came in on.
    const filtered = relayLoop();
    filtered.edges[1] = edge('rc', 'r', 'c', 'relay/in', { rule: { topicFilter: 'relay/#' } });
    expect(only(compileFlow(makeFlow(filtered)), ['missing-dead-letter'])).toMatchObject({ code: 'endless-loop', severity: 'error' });
  });

  it('says the events multiply when a broker sends each one down two channels of the loop', () => {
    const parts = relayLoop();
    parts.nodes.push(consumer('c2', 'Second relay', { outputs: [{ on: 'always', eventType: 'order.placed' }] }));
    parts.edges.push(edge('rc2', 'r', 'c2', 'relay/in2'), edge('c2r', 'c2', 'r', 'relay/back2'));
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'endless-loop', severity: 'error' });
    expect(d.message).toContain('"Router", "Relay", "Second relay"');
    expect(d.message).toContain('multiply');
  });

  it('refuses fan-out brokers joined by channels without rules even when the loop has an exit', () => {
    const parts = helloParts();
    parts.nodes.push(broker('x', 'Loop X'));
    parts.edges.push(edge('ox', 'orders', 'x', 'loop/ox'), edge('xo', 'x', 'orders', 'loop/xo'));
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'endless-loop', severity: 'error', nodeId: 'orders', edgeId: 'ox', path: 'edges[2]' });
    expect(d.message).toContain('"Order broker", "Loop X"');
  });

  it('refuses a first-match broker whose first channel, without a rule, leads back into the loop', () => {
    const parts = relayLoop();
    parts.nodes[1] = broker('r', 'Router', { mode: 'first-match' });
    parts.nodes.push(consumer('done', 'Done'));
    parts.edges.push(edge('out', 'r', 'done', 'relay/done'));
    expect(only(compileFlow(makeFlow(parts)))).toMatchObject({ code: 'endless-loop', severity: 'error' });
  });

  it('accepts a first-match broker whose first channel takes every event out of the loop: the channel back is never taken', () => {
    const parts = relayLoop();
    parts.nodes[1] = broker('r', 'Router', { mode: 'first-match' });
    parts.nodes.push(consumer('done', 'Done'));
    parts.edges.splice(1, 0, edge('out', 'r', 'done', 'relay/done'));
    expect(codes(compileFlow(makeFlow(parts)))).not.toContain('endless-loop');
  });
});

describe('compileFlow: cycle-without-exit', () => {
  it('refuses brokers that form a loop no channel leaves', () => {
    const parts = helloParts();
    parts.nodes.push(broker('x', 'Loop X'), broker('y', 'Loop Y'));
    const big = { pattern: { data: { total: [{ numeric: ['>', 100] }] } } };
    parts.edges.push(edge('to-x', 'orders', 'x', 'loop/in'), edge('xy', 'x', 'y', 'loop/xy', { rule: big }), edge('yx', 'y', 'x', 'loop/yx', { rule: big }));
    const result = compileFlow(makeFlow(parts));
    const d = only(result, ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'cycle-without-exit', severity: 'error', nodeId: 'x', path: 'nodes[3]' });
    expect(d.message).toContain('"Loop X", "Loop Y"');
    expect(result.plan).toBeUndefined();
  });

  it('refuses a loop through a consumer that nothing leaves, even when the consumer sends events back only on a condition', () => {
    const result = compileFlow(makeFlow(relayLoop({ outputs: [{ on: 'success', eventType: 'order.placed', when: 'data.hops < 3' }] })));
    const d = only(result);
    expect(d).toMatchObject({ code: 'cycle-without-exit', severity: 'error', nodeId: 'r', path: 'nodes[1]' });
    expect(d.message).toContain('"Router", "Relay"');
    expect(d.message).toContain('no way out');
  });

  it('does not count a channel out of the loop that no event going round can take', () => {
    const parts = relayLoop({ outputs: [{ on: 'success', eventType: 'order.placed', when: 'data.hops < 3' }] });
    parts.nodes.push(consumer('pay', 'Payment'));
    // Only payment.succeeded would take it, and nothing in the loop sends that type.
    parts.edges.push(edge('exit', 'r', 'pay', 'relay/pay', { rule: { pattern: { type: ['payment.succeeded'] } } }));
    expect(codes(compileFlow(makeFlow(parts)))).toContain('cycle-without-exit');
  });

  it('accepts the same loop once an event can leave it', () => {
    const parts = relayLoop({ outputs: [{ on: 'success', eventType: 'order.placed', when: 'data.hops < 3' }, { on: 'success', eventType: 'payment.succeeded' }] });
    parts.nodes.push(consumer('pay', 'Payment'));
    parts.edges.push(edge('exit', 'c', 'pay', 'relay/pay', { rule: { pattern: { type: ['payment.succeeded'] } } }));
    parts.edges[2] = edge('cr', 'c', 'r', 'relay/back', { rule: { pattern: { type: ['order.placed'] } } });
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });
});

describe('compileFlow: endless-loop (warning: every event goes round unless a condition stops it)', () => {
  it('warns about a loop held back only by a content pattern, naming it, and keeps the plan', () => {
    const parts = relayLoop({}, { rule: { pattern: { data: { total: [{ numeric: ['>', 100] }] } } }, label: 'big ones again' });
    parts.nodes.push(consumer('done', 'Done'));
    parts.edges.push(edge('out', 'r', 'done', 'relay/done'));
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'endless-loop', severity: 'warning', nodeId: 'r', path: 'edges[1]' });
    expect(d.message).toContain('unless the pattern of the channel "big ones again" (topic relay/back) stops it');
    expect(result.plan).toBeDefined();
  });

  it('warns about a consumer that fails only a share of events and sends every success back', () => {
    const parts = relayLoop({ failure: { probability: 0.1 } });
    parts.nodes.push(consumer('done', 'Done'));
    parts.edges.push(edge('out', 'r', 'done', 'relay/done'));
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'endless-loop', severity: 'warning' });
    expect(d.message).toContain('a failure at "Relay"');
  });

  it('says nothing about a retry loop: failures go round, successes go on', () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', {
      failure: { probability: 0.2 },
      outputs: [
        { on: 'success', eventType: 'payment.succeeded' },
        { on: 'failure', eventType: 'order.placed' },
      ],
    });
    parts.nodes.push(consumer('ship', 'Shipping'));
    parts.edges.push(
      edge('retry', 'pay', 'orders', 'payment/retry', { rule: { pattern: { type: ['order.placed'] } } }),
      edge('paid', 'pay', 'ship', 'payment/paid', { rule: { pattern: { type: ['payment.succeeded'] } } }),
    );
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });

  it('says nothing about a loop through failure outputs of a consumer that cannot fail (no event takes it)', () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', { outputs: [{ on: 'failure', eventType: 'order.placed' }] });
    parts.edges.push(edge('retry', 'pay', 'orders', 'payment/retry'));
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });
});

describe('compileFlow: shared-subscription-unsupported', () => {
  const scaled = () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', { instances: 3, outputs: [{ on: 'success', eventType: 'payment.succeeded' }] });
    return makeFlow(parts);
  };

  it('refuses several instances on a broker without shared subscriptions', () => {
    const result = compileFlow(scaled(), { brokerCapabilities: { mqtt5: false, sharedSubscriptions: false } });
    const d = only(result);
    expect(d).toMatchObject({ code: 'shared-subscription-unsupported', severity: 'error', nodeId: 'pay', path: 'nodes[2].settings.instances' });
    expect(d.message).toContain('Consumer "Payment" runs 3 instances');
    expect(result.plan).toBeUndefined();
  });

  it('says nothing when the broker supports them, or when its capabilities are not known', () => {
    expect(compileFlow(scaled(), { brokerCapabilities: { mqtt5: true, sharedSubscriptions: true } }).diagnostics).toEqual([]);
    expect(compileFlow(scaled()).diagnostics).toEqual([]);
  });
});

describe('compileFlow: duplicate-dead-letter', () => {
  it('refuses a second dead-letter channel and names both', () => {
    const parts = helloParts();
    parts.nodes.push(consumer('dlq1', 'Parking lot'), consumer('dlq2', 'Second DLQ'));
    parts.edges.push(
      edge('dl1', 'pay', 'dlq1', 'payment/dead', { deadLetter: true }),
      edge('dl2', 'pay', 'dlq2', 'payment/dead2', { deadLetter: true }),
    );
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'duplicate-dead-letter', severity: 'error', nodeId: 'pay', edgeId: 'dl2', path: 'edges[3].deadLetter' });
    expect(d.message).toContain('Consumer "Payment"');
    expect(d.message).toContain('Payment → Parking lot');
    expect(d.message).toContain('Payment → Second DLQ');
  });
});

describe('compileFlow: missing-setting', () => {
  it('refuses an external producer without its external settings', () => {
    const parts = helloParts();
    parts.nodes[0] = producer('shop', 'Storefront', { mode: 'external' });
    const d = only(compileFlow(makeFlow(parts)), ['missing-dead-letter']);
    expect(d).toMatchObject({ code: 'missing-setting', severity: 'error', nodeId: 'shop', path: 'nodes[0].settings.external' });
    expect(d.message).toContain('Producer "Storefront"');
    expect(d.message).toContain('external.topicFilter');
  });

  it('refuses a monitor consumer without monitor rules', () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Fraud watch', { role: 'monitor' });
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'missing-setting', severity: 'error', nodeId: 'pay', path: 'nodes[2].settings.monitor' });
    expect(d.message).toContain('Consumer "Fraud watch"');
  });

  it.each(['sum', 'max'])('refuses a %s monitor rule without a field', (aggregate) => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Fraud watch', {
      role: 'monitor',
      monitor: { rules: [{ name: 'big spender', windowSeconds: 60, aggregate, threshold: 1000, alertType: 'fraud.alert' }] },
    });
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'missing-setting', severity: 'error', nodeId: 'pay', path: 'nodes[2].settings.monitor.rules[0].field' });
    expect(d.message).toContain('"big spender"');
    expect(d.message).toContain('Consumer "Fraud watch"');
  });

  it('refuses a uniform processing time whose minimum is above its maximum', () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', { processing: { distribution: 'uniform', minMs: 500, maxMs: 100 } });
    const d = only(compileFlow(makeFlow(parts)));
    expect(d).toMatchObject({ code: 'missing-setting', severity: 'error', nodeId: 'pay', path: 'nodes[2].settings.processing.minMs' });
    expect(d.message).toContain('500 ms');
  });
});

describe('compileFlow: missing-dead-letter', () => {
  /** Orders -> broker -> review, only for orders of 1000 or more: smaller ones match no channel. */
  const reviewOnly = () => ({
    nodes: [producer('shop', 'Storefront'), broker('orders', 'Order broker'), consumer('review', 'Manual review')],
    edges: [
      edge('placed', 'shop', 'orders', 'shop/orders'),
      edge('big', 'orders', 'review', 'orders/review', { rule: { pattern: { data: { total: [{ numeric: ['>=', 1000] }] } } } }),
    ],
  });

  it('warns about a broker that may meet an event no channel takes, naming the event, its topic and the fix', () => {
    const result = compileFlow(makeFlow(reviewOnly()));
    const d = only(result);
    expect(d).toMatchObject({ code: 'missing-dead-letter', severity: 'warning', nodeId: 'orders', path: 'nodes[1]' });
    expect(d.message).toContain('Broker "Order broker" has no dead-letter channel');
    expect(d.message).toContain('such as an event of type order.placed arriving on shop/orders that no rule is sure to take');
    expect(d.message).toContain('Draw a dead-letter channel');
    expect(result.plan).toBeDefined();
  });

  it('warns about a broker with no channel out at all', () => {
    const parts = reviewOnly();
    parts.edges.pop();
    const d = compileFlow(makeFlow(parts)).diagnostics.find((x) => x.code === 'missing-dead-letter');
    expect(d?.message).toContain('since it has no channel out');
  });

  it('says nothing once a dead-letter channel is drawn', () => {
    const parts = reviewOnly();
    parts.nodes.push(consumer('dlq', 'Dead letters'));
    parts.edges.push(edge('dead', 'orders', 'dlq', 'orders/dead', { deadLetter: true }));
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });

  it('says nothing about a broker whose channels surely take every event that reaches it (no noise for a tiny flow)', () => {
    // helloFlow: the one channel takes type order.placed, and that is all the broker receives.
    expect(compileFlow(helloFlow()).diagnostics).toEqual([]);
    const parts = reviewOnly();
    parts.nodes.push(consumer('audit', 'Audit'));
    parts.edges.push(edge('all', 'orders', 'audit', 'orders/all'));
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });
});

describe('compileFlow: qos-0-into-durable', () => {
  it('warns about a QoS 0 channel into a durable consumer, naming the channel and the fix', () => {
    const parts = helloParts();
    parts.edges[1] = edge('to-pay', 'orders', 'pay', 'orders/payment', { qos: 0, rule: { pattern: { type: ['order.placed'] } } });
    const result = compileFlow(makeFlow(parts));
    const d = only(result);
    expect(d).toMatchObject({ code: 'qos-0-into-durable', severity: 'warning', edgeId: 'to-pay', nodeId: 'pay', path: 'edges[1].qos' });
    expect(d.message).toContain('channel "Order broker → Payment" (topic orders/payment)');
    expect(d.message).toContain('Set the channel\'s qos to 1');
    expect(result.plan).toBeDefined();
  });

  it('says nothing for QoS 1, or for a consumer that is not durable', () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', { durable: false, outputs: [{ on: 'success', eventType: 'payment.succeeded' }] });
    parts.edges[1] = edge('to-pay', 'orders', 'pay', 'orders/payment', { qos: 0, rule: { pattern: { type: ['order.placed'] } } });
    expect(compileFlow(makeFlow(parts)).diagnostics).toEqual([]);
  });
});

describe('compileFlow: the plan', () => {
  it('subscribes each node to its inbound channels and lists outputs in edge order, dead letter apart', () => {
    const doc = makeFlow({
      nodes: [
        producer('shop', 'Storefront'),
        broker('orders', 'Order broker', { mode: 'first-match' }),
        consumer('pay', 'Payment', { outputs: [{ on: 'success', eventType: 'payment.succeeded' }] }),
        consumer('fraud', 'Fraud', { durable: false }),
        consumer('dlq', 'Parking lot'),
      ],
      edges: [
        edge('placed', 'shop', 'orders', 'shop/orders', { qos: 2 }),
        edge('dead', 'orders', 'dlq', 'orders/dead', { deadLetter: true }),
        edge('to-fraud', 'orders', 'fraud', 'orders/fraud', { qos: 0, rule: { pattern: { data: { total: [{ numeric: ['>', 500] }] } } } }),
        edge('to-pay', 'orders', 'pay', 'orders/pay', { retain: true }),
      ],
    });
    const { plan, diagnostics } = compileFlow(doc);
    expect(diagnostics).toEqual([]);
    const orders = plan!.nodes.find((n) => n.nodeId === 'orders')!;
    expect(orders).toMatchObject({ kind: 'broker', name: 'Order broker', instances: 1, clientIdBase: 'ef-hello-checkout-orders' });
    expect(orders.subscriptions).toEqual([{ edgeId: 'placed', topic: 'shop/orders', filter: 'shop/orders', qos: 2 }]);
    expect(orders.outputs).toEqual([
      { edgeId: 'to-fraud', targetId: 'fraud', topic: 'orders/fraud', qos: 0, retain: false, rule: { pattern: { data: { total: [{ numeric: ['>', 500] }] } } } },
      { edgeId: 'to-pay', targetId: 'pay', topic: 'orders/pay', qos: 1, retain: true },
    ]);
    expect(orders.deadLetter).toEqual({ edgeId: 'dead', targetId: 'dlq', topic: 'orders/dead', qos: 1, retain: false });
    expect(orders.node).toBe(doc.nodes[1]);
    expect(plan!.nodes.map((n) => n.nodeId)).toEqual(['shop', 'orders', 'pay', 'fraud', 'dlq']);
    expect(plan!.nodes.find((n) => n.nodeId === 'dlq')!.subscriptions.map((s) => s.edgeId)).toEqual(['dead']);
    expect(plan!.nodes.find((n) => n.nodeId === 'shop')!.subscriptions).toEqual([]);
    expect(plan!.routes).toEqual({ 'shop/orders': 'placed', 'orders/dead': 'dead', 'orders/fraud': 'to-fraud', 'orders/pay': 'to-pay' });
    expect(plan!.entryEdges).toEqual(['placed']);
    expect(plan).toMatchObject({ flowName: 'Hello checkout', broker: { kind: 'embedded' }, eventTypes: doc.eventTypes });
  });

  it('shares a scaled consumer through $share/<flow>-<node>/<topic> and keeps others on the plain topic', () => {
    const parts = helloParts();
    parts.nodes[2] = consumer('pay', 'Payment', { instances: 4, outputs: [{ on: 'success', eventType: 'payment.succeeded' }] });
    const plan = compileFlow(makeFlow({ ...parts, name: 'Retail Checkout (v2)' })).plan!;
    const pay = plan.nodes[2]!;
    expect(pay.instances).toBe(4);
    expect(pay.subscriptions).toEqual([{ edgeId: 'to-pay', topic: 'orders/payment', filter: '$share/retail-checkout-v2-pay/orders/payment', qos: 1 }]);
    expect(plan.nodes[1]!.subscriptions[0]!.filter).toBe('shop/orders/placed');
  });

  it('lists every channel leaving a producer as an entry edge, except dead letters', () => {
    const parts = helloParts();
    parts.nodes.push(producer('login', 'Login gateway'), consumer('dlq', 'DLQ'));
    parts.edges.push(edge('logins', 'login', 'pay', 'auth/logins'), edge('login-dead', 'login', 'dlq', 'auth/dead', { deadLetter: true }));
    const plan = compileFlow(makeFlow(parts)).plan!;
    expect(plan.entryEdges).toEqual(['placed', 'logins']);
  });

  it('gives each node a stable, MQTT-safe client id base, distinct even when ids differ only in unsafe characters', () => {
    const doc = makeFlow({
      name: 'Café Checkout!',
      nodes: [producer('shop', 'Storefront'), consumer('pay service', 'A'), consumer('pay/service', 'B')],
      edges: [edge('a', 'shop', 'pay service', 'x/a'), edge('b', 'shop', 'pay/service', 'x/b')],
    });
    const ids = compileFlow(doc).plan!.nodes.map((n) => n.clientIdBase);
    expect(ids[0]).toBe('ef-cafe-checkout-shop');
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Set(ids).size).toBe(3);
    expect(compileFlow(doc).plan!.nodes.map((n) => n.clientIdBase)).toEqual(ids);
  });

  it("puts an external broker's client id prefix in front of the client id base", () => {
    const doc = makeFlow({ ...helloParts(), broker: { kind: 'external', url: 'mqtt://broker.local:1883', clientIdPrefix: 'acme-' } });
    expect(compileFlow(doc).plan!.nodes[0]!.clientIdBase).toBe('acme-ef-hello-checkout-shop');
  });

  it('is deterministic: the same document gives the same result, byte for byte', () => {
    const parts = helloParts();
    parts.nodes.push(consumer('audit', 'Audit'), producer('idle', 'Idle'));
    const doc = makeFlow(parts);
    const first = JSON.stringify(compileFlow(doc));
    for (let i = 0; i < 5; i++) expect(JSON.stringify(compileFlow(doc))).toBe(first);
    expect(JSON.stringify(compileFlow(structuredClone(doc)))).toBe(first);
  });

  it('does not change the document it compiles', () => {
    const doc = helloFlow();
    const before = JSON.stringify(doc);
    compileFlow(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('compileFlow: errors and warnings together', () => {
  it('lists every problem at once, and an error removes the plan even with warnings around', () => {
    const parts = helloParts();
    parts.nodes.push(consumer('audit', 'Audit'));
    parts.edges.push(edge('lost', 'orders', 'ghost', 'shop/orders/placed'));
    const result = compileFlow(makeFlow(parts));
    expect(codes(result).sort()).toEqual(['dangling-edge', 'topic-collision', 'unreachable-consumer']);
    expectPlanFollowsSeverity(result);
    expect(result.plan).toBeUndefined();
  });
});
