import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { BrokerFlowNode } from '../../design/flowElements';
import { NodeCard } from './NodeCard';

/** A broker on the canvas: routes what comes in to its outgoing channels. */
export const BrokerNode = memo(function BrokerNode({ data, selected }: NodeProps<BrokerFlowNode>) {
  return <NodeCard node={data.node} outputs={data.outputs} selected={selected} />;
});
