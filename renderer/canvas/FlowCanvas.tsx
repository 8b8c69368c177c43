import {
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import type { Position } from '../../shared/flow/FlowDocument';
import { notify } from '../app/useNoticeStore';
import { addPresetAt } from '../design/editActions';
import { explainConnection } from '../design/explainConnection';
import { createFlowElementsDeriver, type ChannelFlowEdge, type DesignFlowNode } from '../design/flowElements';
import { DEFAULT_NODE_SIZE } from '../design/layoutWithElk';
import { useChannelLabelPlacement } from './edges/useChannelLabelPlacement';
import { FAR_ZOOM, useFarZoomClass } from './useFarZoomClass';
import { useZoomRequests } from './useZoomRequests';
import { useCanvasStore } from '../design/useCanvasStore';
import { useDesignStore } from '../design/useDesignStore';
import { useSelectionStore } from '../design/useSelectionStore';
import { PulseOverlay } from '../overlay/PulseOverlay';
import { PRESET_DRAG_TYPE } from '../palette/presetDrag';
import { FireDialog } from '../run/FireDialog';
import { NodeRunMenu } from '../run/NodeRunMenu';
import { isRunLive, useRunStore } from '../run/useRunStore';
import { ConnectionLine } from './ConnectionLine';
import { edgeTypes } from './edgeTypes';
import { EdgeMarkers } from './EdgeMarkers';
import { nodeTypes } from './nodeTypes';

/** Node positions snap to this grid while dragging. */
export const SNAP_GRID: [number, number] = [10, 10];
/** How close (px) the pointer must come to a handle for a drop to connect. */
const CONNECTION_RADIUS = 28;
/** Fit leaves room on the left for the zoom controls, which float over the canvas there. */
const FIT_PADDING = { top: '24px', right: '24px', bottom: '24px', left: '64px' } as const;
const REVEAL_MAX_ZOOM = 1.25;
const EMPTY_VIEWPORT = { x: 0, y: 0, zoom: 1 };
const MINIMAP_SIZE = { width: 168, height: 112 };
/**
 * Above this many nodes the canvas drops the overview map (it re-lays out one rectangle per
 * node on every pan frame) and, zoomed in, renders only what is in view (a 300-node graph
 * panned at 100% went from about 25 to 55 fps in the UI benchmark). Zoomed out past FAR_ZOOM
 * every node stays mounted: there most of the graph is in view, and nodes entering and leaving
 * it on every pan frame cost more (a mount measures the node) than drawing them as boxes.
 */
const LARGE_GRAPH_NODES = 150;
/** How long the view must rest zoomed in before a large graph renders only what is in view. */
const NEAR_SETTLE_MS = 500;

const MINIMAP_CLASS = (node: DesignFlowNode): string => `ef-mini ef-mini--${node.type}`;

/**
 * The canvas: React Flow in controlled mode over nodes and edges derived from the document.
 * Every change React Flow reports goes to a store: positions to the document (a drag is one
 * undo step), selection to the selection store, measured sizes to the canvas store.
 */
export function FlowCanvas() {
  const doc = useDesignStore((s) => s.doc);
  const selectedNodes = useSelectionStore((s) => s.nodes);
  const selectedEdges = useSelectionStore((s) => s.edges);
  const measured = useCanvasStore((s) => s.measured);
  const [derive] = useState(createFlowElementsDeriver);
  const { nodes, edges } = derive(doc, selectedNodes, selectedEdges, measured);
  useChannelLabelPlacement(doc, measured);
  const large = doc.nodes.length > LARGE_GRAPH_NODES;
  const [near, setNear] = useState(true);
  const flow = useReactFlow<DesignFlowNode, ChannelFlowEdge>();
  const dragGesture = useRef<number | null>(null);

  const onNodesChange = useCallback((changes: NodeChange<DesignFlowNode>[]) => {
    const moved = new Map<string, Position>();
    for (const change of changes) {
      switch (change.type) {
        case 'position':
          if (change.position) moved.set(change.id, change.position);
          break;
        case 'dimensions':
          if (change.dimensions) useCanvasStore.getState().setMeasured(change.id, change.dimensions);
          break;
        case 'select':
          useSelectionStore.getState().setSelected('nodes', change.id, change.selected);
          break;
        default:
          // 'remove' is handled by deleteSelection (one undo step for nodes and their channels).
          break;
      }
    }
    if (moved.size > 0) useDesignStore.getState().moveNodes(moved);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ChannelFlowEdge>[]) => {
    for (const change of changes) {
      if (change.type === 'select') useSelectionStore.getState().setSelected('edges', change.id, change.selected);
    }
  }, []);

  const beginDrag = useCallback(() => {
    if (dragGesture.current === null) dragGesture.current = useDesignStore.getState().beginGesture();
  }, []);
  const endDrag = useCallback(() => {
    if (dragGesture.current !== null) useDesignStore.getState().endGesture(dragGesture.current);
    dragGesture.current = null;
  }, []);

  const isValidConnection: IsValidConnection<ChannelFlowEdge> = useCallback(
    (c) => explainConnection(useDesignStore.getState().doc, c.source, c.target) === null,
    [],
  );

  const onConnect = useCallback((c: Connection) => {
    const result = useDesignStore.getState().connect(c.source, c.target);
    if (result.ok) useSelectionStore.getState().select([], [result.edgeId]);
    else notify('error', result.reason);
  }, []);

  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode) return;
    const doc = useDesignStore.getState().doc;
    const target = state.toNode?.id ?? null;
    if (target === null) return;
    const reason = explainConnection(doc, state.fromNode.id, target);
    if (reason) notify('error', reason);
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PRESET_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const presetId = e.dataTransfer.getData(PRESET_DRAG_TYPE);
      if (!presetId) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addPresetAt(presetId, { x: at.x - DEFAULT_NODE_SIZE.width / 2, y: at.y - DEFAULT_NODE_SIZE.height / 2 });
    },
    [flow],
  );

  const onNodeContextMenu = useCallback((e: ReactMouseEvent, node: DesignFlowNode) => {
    const run = useRunStore.getState();
    if (!isRunLive(run.status) || (node.type !== 'consumer' && node.type !== 'producer')) return;
    e.preventDefault();
    run.set({ menu: { nodeId: node.id, x: e.clientX, y: e.clientY } });
  }, []);

  // While the view pans or zooms its layer is promoted: see .ef-canvas.is-moving in
  // canvas.css. Whether only visible elements render is decided when a gesture ends, never in
  // the middle of one.
  const canvasRef = useRef<HTMLDivElement>(null);
  const moving = useRef(false);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Zoomed out: mount everything now. Zoomed in: render only the visible part once the view has rested. */
  const decideNear = useCallback((zoom: number) => {
    clearTimeout(settle.current);
    if (zoom < FAR_ZOOM) setNear(false);
    else settle.current = setTimeout(() => setNear(true), NEAR_SETTLE_MS);
  }, []);
  useEffect(() => () => clearTimeout(settle.current), []);
  const onMoveStart = useCallback(() => {
    moving.current = true;
    clearTimeout(settle.current);
    canvasRef.current?.classList.add('is-moving');
  }, []);
  const onFarChange = useCallback(
    (far: boolean) => {
      if (far) decideNear(0);
      else if (!moving.current) decideNear(FAR_ZOOM);
    },
    [decideNear],
  );
  const settleFarZoom = useFarZoomClass(canvasRef, moving, onFarChange);
  const onMoveEnd = useCallback(
    (_: unknown, viewport: Viewport) => {
      moving.current = false;
      canvasRef.current?.classList.remove('is-moving');
      settleFarZoom();
      decideNear(viewport.zoom);
    },
    [decideNear, settleFarZoom],
  );

  useFitRequests();
  useZoomRequests();

  return (
    <div ref={canvasRef} className="ef-canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <EdgeMarkers />
      <ReactFlow<DesignFlowNode, ChannelFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={beginDrag}
        onNodeDragStop={endDrag}
        onSelectionDragStart={beginDrag}
        onSelectionDragStop={endDrag}
        onNodeContextMenu={onNodeContextMenu}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onConnect={onConnect}
        onlyRenderVisibleElements={large && near}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        connectionLineComponent={ConnectionLine}
        connectionRadius={CONNECTION_RADIUS}
        snapToGrid
        snapGrid={SNAP_GRID}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionOnDrag={false}
        minZoom={0.15}
        maxZoom={2}
        colorMode="system"
        fitView
        fitViewOptions={{ padding: FIT_PADDING }}
        proOptions={{ hideAttribution: false }}
      >
        {doc.nodes.length > 0 && !large && (
          <MiniMap<DesignFlowNode>
            pannable
            zoomable
            nodeClassName={MINIMAP_CLASS}
            nodeBorderRadius={6}
            ariaLabel="Overview of the flow"
            className="ef-minimap"
            style={MINIMAP_SIZE}
          />
        )}
        <PulseOverlay />
        <Controls showInteractive={false} className="ef-controls" fitViewOptions={{ padding: FIT_PADDING, duration: 250 }} />
      </ReactFlow>
      {doc.nodes.length === 0 && <EmptyCanvasHint />}
      <NodeRunMenu />
      <FireDialog />
    </div>
  );
}

/** Fit the view when asked (a file opened, a problem clicked), once the nodes are measured. */
function useFitRequests(): void {
  const flow = useReactFlow();
  const request = useCanvasStore((s) => s.fitRequest);
  const initialized = useNodesInitialized();
  const done = useRef(0);
  const empty = useDesignStore((s) => s.doc.nodes.length === 0);
  useEffect(() => {
    if (request.seq === done.current) return;
    if (empty) {
      // Nothing to fit: start a new flow at 100% so dropped nodes have their real size.
      done.current = request.seq;
      void flow.setViewport(EMPTY_VIEWPORT);
      return;
    }
    if (!initialized) return;
    done.current = request.seq;
    const nodes = request.ids?.map((id) => ({ id }));
    // Two frames: React Flow takes the new nodes into its own store one effect later.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        void flow.fitView(
          nodes
            ? { nodes, padding: 0.6, maxZoom: REVEAL_MAX_ZOOM, duration: 300 }
            : { padding: FIT_PADDING, duration: 0 },
        );
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [request, initialized, flow, empty]);
}

function EmptyCanvasHint() {
  return (
    <div className="ef-empty" aria-hidden>
      <div className="ef-empty__title">Start your flow</div>
      <div className="ef-empty__text">
        Drag a <b>Producer</b>, a <b>Broker</b> and a <b>Consumer</b> from the left, then connect them by dragging
        from a node&apos;s right handle to another node.
      </div>
    </div>
  );
}
