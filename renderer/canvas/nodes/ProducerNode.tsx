import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ProducerFlowNode } from '../../design/flowElements';
import { NodeCard } from './NodeCard';

/** A producer on the canvas: sends events, so it has outputs only. */
export const ProducerNode = memo(function ProducerNode({ data, selected }: NodeProps<ProducerFlowNode>) {
  return <NodeCard node={data.node} outputs={data.outputs} selected={selected} />;
});
