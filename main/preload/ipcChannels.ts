import type { BridgeErrorInfo } from '../../shared/bridge/bridgeProtocol';

/**
 * The two Electron IPC channels of the bridge. Only these exist: every bridge method goes
 * through `bridge:call` (validated in main/electron/ipcBridge.ts), every pushed event comes
 * back on `bridge:event` in batches. Shared by the preload and the main process.
 */
export const BRIDGE_CALL_CHANNEL = 'bridge:call';
export const BRIDGE_EVENT_CHANNEL = 'bridge:event';

/** One pushed bridge event as it crosses IPC. */
export interface WireEvent {
  name: string;
  payload: unknown;
}

/** What `bridge:call` resolves to: never a thrown Error, whose message Electron would wrap and prefix. */
export type WireReply = { ok: true; result: unknown } | { ok: false; error: BridgeErrorInfo };
