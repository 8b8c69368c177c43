/** What the keys of a replay on a terminal do; each listener list is called in order. */
export interface ReplayKeys {
  onEnter(listener: () => void): void;
  /** `p` or space. */
  onToggle(listener: () => void): void;
  /** Ctrl-C (the terminal is in raw mode, so it is a key here, not SIGINT). */
  onCancel(listener: () => void): void;
  /** Give the terminal back (raw mode off, stdin released so the process can exit). */
  dispose(): void;
}

const CTRL_C = '\u0003';

/**
 * Read single key presses for `eventflow replay` when stdin is a terminal: Enter starts a
 * replay that waits for a watcher, `p` or space pauses and resumes, Ctrl-C cancels. When
 * stdin is not a terminal (a pipe, /dev/null, CI) it returns null and stdin is never read,
 * so a replay can never hang waiting for input.
 */
export function replayKeys(): ReplayKeys | null {
  const stdin = process.stdin;
  if (!stdin.isTTY) return null;
  const enter: (() => void)[] = [];
  const toggle: (() => void)[] = [];
  const cancel: (() => void)[] = [];
  const onData = (chunk: Buffer): void => {
    for (const ch of chunk.toString('utf8')) {
      if (ch === '\r' || ch === '\n') for (const l of enter) l();
      else if (ch === 'p' || ch === 'P' || ch === ' ') for (const l of toggle) l();
      else if (ch === CTRL_C) for (const l of cancel) l();
    }
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  let disposed = false;
  return {
    onEnter: (l) => void enter.push(l),
    onToggle: (l) => void toggle.push(l),
    onCancel: (l) => void cancel.push(l),
    dispose() {
      if (disposed) return;
      disposed = true;
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
