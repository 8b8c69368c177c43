import type { Edge, Node } from '@xyflow/react';
import type {
  BrokerNode,
  ConsumerNode,
  FlowDocument,
  FlowEdge,
  FlowNode,
  NodeKind,
  ProducerNode,
} from '../../shared/flow/FlowDocument';
import type { Size } from './useCanvasStore';
import type { IdSet } from './useSelectionStore';

/** React Flow's view of our nodes: the document's node as data, typed by kind. */
export type ProducerFlowNode = Node<{ node: ProducerNode; outputs: number }, 'producer'>;
export type BrokerFlowNode = Node<{ node: BrokerNode; outputs: number }, 'broker'>;
export type ConsumerFlowNode = Node<{ node: ConsumerNode; outputs: number }, 'consumer'>;
export type DesignFlowNode = ProducerFlowNode | BrokerFlowNode | ConsumerFlowNode;
export type ChannelFlowEdge = Edge<{ edge: FlowEdge }, 'channel'>;

export interface FlowElements {
  nodes: DesignFlowNode[];
  edges: ChannelFlowEdge[];
}

interface NodeEntry {
  source: FlowNode;
  outputs: number;
  selected: boolean;
  size: Size | undefined;
  value: DesignFlowNode;
}

interface EdgeEntry {
  source: FlowEdge;
  selected: boolean;
  value: ChannelFlowEdge;
}

/**
 * Derive React Flow's nodes and edges from the document, the selection and the measured
 * sizes. The returned function remembers what it made: an element whose inputs did not
 * change is returned as the same object (so React Flow's memoised node and edge components
 * do not re-render), and the arrays are the same when nothing changed at all.
 */
export function createFlowElementsDeriver(): (
  doc: FlowDocument,
  selectedNodes: IdSet,
  selectedEdges: IdSet,
  measured: Readonly<Record<string, Size>>,
) => FlowElements {
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, EdgeEntry>();
  let last: FlowElements = { nodes: [], edges: [] };

  return (doc, selectedNodes, selectedEdges, measured) => {
    const outputs = new Map<string, number>();
    for (const e of doc.edges) if (!e.deadLetter) outputs.set(e.source, (outputs.get(e.source) ?? 0) + 1);

    const nextNodeCache = new Map<string, NodeEntry>();
    let nodesChanged = doc.nodes.length !== last.nodes.length;
    const nodes = doc.nodes.map((node, i) => {
      const entry = nodeCache.get(node.id);
      const selected = selectedNodes[node.id] === true;
      const size = measured[node.id];
      const count = outputs.get(node.id) ?? 0;
      let value: DesignFlowNode;
      if (entry && entry.source === node && entry.selected === selected && entry.size === size && entry.outputs === count) {
        value = entry.value;
      } else {
        value = toFlowNode(node, count, selected, size);
      }
      nextNodeCache.set(node.id, { source: node, outputs: count, selected, size, value });
      if (last.nodes[i] !== value) nodesChanged = true;
      return value;
    });

    const nextEdgeCache = new Map<string, EdgeEntry>();
    let edgesChanged = doc.edges.length !== last.edges.length;
    const edges = doc.edges.map((edge, i) => {
      const entry = edgeCache.get(edge.id);
      const selected = selectedEdges[edge.id] === true;
      const value =
        entry && entry.source === edge && entry.selected === selected ? entry.value : toFlowEdge(edge, selected);
      nextEdgeCache.set(edge.id, { source: edge, selected, value });
      if (last.edges[i] !== value) edgesChanged = true;
      return value;
    });

    nodeCache = nextNodeCache;
    edgeCache = nextEdgeCache;
    if (nodesChanged || edgesChanged) {
      last = { nodes: nodesChanged ? nodes : last.nodes, edges: edgesChanged ? edges : last.edges };
    }
    return last;
  };
}

function toFlowNode(node: FlowNode, outputs: number, selected: boolean, size: Size | undefined): DesignFlowNode {
  const base = {
    id: node.id,
    position: node.position,
    selected,
    ...(size ? { measured: size } : {}),
  };
  const kind: NodeKind = node.kind;
  switch (kind) {
    case 'producer':
      return { ...base, type: 'producer', data: { node: node as ProducerNode, outputs } };
    case 'broker':
      return { ...base, type: 'broker', data: { node: node as BrokerNode, outputs } };
    case 'consumer':
      return { ...base, type: 'consumer', data: { node: node as ConsumerNode, outputs } };
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown node kind ${String(unknownKind)}`);
    }
  }
}

function toFlowEdge(edge: FlowEdge, selected: boolean): ChannelFlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: 'channel',
    selected,
    data: { edge },
  };
}
