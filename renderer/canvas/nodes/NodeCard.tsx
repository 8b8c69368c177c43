import { Handle, Position } from '@xyflow/react';
import type { FlowNode } from '../../../shared/flow/FlowDocument';
import { useProblemsStore } from '../../problems/useProblemsStore';
import { NodeRunBadges } from '../../run/NodeRunBadges';
import { useRunStore } from '../../run/useRunStore';
import { NODE_KIND_LOOK } from '../nodeKinds';
import { nodeEventTypes, nodeSummary } from '../nodeSummary';
import { ProblemBadge } from '../ProblemBadge';
import { NodeFireButton } from './NodeFireButton';

/**
 * The card every node kind draws: kind-coloured icon, name, kind, the event types it sends,
 * and one stats row (the settings summary at design time, the live counters during a run),
 * problem badge and handles (inputs left, outputs right). The card's height is the same at
 * design time and during a run, so a run never makes cards cover their neighbours.
 * Subscribes to its own problems and run state only.
 */
export function NodeCard({ node, outputs, selected }: { node: FlowNode; outputs: number; selected: boolean }) {
  const problems = useProblemsStore((s) => s.byNode[node.id]);
  const paused = useRunStore((s) => s.nodes[node.id]?.paused === true);
  const look = NODE_KIND_LOOK[node.kind];
  const types = nodeEventTypes(node);
  const manual = node.kind === 'producer' && node.settings.mode === 'manual';
  const { Icon } = look;
  return (
    <div
      className={`ef-node ef-node--${node.kind}${selected ? ' is-selected' : ''}${problems?.errors ? ' has-error' : ''}${paused ? ' is-paused' : ''}`}
      data-kind={node.kind}
    >
      {look.hasInput && <Handle type="target" position={Position.Left} className="ef-handle ef-handle--in" />}
      <div className="ef-node__header">
        <span className="ef-node__icon" aria-hidden>
          <Icon size={16} strokeWidth={2.2} />
        </span>
        <span className="ef-node__titles">
          <span className="ef-node__name" title={node.name}>
            {node.name}
          </span>
          <span className="ef-node__kind">
            {look.label}
            {paused && <span className="ef-node__paused">paused</span>}
          </span>
        </span>
        <ProblemBadge summary={problems} />
        {manual && <NodeFireButton nodeId={node.id} name={node.name} />}
      </div>
      {types.length > 0 ? (
        <div className="ef-node__type" title={types.join(', ')}>
          <span className="ef-node__type-dot" aria-hidden />
          <span className="ef-node__type-text">{types[0]}</span>
          {types.length > 1 && <span className="ef-node__more">+{types.length - 1}</span>}
        </div>
      ) : (
        <div className="ef-node__type ef-node__type--none">{node.kind === 'broker' ? 'routes by topic and content' : 'no outputs'}</div>
      )}
      <div className="ef-node__stats">
        <NodeRunBadges nodeId={node.id} kind={node.kind} idle={<div className="ef-node__summary">{nodeSummary(node, outputs)}</div>} />
      </div>
      <Handle type="source" position={Position.Right} className="ef-handle ef-handle--out" />
    </div>
  );
}
