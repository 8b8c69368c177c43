import type { EdgeTypes } from '@xyflow/react';
import { ChannelEdge } from './edges/ChannelEdge';

/** Declared once at module scope, like nodeTypes. */
export const edgeTypes = { channel: ChannelEdge } satisfies EdgeTypes;
