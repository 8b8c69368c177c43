/** Standard output as a command writes it, knowing when its reader has gone. */
export interface GuardedStdout {
  /** True once the reader of a pipe went away (`eventflow ... | head`): nothing more is written. */
  readonly closed: boolean;
  /** Write text; resolves once the pipe has room again, or at once when the reader has gone. */
  write(text: string): Promise<void>;
  /** Call `listener` once when the reader goes away (at once if it already has). */
  onClosed(listener: () => void): void;
}

let guarded: GuardedStdout | undefined;

/**
 * Handle a closed standard output like a well-behaved Unix tool: `eventflow log --json | head -2`
 * and `eventflow run FLOW | head -3` stop quietly when `head` has what it wanted, instead of
 * dying on an unhandled EPIPE with a stack trace. The first call installs the one `error`
 * listener on process.stdout; later calls return the same guard. Other write errors (a full
 * disk behind a redirection) are told on stderr once and treated as closed too.
 */
export function guardStdout(): GuardedStdout {
  if (guarded) return guarded;
  let closed = false;
  const listeners: (() => void)[] = [];
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const l of listeners.splice(0)) l();
  };
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (!closed && err.code !== 'EPIPE') process.stderr.write(`cannot write to standard output (${err.code ?? err.message}); stopping\n`);
    close();
  });
  guarded = {
    get closed() {
      return closed;
    },
    write(text) {
      if (closed) return Promise.resolve();
      if (process.stdout.write(text)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          process.stdout.off('drain', done);
          resolve();
        };
        process.stdout.once('drain', done);
        listeners.push(done);
      });
    },
    onClosed(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
  return guarded;
}
