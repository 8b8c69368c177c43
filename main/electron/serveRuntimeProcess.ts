import { isAbsolute, relative } from 'node:path';
import type { WireReply } from '../preload/ipcChannels';
import { createEventBatcher } from './EventBatcher';
import type { FromRuntime, RuntimeConfig, ToRuntime } from './runtimeProtocol';

/** The slice of Electron's `process.parentPort` (a utility process's channel to main). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: ToRuntime }) => void): unknown;
  postMessage(message: FromRuntime): void;
}

/** The signals that stop this process cleanly: Ctrl-C at the terminal reaches the whole process group. */
export const RUNTIME_STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type RuntimeStopSignal = (typeof RUNTIME_STOP_SIGNALS)[number];

/** The slice of `process` that delivers signals. */
export interface SignalSourceLike {
  once(signal: RuntimeStopSignal, listener: () => void): unknown;
}

/** The slice of main/host's Host facade this process serves. */
export interface HostLike {
  readonly info: { workspaceRoots: readonly { path: string }[] };
  handle(method: string, params: unknown): Promise<WireReply>;
  onPush(listener: (push: { event: string; payload: unknown }) => void): () => void;
  close(): Promise<void>;
}

/**
 * The utility process's side: answer calls with the host facade, push its events in batches.
 * Events produced while a call runs are flushed before its reply, so the renderer never sees
 * a reply before the status events that led to it. A granted folder outside the workspace
 * rebuilds the facade with one more root (the runtime handlers, passed in by `startHost`,
 * live outside it and keep running).
 */
export function serveRuntimeProcess(deps: {
  port: ParentPortLike;
  startHost: (config: RuntimeConfig, extraRoots: readonly string[]) => Promise<HostLike>;
  /** Stop runs and close brokers (before the host is closed, so their last events still go out). */
  shutdown?: () => Promise<void>;
  exit: (code: number) => void;
  /**
   * `process`: Ctrl-C in the terminal that ran `npm start` sends SIGINT to this process too,
   * not only to main. It stops the same clean way as main's `shutdown` message (runs stopped,
   * the event log flushed, brokers closed); a second signal gets Node's default (exit at once).
   */
  signals?: SignalSourceLike;
}): void {
  const batcher = createEventBatcher((events) => deps.port.postMessage({ kind: 'events', events }));
  const extraRoots: string[] = [];
  let config: RuntimeConfig | undefined;
  let current: Promise<HostState> | undefined;

  type HostState = { host: HostLike; unsubscribe: () => void } | { failed: string };

  const launch = async (cfg: RuntimeConfig): Promise<HostState> => {
    try {
      const host = await deps.startHost(cfg, [...extraRoots]);
      const unsubscribe = host.onPush((push) => batcher.push({ name: push.event, payload: push.payload }));
      return { host, unsubscribe };
    } catch (err) {
      const failed = `the desktop host could not start: ${err instanceof Error ? err.message : String(err)}`;
      deps.port.postMessage({ kind: 'failed', message: failed });
      return { failed };
    }
  };

  // `current` is replaced synchronously when a message arrives, so a call that follows a
  // grant always waits for the rebuilt host (messages are handled in order).
  const rebuildUnlessCovered = (folder: string): void => {
    const previous = current;
    const cfg = config as RuntimeConfig;
    current = (async () => {
      const old = await previous;
      if (old !== undefined && 'host' in old) {
        if (covered(old.host, folder)) return old;
        old.unsubscribe();
        await old.host.close();
      }
      return launch(cfg);
    })();
  };

  const covered = (host: HostLike, folder: string): boolean =>
    host.info.workspaceRoots.some((root) => {
      const rel = relative(root.path, folder);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });

  const answer = async (method: string, params: unknown): Promise<WireReply> => {
    if (current === undefined) return { ok: false, error: { code: 'unavailable', message: 'the runtime process was not initialised' } };
    const state = await current;
    if ('failed' in state) return { ok: false, error: { code: 'unavailable', message: state.failed } };
    return state.host.handle(method, params);
  };

  // Once, whoever asks first (main's message or a signal) and however often.
  let stopped: Promise<void> | undefined;
  const stopCleanly = (): Promise<void> =>
    (stopped ??= (async () => {
      // Runs stop first, while the host still forwards their last events (final status).
      await deps.shutdown?.().catch(() => undefined);
      const state = await current;
      if (state !== undefined && 'host' in state) {
        state.unsubscribe();
        await state.host.close().catch(() => undefined);
      }
      batcher.dispose();
      deps.exit(0);
    })());
  for (const signal of RUNTIME_STOP_SIGNALS) deps.signals?.once(signal, () => void stopCleanly());

  deps.port.on('message', ({ data }) => {
    switch (data.kind) {
      case 'init':
        if (config !== undefined) return;
        config = data.config;
        current = launch(config);
        return;
      case 'grant':
        if (config === undefined || extraRoots.includes(data.folder)) return;
        extraRoots.push(data.folder);
        rebuildUnlessCovered(data.folder);
        return;
      case 'call':
        if (stopped !== undefined) {
          // No new run may start while the last one is being flushed.
          deps.port.postMessage({ kind: 'reply', id: data.id, reply: { ok: false, error: { code: 'unavailable', message: 'the runtime is stopping' } } });
          return;
        }
        void answer(data.method, data.params)
          .catch((err: unknown): WireReply => ({
            ok: false,
            error: { code: 'internal', message: `${data.method} failed: ${err instanceof Error ? err.message : String(err)}` },
          }))
          .then((reply) => {
            batcher.flush();
            deps.port.postMessage({ kind: 'reply', id: data.id, reply });
          });
        return;
      case 'shutdown':
        void stopCleanly();
        return;
      default: {
        const unknownKind: never = data;
        throw new Error(`unknown message ${JSON.stringify(unknownKind)}`);
      }
    }
  });
  deps.port.postMessage({ kind: 'ready' });
}
