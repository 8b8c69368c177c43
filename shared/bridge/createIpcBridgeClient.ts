import type { z } from 'zod';
import type { BridgeClient } from './BridgeClient';
import { BridgeError } from './BridgeError';
import type { BridgeEvent } from './bridgeEvents';
import type { BridgeMethod } from './bridgeMethods';
import { bridgeErrorInfoSchema } from './bridgeProtocol';
import { checkBridgeParams, checkBridgePush, checkBridgeResult } from './checkBridgeMessage';
import { desktopMethods, menuCommandSchema, type DesktopMethod, type MenuCommandEvent } from './desktopMethods';

/** Every method the desktop app's bridge offers: the common contract and the desktop-only one. */
export type DesktopBridgeMethod = BridgeMethod | DesktopMethod;

/**
 * What the desktop preload exposes as `window.eventflow` (main/preload/createPreloadApi.ts):
 * one named function per method (resolving with its result, rejecting with { code, message }),
 * and `onEvent` for pushed events. No generic call: the page cannot name a method that is not
 * in the contract, and it never sees ipcRenderer or the IPC event.
 */
export type DesktopBridgeApi = { readonly [M in DesktopBridgeMethod]: (params?: unknown) => Promise<unknown> } & {
  readonly onEvent: (listener: (name: string, payload: unknown) => void) => () => void;
};

/** The bridge in the desktop app: the common BridgeClient plus the desktop-only methods and menu commands. */
export interface DesktopBridgeClient extends BridgeClient {
  callDesktop<M extends DesktopMethod>(
    method: M,
    params: z.input<(typeof desktopMethods)[M]['params']>,
  ): Promise<z.output<(typeof desktopMethods)[M]['result']>>;
  onMenuCommand(listener: (event: MenuCommandEvent) => void): () => void;
}

/**
 * The renderer's bridge client over Electron IPC: the same checks as the WebSocket client
 * (params before sending, results and pushes on arrival, failures as BridgeError), over the
 * named functions the preload exposes. There is no connection to lose, so no reconnection.
 *
 * @example
 * const bridge = createIpcBridgeClient(window.eventflow);
 * const { files } = await bridge.call('listFiles', {});
 * bridge.onMenuCommand(({ command, path }) => { if (command === 'file.save') void save(); });
 */
export function createIpcBridgeClient(api: DesktopBridgeApi): DesktopBridgeClient {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let unsubscribe: (() => void) | undefined;

  const ensureSubscribed = (): void => {
    if (unsubscribe) return;
    unsubscribe = api.onEvent((name, payload) => {
      const set = listeners.get(name);
      if (!set || set.size === 0) return;
      let value: unknown;
      if (name === 'menuCommand') {
        const parsed = menuCommandSchema.safeParse(payload);
        if (!parsed.success) return;
        value = parsed.data;
      } else {
        const checked = checkBridgePush(name, payload);
        if (!checked.ok) return;
        value = checked.payload;
      }
      for (const l of set) (l as (p: unknown) => void)(value);
    });
  };

  const subscribe = (name: string, listener: (payload: never) => void): (() => void) => {
    ensureSubscribed();
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  const send = async (method: DesktopBridgeMethod, params: unknown): Promise<unknown> => {
    const named = Object.hasOwn(api, method) ? api[method] : undefined;
    if (typeof named !== 'function') {
      throw new BridgeError('unknown-method', `${method}: the desktop app does not offer this method (an older build?): restart or update the app`);
    }
    try {
      return await named(params);
    } catch (err) {
      const info = bridgeErrorInfoSchema.safeParse(err);
      if (info.success) throw BridgeError.fromInfo(info.data);
      const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
      throw new BridgeError('internal', `${method} failed: ${message}`);
    }
  };

  return {
    async call(method, params) {
      const checked = checkBridgeParams(method, params);
      if (!checked.ok) throw BridgeError.fromInfo(checked.error);
      const result = checkBridgeResult(method, await send(method, checked.params));
      if (!result.ok) throw BridgeError.fromInfo(result.error);
      return result.value;
    },
    on<E extends BridgeEvent>(event: E, listener: (payload: never) => void) {
      return subscribe(event, listener);
    },
    async callDesktop(method, params) {
      const spec = desktopMethods[method];
      const checked = spec.params.safeParse(params ?? {});
      if (!checked.success) throw new BridgeError('bad-params', `${method}: ${checked.error.issues.map((i) => i.message).join('; ')}`);
      const result = spec.result.safeParse(await send(method, checked.data));
      if (!result.success) throw new BridgeError('bad-result', `${method}: the desktop host answered in an unexpected shape`);
      return result.data as never;
    },
    onMenuCommand(listener) {
      return subscribe('menuCommand', listener as (payload: never) => void);
    },
  };
}
