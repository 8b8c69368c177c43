import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ConsumerFlowNode } from '../../design/flowElements';
import { NodeCard } from './NodeCard';

/** A consumer on the canvas: processes what arrives and may send new events. */
export const ConsumerNode = memo(function ConsumerNode({ data, selected }: NodeProps<ConsumerFlowNode>) {
  return <NodeCard node={data.node} outputs={data.outputs} selected={selected} />;
});
