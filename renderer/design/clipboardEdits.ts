import type { EventTypeDef, FlowDocument, FlowEdge, FlowNode, Position } from '../../shared/flow/FlowDocument';
import { addNodes, uniqueTopic } from './documentEdits';
import { slugify, uniqueId, uniqueName } from './nodeIds';

/** What Copy keeps: the chosen nodes, the channels between them, and the event types they use. */
export interface FlowClipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
  eventTypes: EventTypeDef[];
}

/** Copy nodes (and the channels among them); null when none of the ids is a node. */
export function copyElements(doc: FlowDocument, nodeIds: Iterable<string>): FlowClipboard | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const used = new Set<string>();
  for (const n of nodes) {
    if (n.kind === 'producer') used.add(n.settings.eventType);
    if (n.kind === 'consumer') for (const o of n.settings.outputs) used.add(o.eventType);
  }
  const eventTypes = doc.eventTypes.filter((t) => used.has(t.name));
  return { nodes, edges, eventTypes };
}

/**
 * Paste a clipboard: every node gets a fresh id and name and is moved by `offset`; channels
 * among them are re-pointed at the copies and get fresh ids and topics.
 */
export function pasteElements(
  doc: FlowDocument,
  clip: FlowClipboard,
  offset: Position,
): { doc: FlowDocument; nodeIds: string[]; edgeIds: string[] } {
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const names = new Set(doc.nodes.map((n) => n.name));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const topics = new Set(doc.edges.map((e) => e.topic));
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((node) => {
    const id = uniqueId(slugify(node.name), nodeIds);
    const name = uniqueName(node.name, names);
    nodeIds.add(id);
    names.add(name);
    renamed.set(node.id, id);
    return {
      ...node,
      id,
      name,
      position: { x: Math.round(node.position.x + offset.x), y: Math.round(node.position.y + offset.y) },
    } as FlowNode;
  });
  const edges = clip.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) return [];
    const id = uniqueId(`${source}-${target}`, edgeIds);
    const topic = uniqueTopic(edge.topic, topics);
    edgeIds.add(id);
    topics.add(topic);
    return [{ ...edge, id, source, target, topic }];
  });
  return {
    doc: addNodes(doc, nodes, clip.eventTypes, edges),
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
