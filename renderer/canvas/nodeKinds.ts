import { ServerCog, Send, Waypoints, type LucideIcon } from 'lucide-react';
import type { NodeKind } from '../../shared/flow/FlowDocument';

/** How each kind looks: its label, icon and CSS modifier (colours live in theme.css). */
export const NODE_KIND_LOOK: Record<NodeKind, { label: string; Icon: LucideIcon; hasInput: boolean }> = {
  producer: { label: 'Producer', Icon: Send, hasInput: false },
  broker: { label: 'Broker', Icon: Waypoints, hasInput: true },
  consumer: { label: 'Consumer', Icon: ServerCog, hasInput: true },
};
