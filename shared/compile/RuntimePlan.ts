import type { BrokerSettings, EventTypeDef, FlowNode, NodeKind, QoS, RoutingRule } from '../flow/FlowDocument';

/** What a node instance subscribes to: one entry per inbound channel. */
export interface PlannedSubscription {
  edgeId: string;
  /** The channel's topic name (before the run's topic prefix). */
  topic: string;
  /** What is passed to SUBSCRIBE: the topic, or `$share/<group>/<topic>` for instances > 1. */
  filter: string;
  qos: QoS;
}

/** Where a node may publish: one entry per outgoing channel, in edge order. */
export interface PlannedOutput {
  edgeId: string;
  targetId: string;
  topic: string;
  qos: QoS;
  retain: boolean;
  rule?: RoutingRule;
}

/** One node of the flow as the runtime will start it. */
export interface PlannedNode {
  nodeId: string;
  kind: NodeKind;
  name: string;
  /** How many MQTT clients run this node (consumers may share work). */
  instances: number;
  /** Client ids are `<clientIdBase>-<instance>`; stable so persistent sessions survive restarts. */
  clientIdBase: string;
  subscriptions: PlannedSubscription[];
  /** Ordinary outgoing channels (not the dead-letter one). */
  outputs: PlannedOutput[];
  /** The node's dead-letter channel, if one is drawn. */
  deadLetter?: PlannedOutput;
  /** The node as written in the document, settings defaulted. */
  node: FlowNode;
}

/**
 * The compiled flow: everything the runtime needs and nothing the canvas does not have.
 * `routes` maps a channel's topic to its edge id, so a message seen on the wire (by the
 * runtime or by an outside subscriber) can be animated on the edge it travelled.
 */
export interface RuntimePlan {
  flowName: string;
  broker: BrokerSettings;
  eventTypes: EventTypeDef[];
  nodes: PlannedNode[];
  routes: Record<string, string>;
  /** Edges leaving producers: where replayed events re-enter the flow. */
  entryEdges: string[];
}

export const DIAGNOSTIC_CODES = [
  'dangling-edge',
  'forbidden-edge',
  'unreachable-consumer',
  'producer-reaches-nobody',
  'invalid-topic',
  'topic-collision',
  'unknown-event-type',
  'rule-never-matches',
  'invalid-pattern',
  'invalid-expression',
  'cycle-without-exit',
  'endless-loop',
  'shared-subscription-unsupported',
  'duplicate-dead-letter',
  'missing-setting',
  'missing-dead-letter',
  'qos-0-into-durable',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** A finding of the compiler. Errors stop a run; warnings are shown and the run goes on. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  /** A sentence a user understands, naming the thing and the fix. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** JSON path in the document, e.g. `edges[3].topic`. */
  path?: string;
}

export interface CompileResult {
  /** Present when there are no errors. */
  plan?: RuntimePlan;
  diagnostics: Diagnostic[];
}
