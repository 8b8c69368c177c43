import type { WireEvent, WireReply } from '../preload/ipcChannels';
import type { FromRuntime, RuntimeConfig, ToRuntime } from './runtimeProtocol';

/** The slice of Electron's UtilityProcess used here (tests pass a fake child). */
export interface UtilityProcessLike {
  postMessage(message: ToRuntime): void;
  on(event: 'message', listener: (message: FromRuntime) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** A bridge call the runtime does not answer within this is failed, so the UI never hangs. */
export const RUNTIME_CALL_TIMEOUT_MS = 30_000;
/** How long `stop()` waits for a clean shutdown (brokers closed, log flushed) before killing. */
export const RUNTIME_SHUTDOWN_TIMEOUT_MS = 5_000;

export interface RuntimeConnection {
  call(method: string, params: unknown): Promise<WireReply>;
  /** Let the host read and write flows in this folder (the user picked a file there). */
  grant(folder: string): void;
  stop(): Promise<void>;
}

/**
 * The main process's side of the runtime utility process: forwards validated bridge calls,
 * matches replies by id, hands pushed event batches on. If the process dies, pending calls
 * fail with a message saying so and the next call starts a fresh process.
 */
export function createRuntimeConnection(deps: {
  fork: () => UtilityProcessLike;
  config: RuntimeConfig;
  onFailed?: (message: string) => void;
  onEvents: (events: WireEvent[]) => void;
  onExit?: (code: number, expected: boolean) => void;
  callTimeoutMs?: number;
  shutdownTimeoutMs?: number;
}): RuntimeConnection {
  const callTimeoutMs = deps.callTimeoutMs ?? RUNTIME_CALL_TIMEOUT_MS;
  const shutdownTimeoutMs = deps.shutdownTimeoutMs ?? RUNTIME_SHUTDOWN_TIMEOUT_MS;
  let child: UtilityProcessLike | undefined;
  let stopping = false;
  let nextId = 1;
  let exited: Promise<void> | undefined;
  const granted = new Set<string>();
  let post: (message: ToRuntime) => void = () => undefined;
  const pending = new Map<number, { resolve: (r: WireReply) => void; timer: ReturnType<typeof setTimeout> }>();

  const settle = (id: number, reply: WireReply): void => {
    const entry = pending.get(id);
    if (entry === undefined) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(reply);
  };

  const ensureChild = (): UtilityProcessLike => {
    if (child !== undefined) return child;
    const started = deps.fork();
    child = started;
    exited = new Promise((resolveExit) => {
      started.on('exit', (code) => {
        if (child === started) child = undefined;
        for (const id of [...pending.keys()]) {
          settle(id, {
            ok: false,
            error: {
              code: 'unavailable',
              message: `the runtime process stopped (exit code ${code}) before answering; try again, it restarts on the next call`,
            },
          });
        }
        deps.onExit?.(code, stopping);
        resolveExit();
      });
    });
    // Nothing is sent before the process says it listens: a message posted while its module
    // graph is still loading could otherwise be lost.
    let outbox: ToRuntime[] | undefined = [];
    post = (message) => {
      if (outbox === undefined) started.postMessage(message);
      else outbox.push(message);
    };
    started.on('message', (message) => {
      if (message.kind === 'ready') {
        const queued = outbox ?? [];
        outbox = undefined;
        for (const m of queued) started.postMessage(m);
      } else if (message.kind === 'reply') settle(message.id, message.reply);
      else if (message.kind === 'events') deps.onEvents(message.events);
      else if (message.kind === 'failed') deps.onFailed?.(message.message);
    });
    // A restarted process gets the same configuration and every folder granted so far.
    post({ kind: 'init', config: deps.config });
    for (const folder of granted) post({ kind: 'grant', folder });
    return started;
  };

  return {
    call(method, params) {
      if (stopping) {
        return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the app is closing' } });
      }
      ensureChild();
      const id = nextId++;
      return new Promise<WireReply>((resolve) => {
        const timer = setTimeout(
          () => settle(id, { ok: false, error: { code: 'timeout', message: `${method} got no answer from the runtime within ${callTimeoutMs} ms` } }),
          callTimeoutMs,
        );
        pending.set(id, { resolve, timer });
        post({ kind: 'call', id, method, params });
      });
    },
    grant(folder) {
      if (granted.has(folder)) return;
      granted.add(folder);
      if (child !== undefined) post({ kind: 'grant', folder });
    },
    async stop() {
      stopping = true;
      const current = child;
      if (current === undefined || exited === undefined) return;
      post({ kind: 'shutdown' });
      let killTimer: ReturnType<typeof setTimeout> | undefined;
      const killed = new Promise<void>((resolveKill) => {
        killTimer = setTimeout(() => {
          current.kill();
          resolveKill();
        }, shutdownTimeoutMs);
      });
      await Promise.race([exited, killed]);
      clearTimeout(killTimer);
    },
  };
}
