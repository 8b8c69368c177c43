import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The repository root, where `bin/eventflow.mjs` lives. */
export const ROOT = join(import.meta.dirname, '../../../..');
/** Bound on one CLI process (start-up through tsx, the run, the drain). */
export const CLI_TIMEOUT_MS = 45_000;
/** Bound on waiting for one line of output or one watched message. */
export const WAIT_MS = 20_000;

/** A running `eventflow` process whose output is collected as it comes. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code; rejects (after SIGKILL) past CLI_TIMEOUT_MS. */
  exited: Promise<number | null>;
}

/** Start `node bin/eventflow.mjs ...args` from the repository root; stdin is /dev/null (not a terminal). */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['bin/eventflow.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`eventflow ${args.join(' ')} did not exit within ${CLI_TIMEOUT_MS} ms\n${out}\n${err}`));
    }, CLI_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  exited.catch(() => undefined);
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Run a command to its end. */
export async function eventflow(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startCli(args, env);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Wait (bounded by WAIT_MS) until `check` holds. */
export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
