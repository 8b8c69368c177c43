import type { FlowNode } from '../flow/FlowDocument';
import type { Channel, CompileContext } from './CompileContext';
import type { PlannedNode, PlannedOutput, PlannedSubscription, RuntimePlan } from './RuntimePlan';
import { clientIdBase, sharedFilter } from './mqttIdentifiers';

/**
 * The runtime plan of a document whose checks found no errors: per node, one subscription
 * per inbound channel (through `$share/<flow>-<node>/` when a consumer runs several
 * instances), its ordinary outputs in edge order and its dead-letter channel; plus `routes`
 * (topic -> edge id, to animate what is seen on the wire) and `entryEdges` (the ordinary
 * channels leaving producers, where replayed events re-enter).
 *
 * @example
 * buildPlan(createCompileContext(doc)).routes // => { 'shop/orders': 'e1', 'orders/payment': 'e2' }
 */
export function buildPlan(ctx: CompileContext): RuntimePlan {
  const { doc } = ctx;
  const nodes = [...ctx.nodesById.values()].map(({ node }) => planNode(ctx, node));
  return {
    flowName: doc.name,
    broker: doc.broker,
    eventTypes: doc.eventTypes,
    nodes,
    routes: Object.fromEntries(ctx.channels.map((c) => [c.edge.topic, c.edge.id])),
    entryEdges: ctx.channels.filter((c) => c.source.node.kind === 'producer' && !c.edge.deadLetter).map((c) => c.edge.id),
  };
}

function planNode(ctx: CompileContext, node: FlowNode): PlannedNode {
  const instances = node.kind === 'consumer' ? node.settings.instances : 1;
  const subscriptions: PlannedSubscription[] = (ctx.incoming.get(node.id) ?? []).map(({ edge }) => ({
    edgeId: edge.id,
    topic: edge.topic,
    filter: instances > 1 ? sharedFilter(ctx.doc.name, node.id, edge.topic) : edge.topic,
    qos: edge.qos,
  }));
  const outgoing = ctx.outgoing.get(node.id) ?? [];
  const deadLetter = outgoing.find((c) => c.edge.deadLetter);
  return {
    nodeId: node.id,
    kind: node.kind,
    name: node.name,
    instances,
    clientIdBase: clientIdBase(ctx.doc.name, node.id, ctx.doc.broker),
    subscriptions,
    outputs: outgoing.filter((c) => !c.edge.deadLetter).map(plannedOutput),
    ...(deadLetter ? { deadLetter: plannedOutput(deadLetter) } : {}),
    node,
  };
}

function plannedOutput({ edge }: Channel): PlannedOutput {
  return {
    edgeId: edge.id,
    targetId: edge.target,
    topic: edge.topic,
    qos: edge.qos,
    retain: edge.retain,
    ...(edge.rule ? { rule: edge.rule } : {}),
  };
}
