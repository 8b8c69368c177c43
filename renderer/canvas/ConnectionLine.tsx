import { getBezierPath, useStore, type ConnectionLineComponentProps } from '@xyflow/react';
import { explainConnection } from '../design/explainConnection';
import type { DesignFlowNode } from '../design/flowElements';
import { useCanvasStore } from '../design/useCanvasStore';
import { useDesignStore } from '../design/useDesignStore';
import { nodeAtPoint } from './nodeAtPoint';

/** The hint box's size on screen, whatever the zoom. */
const HINT_WIDTH = 300;
const HINT_HEIGHT = 90;

/**
 * The line drawn while a channel is being dragged. Over a node that cannot take it, the line
 * turns red and says why (a producer, the node itself, an existing channel); over one that
 * can, it turns green.
 */
export function ConnectionLine(props: ConnectionLineComponentProps<DesignFlowNode>) {
  const { fromX, fromY, toX, toY, fromPosition, toPosition, fromNode, toNode, pointer } = props;
  const doc = useDesignStore((s) => s.doc);
  const sizes = useCanvasStore((s) => s.measured);
  const [tx, ty, zoom] = useStore((s) => s.transform);
  // React Flow reports the pointer relative to the pane, in screen pixels.
  const at = { x: (pointer.x - tx) / zoom, y: (pointer.y - ty) / zoom };
  const targetId = toNode?.id ?? nodeAtPoint(doc, sizes, at);
  const reason = targetId === null ? null : explainConnection(doc, fromNode.id, targetId);
  const state = targetId === null ? 'idle' : reason === null ? 'valid' : 'invalid';
  const [path] = getBezierPath({ sourceX: fromX, sourceY: fromY, sourcePosition: fromPosition, targetX: toX, targetY: toY, targetPosition: toPosition });
  const target = targetId ? doc.nodes.find((n) => n.id === targetId) : undefined;
  return (
    <g className={`ef-connection ef-connection--${state}`}>
      <path d={path} className="ef-connection__path" fill="none" />
      <circle cx={toX} cy={toY} r={4} className="ef-connection__end" />
      {state !== 'idle' && (
        <foreignObject x={at.x + 14 / zoom} y={at.y + 10 / zoom} width={HINT_WIDTH / zoom} height={HINT_HEIGHT / zoom} className="ef-connection__hint-box">
          <div
            className={`ef-connection__hint ef-connection__hint--${state}`}
            style={{ transform: `scale(${1 / zoom})`, transformOrigin: '0 0' }}
            role="status"
            data-testid="connection-hint"
          >
            {reason ?? `Connect to ${target?.name ?? 'this node'}`}
          </div>
        </foreignObject>
      )}
    </g>
  );
}
