import { create } from 'zustand';
import type { BridgeClient } from '../../shared/bridge/BridgeClient';
import type { HostInfo } from '../../shared/bridge/bridgeMethods';
import type { ConnectionState } from './createWebSocketBridge';

export interface BridgeState {
  /** The client the app talks to the host with; null before start-up (or without a token). */
  bridge: BridgeClient | null;
  connection: ConnectionState;
  /** What the host said about itself at start-up. */
  hostInfo: HostInfo | null;
  set(patch: Partial<Pick<BridgeState, 'bridge' | 'connection' | 'hostInfo'>>): void;
}

/** The bridge and what is known about the host, for components and commands alike. */
export const useBridgeStore = create<BridgeState>()((set) => ({
  bridge: null,
  connection: 'connecting',
  hostInfo: null,
  set: (patch) => set(patch),
}));

/** The bridge, or an error a person can act on when the page has none. */
export function requireBridge(): BridgeClient {
  const bridge = useBridgeStore.getState().bridge;
  if (!bridge) throw new Error('Not connected to an EventFlow host: open the URL that `eventflow web` printed.');
  return bridge;
}
