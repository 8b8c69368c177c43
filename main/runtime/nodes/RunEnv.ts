import type { RunLogLine } from '../../../shared/bridge/runEvents';
import type { EventTypeDef } from '../../../shared/flow/FlowDocument';
import type { BrokerEndpoint } from '../broker/BrokerEndpoint';
import type { RunObserver } from '../observe/RunObserver';
import type { NodeClient } from '../wire/NodeClient';

/** What every node worker of one run shares. */
export interface RunEnv {
  runId: string;
  flowName: string;
  /** The run seed; a node's own `settings.seed` overrides it for that node. */
  seed: number;
  /** Prepended to every channel topic on the wire. */
  topicPrefix: string;
  endpoint: BrokerEndpoint;
  protocolVersion: 4 | 5;
  observer: RunObserver;
  /** Nodes this process runs (all of them unless `only` was given). */
  localNodeIds: ReadonlySet<string>;
  /** Every channel topic of the run as on the wire: an external producer ignores these (no feedback loop). */
  wireTopics: ReadonlySet<string>;
  eventTypes: ReadonlyMap<string, EventTypeDef>;
  log(level: RunLogLine['level'], message: string, nodeId?: string): void;
  /** A client's connection state changed. */
  clientStateChanged(client: NodeClient): void;
  clientError(client: NodeClient, err: Error): void;
}
