import {
  flowEdgeSchema,
  type EventTypeDef,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type Position,
} from '../../shared/flow/FlowDocument';
import { explainConnection } from './explainConnection';
import { uniqueId } from './nodeIds';

/**
 * The edits the designer makes to a FlowDocument, as pure functions: each returns a new
 * document (sharing every untouched node and edge) or the same document when nothing
 * changed, so the store can tell a real edit from a no-op by reference.
 */

/** Add nodes (and the event types and channels they bring), skipping event types already defined. */
export function addNodes(
  doc: FlowDocument,
  nodes: readonly FlowNode[],
  eventTypes: readonly EventTypeDef[] = [],
  edges: readonly FlowEdge[] = [],
): FlowDocument {
  if (nodes.length === 0 && edges.length === 0) return doc;
  const known = new Set(doc.eventTypes.map((t) => t.name));
  const newTypes = eventTypes.filter((t) => !known.has(t.name) && known.add(t.name));
  return {
    ...doc,
    eventTypes: newTypes.length > 0 ? [...doc.eventTypes, ...newTypes] : doc.eventTypes,
    nodes: [...doc.nodes, ...nodes],
    edges: edges.length > 0 ? [...doc.edges, ...edges] : doc.edges,
  };
}

/** Remove nodes and channels; channels of a removed node go with it. */
export function removeElements(doc: FlowDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string>): FlowDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const keptNodes = doc.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  if (keptNodes.length === doc.nodes.length && keptEdges.length === doc.edges.length) return doc;
  return { ...doc, nodes: keptNodes, edges: keptEdges };
}

/** The topic a new channel gets: `<source>/<target>`, made unique among the document's topics. */
export function defaultTopic(doc: FlowDocument, source: string, target: string): string {
  return uniqueTopic(`${source}/${target}`, new Set(doc.edges.map((e) => e.topic)));
}

/** `topic`, or `topic-2`, `topic-3`, ... whichever no channel uses yet. */
export function uniqueTopic(topic: string, taken: ReadonlySet<string>): string {
  return uniqueId(topic, taken);
}

/**
 * Draw a channel from `source` to `target`, or say why it cannot be drawn (the same reason
 * the canvas shows while dragging). A channel into a node named like a dead-letter sink
 * starts as its source's dead-letter channel when the source has none yet.
 */
export function connectNodes(
  doc: FlowDocument,
  source: string,
  target: string,
): { ok: true; doc: FlowDocument; edgeId: string } | { ok: false; reason: string } {
  const reason = explainConnection(doc, source, target);
  if (reason !== null) return { ok: false, reason };
  const to = doc.nodes.find((n) => n.id === target) as FlowNode;
  const id = uniqueId(`${source}-${target}`, new Set(doc.edges.map((e) => e.id)));
  const deadLetter =
    /dead[\s_-]*letter/i.test(`${to.name} ${to.id}`) && !doc.edges.some((e) => e.source === source && e.deadLetter);
  const edge = flowEdgeSchema.parse({ id, source, target, topic: defaultTopic(doc, source, target), deadLetter });
  return { ok: true, doc: { ...doc, edges: [...doc.edges, edge] }, edgeId: id };
}

/** Move nodes to new positions (rounded to whole pixels). */
export function moveNodes(doc: FlowDocument, positions: ReadonlyMap<string, Position>): FlowDocument {
  if (positions.size === 0) return doc;
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    const p = positions.get(node.id);
    if (!p) return node;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === node.position.x && y === node.position.y) return node;
    changed = true;
    return { ...node, position: { x, y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Replace one node with `update(node)`; the id cannot change here. */
export function updateNode(doc: FlowDocument, id: string, update: (node: FlowNode) => FlowNode): FlowDocument {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    if (node.id !== id) return node;
    const next = update(node);
    if (next === node) return node;
    changed = true;
    return { ...next, id: node.id };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Replace one channel with `update(edge)`; id, source and target cannot change here. */
export function updateEdge(doc: FlowDocument, id: string, update: (edge: FlowEdge) => FlowEdge): FlowDocument {
  let changed = false;
  const edges = doc.edges.map((edge) => {
    if (edge.id !== id) return edge;
    const next = update(edge);
    if (next === edge) return edge;
    changed = true;
    return { ...next, id: edge.id, source: edge.source, target: edge.target };
  });
  return changed ? { ...doc, edges } : doc;
}

/** Change the flow's own fields (name, description, broker, event types). */
export function updateFlow(
  doc: FlowDocument,
  patch: Partial<Pick<FlowDocument, 'name' | 'description' | 'broker' | 'eventTypes'>>,
): FlowDocument {
  const keys = Object.keys(patch) as (keyof typeof patch)[];
  if (keys.every((k) => doc[k] === patch[k])) return doc;
  const next = { ...doc, ...patch };
  for (const k of keys) if (patch[k] === undefined) delete next[k];
  return next;
}
