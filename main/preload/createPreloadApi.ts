import { BRIDGE_METHODS } from '../../shared/bridge/bridgeMethods';
import type { DesktopBridgeApi, DesktopBridgeMethod } from '../../shared/bridge/createIpcBridgeClient';
import { DESKTOP_METHODS } from '../../shared/bridge/desktopMethods';
import type { BRIDGE_CALL_CHANNEL, BRIDGE_EVENT_CHANNEL, WireEvent, WireReply } from './ipcChannels';

/** The slice of Electron's ipcRenderer the preload uses; the page never sees it. */
export interface IpcRendererLike {
  invoke(channel: typeof BRIDGE_CALL_CHANNEL, method: string, params: unknown): Promise<unknown>;
  on(channel: typeof BRIDGE_EVENT_CHANNEL, listener: (event: unknown, batch: unknown) => void): unknown;
  removeListener(channel: typeof BRIDGE_EVENT_CHANNEL, listener: (event: unknown, batch: unknown) => void): unknown;
}

/** A bridge error as the renderer sees it: the host's message, and a code to branch on. */
export interface BridgeCallError {
  code: string;
  message: string;
}

/** The one key of the API that is not a bridge method: the subscription to pushed events. */
export const EVENT_SUBSCRIPTION_KEY = 'onEvent';

/**
 * Every function the preload exposes, one per method of the bridge contract (bridgeMethods)
 * and of the desktop-only contract (desktopMethods): taken from those lists, never typed here.
 */
export const PRELOAD_METHODS: readonly DesktopBridgeMethod[] = [...BRIDGE_METHODS, ...DESKTOP_METHODS];

const CALL: typeof BRIDGE_CALL_CHANNEL = 'bridge:call';
const EVENT: typeof BRIDGE_EVENT_CHANNEL = 'bridge:event';

/**
 * What the page gets as `window.eventflow`. Checklist 20 (do not expose Electron APIs to
 * untrusted content): one named function per bridge method, each bound to its own method name
 * so the page cannot choose what goes down the channel (main still checks the sender, the
 * method and the params: main/electron/ipcBridge.ts); and `onEvent`, whose listener receives
 * only (name, payload), never the IPC event (whose `sender` would hand the page ipcRenderer back).
 * No `call`, `send`, `invoke` or ipcRenderer.
 */
export function createPreloadApi(ipc: IpcRendererLike): DesktopBridgeApi {
  const api: Record<string, unknown> = {};
  for (const method of PRELOAD_METHODS) {
    if ((method as string) === EVENT_SUBSCRIPTION_KEY || Object.hasOwn(api, method)) throw new Error(`bridge method ${method} is defined twice`);
    api[method] = async (params?: unknown): Promise<unknown> => {
      const reply = (await ipc.invoke(CALL, method, params)) as WireReply;
      if (reply.ok) return reply.result;
      // A plain object survives the context bridge intact (an Error would lose `code`).
      throw { code: reply.error.code, message: reply.error.message } satisfies BridgeCallError;
    };
  }
  api[EVENT_SUBSCRIPTION_KEY] = (listener: (name: string, payload: unknown) => void): (() => void) => {
    const forward = (_event: unknown, batch: unknown): void => {
      if (!Array.isArray(batch)) return;
      for (const item of batch as WireEvent[]) listener(item.name, item.payload);
    };
    ipc.on(EVENT, forward);
    return () => {
      ipc.removeListener(EVENT, forward);
    };
  };
  return Object.freeze(api) as DesktopBridgeApi;
}
