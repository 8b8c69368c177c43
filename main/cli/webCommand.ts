import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createHost, type Host } from '../host/createHost';
import { createRunHandlers, fallbackLogDir } from '../host/createRunHandlers';
import { serveBrowserMode } from '../host/serveBrowserMode';

/** The app's own folder (holding package.json, examples/ and out/renderer). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built renderer; tests (which run before `npm run build`) point EVENTFLOW_RENDERER_DIR at their own. */
const RENDERER_DIR = process.env.EVENTFLOW_RENDERER_DIR ?? join(PACKAGE_ROOT, 'out', 'renderer');
/** The flow the designer shows first, looked for in the workspace folders in order. */
const DEFAULT_FLOW_FILE = 'checkout.eventflow.json';
/** State (recent files, the recovery copy) lives in this folder of the user's workspace. */
const STATE_FOLDER = '.eventflow-recovery';
/**
 * How long Ctrl-C or SIGTERM may take to stop the run (its drain is UI_STOP_DRAIN_MS), flush
 * the event log and close the broker and the server, before the command gives up and exits 1.
 */
export const WEB_SHUTDOWN_TIMEOUT_MS = 15_000;
/** The exit code of a second Ctrl-C (128 + SIGINT), which does not wait for the clean stop. */
const INTERRUPTED_EXIT_CODE = 130;

interface WebOptions {
  port: string;
  open: boolean;
  workspace?: string;
}

/**
 * `eventflow web [--port N] [--no-open] [--workspace DIR]`: the designer in the browser.
 * Builds the renderer first if out/renderer is missing, serves it and the bridge on
 * 127.0.0.1, prints the URL (with its session token) and opens the browser.
 */
export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('open the designer in your browser (served on 127.0.0.1 only)')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--no-open', 'print the URL without opening a browser')
    .option('--workspace <dir>', 'a folder of flows to open and save in, besides ./examples')
    .action(async (opts: WebOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`--port ${opts.port}: must be a whole number from 0 to 65535 (0 picks a free port)`);
        process.exitCode = 1;
        return;
      }
      const workspace = opts.workspace === undefined ? undefined : resolve(opts.workspace);
      if (workspace !== undefined && !existsSync(workspace)) {
        console.error(`--workspace ${opts.workspace}: the folder does not exist: create it or pass another folder`);
        process.exitCode = 1;
        return;
      }
      const examples = resolve('examples');
      const roots = [...(existsSync(examples) ? [examples] : []), ...(workspace ? [workspace] : [])];
      if (roots.length === 0) roots.push(process.cwd());

      if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
        console.log(`Building the designer first (${RENDERER_DIR} is missing): npm run build ...`);
        const built = await run('npm', ['run', 'build'], PACKAGE_ROOT);
        if (!built || !existsSync(join(RENDERER_DIR, 'index.html'))) {
          console.error('The build failed: run `npm run build` in the EventFlow Studio folder and read its output.');
          process.exitCode = 1;
          return;
        }
      }

      const defaultFlow = [...roots, join(PACKAGE_ROOT, 'examples')]
        .map((folder) => join(folder, DEFAULT_FLOW_FILE))
        .find((file) => existsSync(file));
      const stateDir = join(workspace ?? process.cwd(), STATE_FOLDER);
      // The run handlers push through the host, which exists once they are passed to it.
      const pushTo: { host?: Host } = {};
      const runs = createRunHandlers({
        push: (push) => pushTo.host?.push(push),
        workspaceRoots: roots,
        fallbackLogDir: fallbackLogDir(stateDir),
      });
      const host = await createHost({
        workspaceRoots: roots,
        saveRoot: workspace ?? roots[0],
        stateDir,
        runs: runs.handlers,
        templateDirs: [join(PACKAGE_ROOT, 'examples')],
        defaultFlowPath: defaultFlow ?? null,
        mode: 'browser',
        version: readVersion(),
      });
      pushTo.host = host;
      const server = await serveBrowserMode({ host, port, rendererDir: RENDERER_DIR });

      console.log(`EventFlow Studio is running at ${server.url}`);
      console.log(`Workspace: ${host.info.workspaceRoots.map((r) => r.path).join(', ')}`);
      console.log('Press Ctrl+C to stop.');
      if (opts.open) openBrowser(server.url);

      // SIGINT (Ctrl-C: the whole foreground process group) and SIGTERM (a service manager)
      // stop cleanly: no new bridge calls (the server closes first, dropping the browser's
      // socket), then the run stops and its event log is flushed and closed, its embedded
      // broker closes, then the host. A second signal exits at once.
      const code = await new Promise<number>((done) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals): void => {
          if (stopping) {
            console.error(`${signal} again: exiting without waiting for the run to stop.`);
            process.exit(INTERRUPTED_EXIT_CODE);
          }
          stopping = true;
          console.log(`${signal}: stopping the run, the event log and the broker ...`);
          const timer = setTimeout(() => {
            console.error(`Could not stop cleanly within ${WEB_SHUTDOWN_TIMEOUT_MS / 1000} s: exiting anyway.`);
            done(1);
          }, WEB_SHUTDOWN_TIMEOUT_MS);
          timer.unref();
          const step = async (what: string, action: () => Promise<void>): Promise<boolean> => {
            try {
              await action();
              return true;
            } catch (err) {
              console.error(`Could not close ${what}: ${err instanceof Error ? err.message : String(err)}`);
              return false;
            }
          };
          void (async () => {
            const closed = [
              await step('the server', () => server.close()),
              await step('the run', () => runs.close()),
              await step('the host', () => host.close()),
            ];
            clearTimeout(timer);
            console.log('Stopped.');
            done(closed.every(Boolean) ? 0 : 1);
          })();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      // Everything is closed by now; exit even if a library left a handle (a timer) behind.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      process.exit(code);
    });
}

function run(command: string, args: string[], cwd: string): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
}

/** Best effort: a machine without a desktop still has the printed URL. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Could not open a browser: open the URL above yourself.'));
    child.unref();
  } catch {
    console.log('Could not open a browser: open the URL above yourself.');
  }
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
