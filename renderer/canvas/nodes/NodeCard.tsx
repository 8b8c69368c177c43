import { Handle, Position } from '@xyflow/react';
import type { FlowNode } from '../../../shared/flow/FlowDocument';
import { useProblemsStore } from '../../problems/useProblemsStore';
import { NodeRunBadges } from '../../run/NodeRunBadges';
import { NODE_KIND_LOOK } from '../nodeKinds';
import { nodeEventTypes, nodeSummary } from '../nodeSummary';
import { ProblemBadge } from '../ProblemBadge';

/**
 * The card every node kind draws: kind-coloured icon, name, kind, the event types it sends,
 * a settings summary, problem badge and handles (inputs left, outputs right). Subscribes to
 * its own problems only.
 */
export function NodeCard({ node, outputs, selected }: { node: FlowNode; outputs: number; selected: boolean }) {
  const problems = useProblemsStore((s) => s.byNode[node.id]);
  const look = NODE_KIND_LOOK[node.kind];
  const types = nodeEventTypes(node);
  const { Icon } = look;
  return (
    <div
      className={`ef-node ef-node--${node.kind}${selected ? ' is-selected' : ''}${problems?.errors ? ' has-error' : ''}`}
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
          <span className="ef-node__kind">{look.label}</span>
        </span>
        <ProblemBadge summary={problems} />
      </div>
      <div className="ef-node__body">
        {types.length > 0 ? (
          <div className="ef-node__type" title={types.join(', ')}>
            <span className="ef-node__type-dot" aria-hidden />
            <span className="ef-node__type-text">{types[0]}</span>
            {types.length > 1 && <span className="ef-node__more">+{types.length - 1}</span>}
          </div>
        ) : (
          <div className="ef-node__type ef-node__type--none">
            {node.kind === 'broker' ? 'routes by topic and content' : 'no outputs'}
          </div>
        )}
        <div className="ef-node__summary">{nodeSummary(node, outputs)}</div>
      </div>
      <NodeRunBadges nodeId={node.id} kind={node.kind} />
      <Handle type="source" position={Position.Right} className="ef-handle ef-handle--out" />
    </div>
  );
}
