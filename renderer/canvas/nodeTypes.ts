import type { NodeTypes } from '@xyflow/react';
import type { NodeKind } from '../../shared/flow/FlowDocument';
import { BrokerNode } from './nodes/BrokerNode';
import { ConsumerNode } from './nodes/ConsumerNode';
import { ProducerNode } from './nodes/ProducerNode';

/** Declared once at module scope (a new object per render would remount every node). */
export const nodeTypes = {
  producer: ProducerNode,
  broker: BrokerNode,
  consumer: ConsumerNode,
} satisfies Record<NodeKind, NodeTypes[string]>;
