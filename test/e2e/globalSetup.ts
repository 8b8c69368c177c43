import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** How long the host may take to print its URL (tsx compiles the CLI on first start). */
const START_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 5_000;
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

/**
 * Start the real browser-mode host as a child process, as a user would:
 * `node bin/eventflow.mjs web --no-open --port 0 --workspace <tmp>/flows`, run from a
 * temporary folder holding a copy of the examples (so tests never write into the repo).
 * Its URL and folders reach the tests as E2E_* environment variables; the returned
 * function (Playwright's global teardown) stops it and removes the folder.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const repo = resolve(import.meta.dirname, '../..');
  const root = await mkdtemp(join(tmpdir(), 'eventflow-e2e-'));
  const examples = join(root, 'examples');
  const flows = join(root, 'flows');
  await cp(join(repo, 'examples'), examples, { recursive: true });
  await mkdir(flows);

  const child = spawn(process.execPath, [join(repo, 'bin/eventflow.mjs'), 'web', '--no-open', '--port', '0', '--workspace', flows], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`eventflow web printed no URL within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1] as string);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`eventflow web exited with ${code} before printing its URL:\n${output}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[eventflow web] ${chunk.toString()}`));

  process.env.E2E_URL = url;
  process.env.E2E_ROOT = root;
  process.env.E2E_FLOWS = flows;
  process.env.E2E_EXAMPLES = examples;

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(root, { recursive: true, force: true });
  };
}
