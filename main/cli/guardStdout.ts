import { guardWritable, type GuardedStdout } from './guardWritable';

export type { GuardedStdout } from './guardWritable';

let guarded: GuardedStdout | undefined;

/**
 * Handle a closed standard output like a well-behaved Unix tool: `eventflow log --json | head -2`
 * and `eventflow run FLOW | head -3` stop quietly when `head` has what it wanted, instead of
 * dying on an unhandled EPIPE with a stack trace. The first call installs the one `error`
 * listener on process.stdout; later calls return the same guard. Other write errors (a full
 * disk behind a redirection) are told on stderr once and treated as closed too.
 */
export function guardStdout(): GuardedStdout {
  guarded ??= guardWritable(process.stdout, process.stderr);
  return guarded;
}
