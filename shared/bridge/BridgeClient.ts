import type { BridgeEvent, BridgeEventPayload } from './bridgeEvents';
import type { BridgeMethod, BridgeParams, BridgeResult } from './bridgeMethods';

/**
 * What the renderer talks to, whatever carries the messages (a WebSocket in browser mode,
 * Electron IPC in the desktop app). `call` validates params before sending and the result
 * when it arrives, and rejects with a BridgeError; `on` returns its own unsubscribe.
 *
 * @example
 * const { files } = await bridge.call('listFiles', {});
 * const off = bridge.on('runStatus', (status) => console.log(status.state));
 */
export interface BridgeClient {
  call<M extends BridgeMethod>(method: M, params: BridgeParams<M>): Promise<BridgeResult<M>>;
  on<E extends BridgeEvent>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void;
}
