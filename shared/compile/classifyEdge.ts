import type { FlowEdge, FlowNode, NodeKind } from '../flow/FlowDocument';

/**
 * What an edge is, as far as the graph goes. Only `channel` edges carry events: every
 * analysis (reachability, event types, cycles) and the plan walk those alone, and each of the
 * other kinds is reported once, by checkChannels.
 */
export type EdgeClass = 'channel' | 'dangling-source' | 'dangling-target' | 'into-producer' | 'self-loop';

/** Which kinds may feed which: producers start flows, so nothing feeds a producer. */
const ACCEPTS_INPUT: Record<NodeKind, boolean> = { producer: false, broker: true, consumer: true };

/**
 * Classify an edge against the nodes that exist. Allowed: producer->broker, producer->consumer,
 * broker->broker, broker->consumer, consumer->broker, consumer->consumer.
 *
 * @example
 * classifyEdge({ source: 'shop', target: 'pay', ... }, nodesById) // => 'channel'
 * classifyEdge({ source: 'pay', target: 'shop', ... }, nodesById) // => 'into-producer'
 */
export function classifyEdge(edge: Pick<FlowEdge, 'source' | 'target'>, nodesById: ReadonlyMap<string, { node: FlowNode }>): EdgeClass {
  const source = nodesById.get(edge.source);
  const target = nodesById.get(edge.target);
  if (!source) return 'dangling-source';
  if (!target) return 'dangling-target';
  if (edge.source === edge.target) return 'self-loop';
  if (!ACCEPTS_INPUT[target.node.kind]) return 'into-producer';
  return 'channel';
}
