import type { BridgeClient } from '../../shared/bridge/BridgeClient';
import { BridgeError } from '../../shared/bridge/BridgeError';
import type { BridgeEvent, BridgeEventPayload } from '../../shared/bridge/bridgeEvents';
import type { BridgeMethod, BridgeParams, BridgeResult } from '../../shared/bridge/bridgeMethods';
import { hostMessageSchema, type BridgeRequest } from '../../shared/bridge/bridgeProtocol';
import { checkBridgeParams, checkBridgePush, checkBridgeResult } from '../../shared/bridge/checkBridgeMessage';

/** A call with no reply after this long fails with `timeout` (the host may have hung). */
export const CALL_TIMEOUT_MS = 20_000;
/** Reconnection waits double from the first to the last of these bounds. */
export const RECONNECT_MIN_MS = 500;
export const RECONNECT_MAX_MS = 8_000;

/** WebSocket.OPEN, the same in the browser and in the `ws` package. */
const OPEN = 1;

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WebSocketBridge extends BridgeClient {
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Close for good (no reconnection); pending calls fail with `disconnected`. */
  close(): void;
}

interface Pending {
  method: BridgeMethod;
  resolve(value: unknown): void;
  reject(error: BridgeError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The constructor shape used (the browser's WebSocket; tests pass the `ws` package's). */
export type WebSocketConstructor = new (url: string) => WebSocket;

/**
 * The browser-mode bridge client: JSON requests and replies over one WebSocket, with params
 * checked before sending, results and pushes checked on arrival, a timeout on every call and
 * reconnection (with backoff) when the host goes away. Calls made while connecting wait for
 * the connection.
 *
 * @example
 * const bridge = createWebSocketBridge('ws://127.0.0.1:5173/bridge?token=abc');
 * const { files } = await bridge.call('listFiles', {});
 */
export function createWebSocketBridge(
  url: string,
  options: { WebSocketImpl?: WebSocketConstructor; callTimeoutMs?: number } = {},
): WebSocketBridge {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const timeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  const listeners = new Map<BridgeEvent, Set<(payload: never) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let closedForGood = false;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };

  const failAll = (error: BridgeError): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(error);
    }
    outbox.length = 0;
  };

  const onMessage = (event: MessageEvent): void => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const parsed = hostMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'push') {
      const checked = checkBridgePush(message.event, message.payload);
      if (!checked.ok) return;
      for (const l of listeners.get(checked.event) ?? []) (l as (p: unknown) => void)(checked.payload);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    clearTimeout(call.timer);
    if (!message.ok) {
      call.reject(BridgeError.fromInfo(message.error));
      return;
    }
    const result = checkBridgeResult(call.method, message.result);
    if (result.ok) call.resolve(result.value);
    else call.reject(BridgeError.fromInfo(result.error));
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new Impl(url);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = RECONNECT_MIN_MS;
      setState('open');
      for (const text of outbox.splice(0)) ws.send(text);
    });
    ws.addEventListener('message', onMessage);
    // A failed connection reports here and then closes; the close handler does the work.
    ws.addEventListener('error', () => undefined);
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      failAll(new BridgeError('disconnected', 'lost the connection to the EventFlow host: check that `eventflow web` is still running'));
      setState('closed');
      if (closedForGood) return;
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    });
  };

  connect();

  return {
    get state() {
      return state;
    },
    call<M extends BridgeMethod>(method: M, params: BridgeParams<M>): Promise<BridgeResult<M>> {
      const checked = checkBridgeParams(method, params);
      if (!checked.ok) return Promise.reject(BridgeError.fromInfo(checked.error));
      if (closedForGood) return Promise.reject(new BridgeError('disconnected', 'the bridge is closed'));
      const id = nextId++;
      const request: BridgeRequest = { type: 'request', id, method, params: checked.params };
      return new Promise<BridgeResult<M>>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new BridgeError('timeout', `${method}: the host did not answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
        const text = JSON.stringify(request);
        if (socket && socket.readyState === OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    on<E extends BridgeEvent>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedForGood = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const ws = socket;
      socket = null;
      failAll(new BridgeError('disconnected', 'the bridge was closed'));
      ws?.close();
      setState('closed');
    },
  };
}
