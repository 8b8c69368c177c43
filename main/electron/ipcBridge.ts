import type { BridgeMethod } from '../../shared/bridge/bridgeMethods';
import type { DesktopMethod } from '../../shared/bridge/desktopMethods';
import { BRIDGE_CALL_CHANNEL, BRIDGE_EVENT_CHANNEL, type WireEvent, type WireReply } from '../preload/ipcChannels';
import { checkIpcCall } from './checkIpcCall';
import { isTrustedSender, type SenderFrameLike } from './isTrustedSender';

/** The slice of Electron's ipcMain used here, so tests inject a fake (no electron import). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** The slice of a BrowserWindow's webContents used to push events. */
export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export type IpcRefusal = 'foreign-sender' | 'unknown-method' | 'bad-params';

export interface IpcBridge {
  /** Push events to the window, one IPC message per batch. */
  push(events: readonly WireEvent[]): void;
  dispose(): void;
}

/**
 * The Electron IPC transport of the bridge: a thin adapter over the same host facade browser
 * mode uses. ONE channel (`bridge:call`) carries every method. Before anything reaches a
 * handler, three checks, each answered with an error reply (never a throw into main):
 *   1. the sender is our top-level app:// frame (checklist 17),
 *   2. the method is in the contract's closed union (bridge or desktop methods),
 *   3. the params pass that method's zod schema.
 * Bridge methods go to the host facade (in the runtime utility process); desktop methods
 * (dialogs, window state, keychain) are answered by the main process.
 */
export function registerIpcBridge(deps: {
  ipcMain: IpcMainLike;
  webContents: () => WebContentsLike | undefined;
  callHost: (method: BridgeMethod, params: unknown) => Promise<WireReply>;
  callDesktop: (method: DesktopMethod, params: unknown) => Promise<WireReply>;
  /** Told about refused calls (main logs them); the page only sees the error reply. */
  onRefused?: (why: IpcRefusal, detail: string) => void;
}): IpcBridge {
  deps.ipcMain.handle(BRIDGE_CALL_CHANNEL, async (event, method, params): Promise<WireReply> => {
    // Checklist 17: validate the sender of all IPC messages.
    if (!isTrustedSender(event.senderFrame)) {
      const message = `refused a bridge call from ${event.senderFrame?.url || 'a destroyed frame'}: only the app's own window may call`;
      deps.onRefused?.('foreign-sender', message);
      return { ok: false, error: { code: 'bad-message', message } };
    }
    const checked = checkIpcCall(method, params);
    if (!checked.ok) {
      deps.onRefused?.(checked.error.code === 'unknown-method' ? 'unknown-method' : 'bad-params', checked.error.message);
      return { ok: false, error: checked.error };
    }
    try {
      return checked.kind === 'desktop'
        ? await deps.callDesktop(checked.method, checked.params)
        : await deps.callHost(checked.method, checked.params);
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `${checked.method} failed: ${err instanceof Error ? err.message : String(err)}` } };
    }
  });

  return {
    push(events) {
      if (events.length === 0) return;
      const target = deps.webContents();
      if (target === undefined || target.isDestroyed()) return;
      target.send(BRIDGE_EVENT_CHANNEL, events);
    },
    dispose() {
      deps.ipcMain.removeHandler(BRIDGE_CALL_CHANNEL);
    },
  };
}
