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

/**
 * What the page gets as `window.eventflow`. Checklist 20 (do not expose Electron APIs to
 * untrusted content): two named functions; the listener receives only (name, payload), never
 * the IPC event (whose `sender` would hand the page ipcRenderer back).
 */
export interface EventflowDesktopApi {
  /** Calls a bridge method; resolves with its result or rejects with { code, message }. */
  call(method: string, params?: unknown): Promise<unknown>;
  /** Subscribes to pushed bridge events; returns the unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

const CALL: typeof BRIDGE_CALL_CHANNEL = 'bridge:call';
const EVENT: typeof BRIDGE_EVENT_CHANNEL = 'bridge:event';

export function createPreloadApi(ipc: IpcRendererLike): EventflowDesktopApi {
  return Object.freeze({
    async call(method: string, params?: unknown): Promise<unknown> {
      if (typeof method !== 'string') throw { code: 'bad-method', message: 'method must be a string' } satisfies BridgeCallError;
      const reply = (await ipc.invoke(CALL, method, params)) as WireReply;
      if (reply.ok) return reply.result;
      // A plain object survives the context bridge intact (an Error would lose `code`).
      throw { code: reply.error.code, message: reply.error.message } satisfies BridgeCallError;
    },
    onEvent(listener: (name: string, payload: unknown) => void): () => void {
      const forward = (_event: unknown, batch: unknown): void => {
        if (!Array.isArray(batch)) return;
        for (const item of batch as WireEvent[]) listener(item.name, item.payload);
      };
      ipc.on(EVENT, forward);
      return () => {
        ipc.removeListener(EVENT, forward);
      };
    },
  });
}
