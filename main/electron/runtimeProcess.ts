// The runtime's utility process (Electron utilityProcess.fork, built as out/main/runtimeProcess.js).
// The host facade, and with it every run (brokers, producers, consumers, the event log), lives
// here, so heavy routing never stalls the main process that draws menus and moves windows.
import type { ParentPort } from 'electron';
import { createHost, type Host } from '../host/createHost';
import { createRunHandlers, fallbackLogDir, type RunService } from '../host/createRunHandlers';
import type { ParentPortLike } from './serveRuntimeProcess';
import { serveRuntimeProcess } from './serveRuntimeProcess';

// Inside a utility process Electron sets process.parentPort (typed by electron.d.ts).
const parentPort: ParentPort = process.parentPort;

// The run service outlives host rebuilds (a folder granted from a native dialog rebuilds the
// facade with one more root), so a running flow keeps running; its pushes go to the current host.
const pushTo: { host?: Host } = {};
// Read by the run service on every Run (where to keep the event log): kept in step with the host's roots.
const runRoots: string[] = [];
let runs: RunService | undefined;

serveRuntimeProcess({
  port: parentPort as unknown as ParentPortLike,
  startHost: async (config, extraRoots) => {
    const writable = [...config.workspaceRoots, ...extraRoots].filter((root) => !config.readOnlyRoots.includes(root));
    runRoots.splice(0, runRoots.length, ...writable);
    runs ??= createRunHandlers({
      push: (push) => pushTo.host?.push(push),
      workspaceRoots: runRoots,
      fallbackLogDir: fallbackLogDir(config.stateDir),
    });
    const host = await createHost({
      workspaceRoots: [...config.workspaceRoots, ...extraRoots],
      stateDir: config.stateDir,
      templateDirs: config.templateDirs,
      defaultFlowPath: config.defaultFlowPath,
      saveRoot: config.saveRoot,
      mode: 'electron',
      version: config.version,
      runs: runs.handlers,
    });
    pushTo.host = host;
    return host;
  },
  shutdown: async () => {
    await runs?.close();
  },
  exit: (code) => process.exit(code),
  // Ctrl-C in the terminal reaches this process directly: stop runs and flush the log first.
  signals: process,
});
