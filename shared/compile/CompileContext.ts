import type { FlowDocument, FlowEdge, FlowNode } from '../flow/FlowDocument';
import { classifyEdge } from './classifyEdge';

/** What the broker the flow will run on can do; unknown capabilities are assumed present. */
export interface BrokerCapabilities {
  mqtt5: boolean;
  sharedSubscriptions: boolean;
}

export interface CompileOptions {
  brokerCapabilities?: BrokerCapabilities;
}

/** A node with its position in `doc.nodes`, for JSON paths. */
export interface IndexedNode {
  node: FlowNode;
  index: number;
}

/** A channel (an edge whose ends exist and may be connected) with both ends resolved. */
export interface Channel {
  edge: FlowEdge;
  index: number;
  source: IndexedNode;
  target: IndexedNode;
}

/**
 * The document indexed once per compile and handed to every check: nodes by id, and the
 * graph of channels (in edge order) that the analyses walk.
 */
export interface CompileContext {
  doc: FlowDocument;
  options: CompileOptions;
  /** The first node with each id (the loader refuses duplicates; the designer never makes them). */
  nodesById: ReadonlyMap<string, IndexedNode>;
  /** Every edge that is a channel, in document order; dangling and forbidden edges are left out. */
  channels: readonly Channel[];
  /** Channels leaving each node id, in edge order (empty list for a node with none). */
  outgoing: ReadonlyMap<string, readonly Channel[]>;
  /** Channels entering each node id, in edge order. */
  incoming: ReadonlyMap<string, readonly Channel[]>;
}

/**
 * Index a document for the checks of compileFlow.
 *
 * @example
 * const ctx = createCompileContext(doc, {});
 * ctx.outgoing.get('shop') // => [{ edge, index: 0, source, target }]
 */
export function createCompileContext(doc: FlowDocument, options: CompileOptions = {}): CompileContext {
  const nodesById = new Map<string, IndexedNode>();
  const outgoing = new Map<string, Channel[]>();
  const incoming = new Map<string, Channel[]>();
  doc.nodes.forEach((node, index) => {
    if (nodesById.has(node.id)) return;
    nodesById.set(node.id, { node, index });
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  });
  const channels: Channel[] = [];
  doc.edges.forEach((edge, index) => {
    if (classifyEdge(edge, nodesById) !== 'channel') return;
    const channel: Channel = { edge, index, source: nodesById.get(edge.source)!, target: nodesById.get(edge.target)! };
    channels.push(channel);
    outgoing.get(edge.source)!.push(channel);
    incoming.get(edge.target)!.push(channel);
  });
  return { doc, options, nodesById, channels, outgoing, incoming };
}
