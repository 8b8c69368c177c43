import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `bin/eventflow.mjs` lives. */
export const repo = fileURLToPath(new URL('../../../..', import.meta.url));

/** A CLI run that takes longer than this is a hang, not a slow machine. */
export const CLI_TIMEOUT_MS = 15_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/eventflow.mjs ...args` from the repository root, bounded by CLI_TIMEOUT_MS. */
export function runCli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/eventflow.mjs', ...args], { cwd: repo, timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
