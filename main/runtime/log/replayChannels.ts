import type { PlannedOutput, RuntimePlan } from '../../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { FlowNode } from '../../../shared/flow/FlowDocument';
import type { EventMatcher } from '../../../shared/routing/EventPattern';
import { compilePattern } from '../../../shared/routing/compilePattern';

/** A channel a replay may publish into. */
export interface ReplayChannel {
  edgeId: string;
  sourceId: string;
  targetId: string;
  /** The channel's topic before the run's prefix. */
  topic: string;
  /** The content pattern of the channel's rule, compiled; absent: every event. */
  match?: EventMatcher;
  /** The event types its source can send; null: any (a broker node forwards what it gets). */
  types: Set<string> | null;
}

export type ReplayChannelsResult = { ok: true; channels: Map<string, ReplayChannel> } | { ok: false; message: string };

/**
 * The channels a replay re-enters the flow through. Without targets: the plan's entry edges
 * (leaving producers), where events first entered the flow. With targets (node ids): every
 * channel leading into one of those nodes, so only that part of the graph sees the replay.
 *
 * @example
 * replayChannels(plan, ['fraud']) // => { ok: true, channels: Map { 'e-broker-fraud' => {...} } }
 */
export function replayChannels(plan: RuntimePlan, targets?: readonly string[]): ReplayChannelsResult {
  const nodes = new Map(plan.nodes.map((n) => [n.nodeId, n]));
  if (targets && targets.length > 0) {
    const unknown = targets.filter((t) => !nodes.has(t));
    if (unknown.length > 0) {
      return {
        ok: false,
        message: `targets: no node ${unknown.map((u) => JSON.stringify(u)).join(', ')} in this flow; node ids are ${[...nodes.keys()].join(', ')}`,
      };
    }
  }
  const wanted = targets && targets.length > 0 ? new Set(targets) : null;
  const entry = new Set(plan.entryEdges);
  const channels = new Map<string, ReplayChannel>();
  for (const planned of plan.nodes) {
    const outputs: PlannedOutput[] = [...planned.outputs, ...(planned.deadLetter ? [planned.deadLetter] : [])];
    for (const out of outputs) {
      const chosen = wanted ? wanted.has(out.targetId) : entry.has(out.edgeId);
      if (!chosen) continue;
      let match: EventMatcher | undefined;
      if (out.rule?.pattern !== undefined) {
        const compiled = compilePattern(out.rule.pattern);
        if (compiled.ok) match = compiled.match;
      }
      channels.set(out.edgeId, {
        edgeId: out.edgeId,
        sourceId: planned.nodeId,
        targetId: out.targetId,
        topic: out.topic,
        ...(match ? { match } : {}),
        types: typesSentBy(planned.node),
      });
    }
  }
  if (channels.size === 0) {
    return {
      ok: false,
      message: wanted
        ? `targets: no channel leads into ${[...wanted].join(', ')}; choose nodes that have inbound channels`
        : 'this flow has no channel leaving a producer, so there is nowhere to replay into; use --targets to choose nodes',
    };
  }
  return { ok: true, channels };
}

/**
 * The channels an event read from a file (no channel of its own) goes into: those whose
 * source can send its type and whose rule pattern, if any, matches it.
 */
export function channelsForEvent(event: CloudEvent, channels: Map<string, ReplayChannel>): ReplayChannel[] {
  const found: ReplayChannel[] = [];
  for (const channel of channels.values()) {
    if (channel.types !== null && !channel.types.has(event.type)) continue;
    if (channel.match && !channel.match(event)) continue;
    found.push(channel);
  }
  return found;
}

function typesSentBy(node: FlowNode): Set<string> | null {
  switch (node.kind) {
    case 'producer':
      return new Set([node.settings.eventType]);
    case 'consumer':
      return new Set([
        ...node.settings.outputs.map((o) => o.eventType),
        ...(node.settings.monitor?.rules.map((r) => r.alertType) ?? []),
      ]);
    case 'broker':
      return null;
    default: {
      const never: never = node;
      return never;
    }
  }
}
