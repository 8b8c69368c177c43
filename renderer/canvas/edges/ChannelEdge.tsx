import { BaseEdge, EdgeLabelRenderer, ViewportPortal, getBezierPath, type EdgeProps } from '@xyflow/react';
import { Filter, Hash, Skull } from 'lucide-react';
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { FlowEdge } from '../../../shared/flow/FlowDocument';
import type { ChannelFlowEdge } from '../../design/flowElements';
import { useSelectionStore } from '../../design/useSelectionStore';
import { useProblemsStore, type ProblemSummary } from '../../problems/useProblemsStore';
import { ProblemBadge } from '../ProblemBadge';
import { edgeStrokeWidth, EdgeRunCount } from '../../run/EdgeRunCount';
import { useRunStore } from '../../run/useRunStore';
import type { LabelPlacement } from './placeChannelLabels';
import { useLabelPlacementStore } from './useLabelPlacementStore';

/**
 * A channel: a bezier from source to target with an arrowhead and a label with the MQTT topic
 * it publishes on (a filter mark when it has a routing rule, a dead-letter mark, problems,
 * and during a run its exact count and rate on a second line). Labels are placed for the
 * whole graph at once (placeChannelLabels): near the target, in the middle or near the
 * source, showing the topic's tail where the whole topic does not fit; selected, the label
 * shows the whole topic above everything. Clicking the label selects the channel like
 * clicking its line does.
 */
export const ChannelEdge = memo(function ChannelEdge(props: EdgeProps<ChannelFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const problems = useProblemsStore((s) => s.byEdge[id]);
  const rate = useRunStore((s) => s.edges[id]?.ratePerSecond);
  const onPath = useRunStore((s) => s.path?.edgeIds[id] === true);
  const placement = useLabelPlacementStore((s) => s.byEdge[id]);
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const edge = data?.edge;
  if (!edge) return null;
  const variant = edge.deadLetter ? 'dead' : selected ? 'selected' : 'plain';
  const label = placement && (
    <ChannelLabel id={id} edge={edge} variant={variant} placement={placement} problems={problems} selected={Boolean(selected)} />
  );
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`ef-edge ef-edge--${variant}${problems?.errors ? ' has-error' : ''}${onPath ? ' ef-edge--on-path' : ''}`}
        markerEnd={`url(#ef-arrow-${variant})`}
        style={rate === undefined ? undefined : { strokeWidth: edgeStrokeWidth(rate) }}
        interactionWidth={20}
      />
      {label && (selected ? <ViewportPortal>{label}</ViewportPortal> : <EdgeLabelRenderer>{label}</EdgeLabelRenderer>)}
    </>
  );
});

function ChannelLabel(props: {
  id: string;
  edge: FlowEdge;
  variant: string;
  placement: LabelPlacement;
  problems: ProblemSummary | undefined;
  selected: boolean;
}) {
  const { id, edge, variant, placement, problems, selected } = props;
  const title = [
    `Topic: ${edge.topic}`,
    edge.label ? `Label: ${edge.label}` : '',
    edge.rule?.pattern ? `Rule: ${JSON.stringify(edge.rule.pattern)}` : '',
    edge.deadLetter ? 'Dead-letter channel' : '',
  ]
    .filter(Boolean)
    .join('\n');
  // Selected, the whole topic shows, growing away from the node the label sits next to.
  const compact = placement.compact && !selected;
  const text = selected ? edge.topic : placement.text;
  let mark: ReactNode = null;
  if (edge.deadLetter) mark = <Skull size={11} aria-hidden />;
  else if (edge.rule?.pattern || edge.rule?.topicFilter) mark = <Filter size={11} aria-hidden />;
  else if (compact) mark = <Hash size={11} aria-hidden />;
  return (
    <div
      className={`ef-edge-label ef-edge-label--${variant}${compact ? ' ef-edge-label--compact' : ''} nodrag nopan`}
      style={labelStyle(placement, selected)}
      title={title}
      aria-label={`Channel on topic ${edge.topic}`}
      data-testid={`edge-label-${id}`}
      data-anchor={placement.anchor}
      onClick={(e) => {
        e.stopPropagation();
        const store = useSelectionStore.getState();
        if (e.shiftKey || e.metaKey || e.ctrlKey) store.setSelected('edges', id, !selected);
        else store.select([], [id]);
      }}
    >
      <span className="ef-edge-label__line">
        {mark}
        {!compact && <span className="ef-edge-label__topic">{text}</span>}
      </span>
      <EdgeRunCount edgeId={id} />
      <ProblemBadge summary={problems} />
    </div>
  );
}

/**
 * Placed by left/top rather than a transform: hundreds of labels with transforms each add a
 * paint chunk the compositor must sort on every pan frame.
 */
function labelStyle(p: LabelPlacement, selected: boolean): CSSProperties {
  if (p.compact && !selected) return { left: p.x, top: p.y, minWidth: p.width };
  if (!selected) return { left: p.x, top: p.y, width: p.width };
  switch (p.anchor) {
    case 'target':
      return { left: p.x + p.width, top: p.y, minWidth: p.width, transform: 'translateX(-100%)' };
    case 'middle':
      return { left: p.x + p.width / 2, top: p.y, minWidth: p.width, transform: 'translateX(-50%)' };
    case 'source':
      return { left: p.x, top: p.y, minWidth: p.width };
  }
}
