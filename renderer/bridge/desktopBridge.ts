import type { DesktopBridgeClient } from '../../shared/bridge/createIpcBridgeClient';
import { useBridgeStore } from './useBridgeStore';

/** The desktop app's bridge (native dialogs, the keychain, the window), or null in browser mode. */
export function desktopBridge(): DesktopBridgeClient | null {
  const bridge = useBridgeStore.getState().bridge;
  return bridge && 'callDesktop' in bridge ? (bridge as DesktopBridgeClient) : null;
}
