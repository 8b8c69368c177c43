import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { killProcessTree } from './processTree';

/** Bound on the command's start (tsx), on each thing a test waits for, and on its exit after a signal. */
export const CLI_JOB_TIMEOUT_MS = 30_000;
/** How often `until` looks again. */
const POLL_MS = 50;
/** The repository root, where `bin/eventflow.mjs` lives. */
const ROOT = join(import.meta.dirname, '../../..');

/** The two ways a user stops a job, for `stopWith` and for tests that try both. */
export const STOP_SIGNALS = [
  { signal: 'SIGINT', how: 'Ctrl-C at a terminal: the whole foreground process group' },
  { signal: 'SIGTERM', how: 'a service manager: the process itself' },
] as const;

/** An `eventflow` command running as a job, in its own process group, whose output is collected as it comes. */
export interface CliJob {
  /** The command's pid, which is also its process group's id. */
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Both streams, labelled, for a failing assertion's message. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /**
   * Look every POLL_MS until `probe` gives a value, and return it. Throws, with the output,
   * when the command exits first or CLI_JOB_TIMEOUT_MS passes.
   */
  until<T>(what: string, probe: () => T | undefined): Promise<T>;
  /**
   * Stop it as a user would: SIGINT to the whole group (Ctrl-C at a terminal) or SIGTERM to the
   * process itself (a service manager). Resolves with the exit code; SIGKILL past CLI_JOB_TIMEOUT_MS.
   */
  stopWith(signal: (typeof STOP_SIGNALS)[number]['signal']): Promise<number | null>;
  /** SIGKILL its whole tree and group: teardown, so a test that failed half-way leaves nothing running. */
  kill(): Promise<void>;
}

/**
 * Start `node bin/eventflow.mjs ...args` from the repository root in its own process group,
 * like a job a shell starts; stdin is /dev/null. Pair with `kill()` in teardown.
 */
export function startCliJob(args: string[], env: Record<string, string> = {}): CliJob {
  const child = spawn(process.execPath, ['bin/eventflow.mjs', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;

  const until = async <T>(what: string, probe: () => T | undefined): Promise<T> => {
    const deadline = Date.now() + CLI_JOB_TIMEOUT_MS;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (child.exitCode !== null) throw new Error(`${what}: eventflow exited with code ${child.exitCode}:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`${what} within ${CLI_JOB_TIMEOUT_MS} ms:\n${output()}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  const stopWith: CliJob['stopWith'] = async (signal) => {
    if (signal === 'SIGINT') process.kill(-pid, 'SIGINT');
    else process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_JOB_TIMEOUT_MS);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return { pid, stdout: () => stdout, stderr: () => stderr, output, exited, until, stopWith, kill: () => killProcessTree(pid) };
}
