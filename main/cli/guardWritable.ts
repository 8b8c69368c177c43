/** A writable stream as a command writes it, knowing when its reader has gone. */
export interface GuardedStdout {
  /** True once the reader of a pipe went away (`eventflow ... | head`): nothing more is written. */
  readonly closed: boolean;
  /** Writes waiting for the reader to make room (at most the ones in flight: none once drained or closed). */
  readonly waiting: number;
  /** Write text; resolves once the pipe has room again, or at once when the reader has gone. */
  write(text: string): Promise<void>;
  /** Call `listener` once when the reader goes away (at once if it already has). */
  onClosed(listener: () => void): void;
}

/** The part of a Node writable stream the guard uses (process.stdout in the CLI). */
export interface GuardableStream {
  write(text: string): boolean;
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Guard `out` so that a reader going away (EPIPE) ends writing quietly and any other write
 * error is told once on `errors`. Writes that hit backpressure wait in one set that a single
 * `drain` listener empties, so `eventflow log --json | less` holds only the writes in flight,
 * however long the pager stays open.
 */
export function guardWritable(out: GuardableStream, errors: { write(text: string): unknown }): GuardedStdout {
  let closed = false;
  const closedListeners: (() => void)[] = [];
  const waiting = new Set<() => void>();
  const releaseWaiting = (): void => {
    for (const resolve of [...waiting]) resolve();
    waiting.clear();
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    releaseWaiting();
    for (const l of closedListeners.splice(0)) l();
  };
  out.on('error', (err) => {
    if (!closed && err.code !== 'EPIPE') errors.write(`cannot write to standard output (${err.code ?? err.message}); stopping\n`);
    close();
  });
  return {
    get closed() {
      return closed;
    },
    get waiting() {
      return waiting.size;
    },
    write(text) {
      if (closed) return Promise.resolve();
      if (out.write(text)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        // One drain listener for every waiting write: it is registered with the first of them.
        if (waiting.size === 0) out.once('drain', releaseWaiting);
        waiting.add(resolve);
      });
    },
    onClosed(listener) {
      if (closed) listener();
      else closedListeners.push(listener);
    },
  };
}
