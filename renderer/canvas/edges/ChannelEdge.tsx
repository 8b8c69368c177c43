import { BaseEdge, EdgeLabelRenderer, ViewportPortal, getBezierPath, type EdgeProps } from '@xyflow/react';
import { Filter, Hash, Skull } from 'lucide-react';
import { memo, type ReactNode } from 'react';
import type { FlowEdge } from '../../../shared/flow/FlowDocument';
import type { ChannelFlowEdge } from '../../design/flowElements';
import { useSelectionStore } from '../../design/useSelectionStore';
import { useProblemsStore, type ProblemSummary } from '../../problems/useProblemsStore';
import { ProblemBadge } from '../ProblemBadge';
import { edgeStrokeWidth, EdgeRunCount } from '../../run/EdgeRunCount';
import { useRunStore } from '../../run/useRunStore';

/** Horizontal room (flow px) a channel needs between its nodes to show its topic in full. */
export const MIN_LABEL_ROOM = 96;
/** The widest a topic label grows before it is cut with an ellipsis. */
export const MAX_LABEL_WIDTH = 190;
/** Space kept clear next to each handle. */
const HANDLE_CLEARANCE = 12;

/**
 * A channel: a bezier from source to target with an arrowhead and a label with the MQTT topic
 * it publishes on (a filter mark when it has a routing rule, a dead-letter mark, problems).
 * Where the nodes stand too close for the topic to fit, the label shrinks to a mark that
 * shows the topic on hover; selected, the label is shown in full above everything.
 * Clicking the label selects the channel like clicking its line does.
 */
export const ChannelEdge = memo(function ChannelEdge(props: EdgeProps<ChannelFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const problems = useProblemsStore((s) => s.byEdge[id]);
  const rate = useRunStore((s) => s.edges[id]?.ratePerSecond);
  const onPath = useRunStore((s) => s.path?.edgeIds[id] === true);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const edge = data?.edge;
  if (!edge) return null;
  const variant = edge.deadLetter ? 'dead' : selected ? 'selected' : 'plain';
  const room = targetX - sourceX - 2 * HANDLE_CLEARANCE;
  const backwards = targetX < sourceX;
  const full = Boolean(selected) || backwards || room >= MIN_LABEL_ROOM;
  const maxWidth = selected || backwards ? undefined : Math.min(MAX_LABEL_WIDTH, room);
  const label = (
    <ChannelLabel
      id={id}
      edge={edge}
      variant={variant}
      full={full}
      maxWidth={maxWidth}
      problems={problems}
      selected={Boolean(selected)}
      x={labelX}
      y={labelY}
    />
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
      {selected ? <ViewportPortal>{label}</ViewportPortal> : <EdgeLabelRenderer>{label}</EdgeLabelRenderer>}
    </>
  );
});

function ChannelLabel(props: {
  id: string;
  edge: FlowEdge;
  variant: string;
  full: boolean;
  maxWidth: number | undefined;
  problems: ProblemSummary | undefined;
  selected: boolean;
  x: number;
  y: number;
}) {
  const { id, edge, variant, full, maxWidth, problems, selected, x, y } = props;
  const title = [
    `Topic: ${edge.topic}`,
    edge.label ? `Label: ${edge.label}` : '',
    edge.rule?.pattern ? `Rule: ${JSON.stringify(edge.rule.pattern)}` : '',
    edge.deadLetter ? 'Dead-letter channel' : '',
  ]
    .filter(Boolean)
    .join('\n');
  let mark: ReactNode = null;
  if (edge.deadLetter) mark = <Skull size={11} aria-hidden />;
  else if (edge.rule?.pattern || edge.rule?.topicFilter) mark = <Filter size={11} aria-hidden />;
  else if (!full) mark = <Hash size={11} aria-hidden />;
  return (
    <div
      className={`ef-edge-label ef-edge-label--${variant}${full ? '' : ' ef-edge-label--compact'} nodrag nopan`}
      style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)`, maxWidth }}
      title={title}
      aria-label={`Channel on topic ${edge.topic}`}
      data-testid={`edge-label-${id}`}
      onClick={(e) => {
        e.stopPropagation();
        const store = useSelectionStore.getState();
        if (e.shiftKey || e.metaKey || e.ctrlKey) store.setSelected('edges', id, !selected);
        else store.select([], [id]);
      }}
    >
      {mark}
      {full && <span className="ef-edge-label__topic">{edge.topic}</span>}
      <ProblemBadge summary={problems} />
      <EdgeRunCount edgeId={id} />
    </div>
  );
}
