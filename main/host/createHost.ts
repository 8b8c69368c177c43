import { randomUUID } from 'node:crypto';
import { readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BridgePush } from '../../shared/bridge/bridgeEvents';
import {
  MAX_FLOW_TEXT_BYTES,
  type BridgeMethod,
  type BridgeParams,
  type BridgeParsedParams,
  type BridgeResult,
  type HostInfo,
} from '../../shared/bridge/bridgeMethods';
import type { BridgeErrorInfo } from '../../shared/bridge/bridgeProtocol';
import { BridgeError } from '../../shared/bridge/BridgeError';
import { checkBridgeParams, checkBridgePush, checkBridgeResult } from '../../shared/bridge/checkBridgeMessage';
import { loadFlow } from '../../shared/flow/loadFlow';
import { createHostStateFiles } from './HostStateFiles';
import { listFlowFiles } from './listFlowFiles';
import { readTemplates } from './readTemplates';
import { createWorkspace, FLOW_FILE_SUFFIX } from './Workspace';

/** One method's implementation: params already validated, result validated after. */
export type BridgeHandler<M extends BridgeMethod> = (params: BridgeParsedParams<M>) => Promise<BridgeResult<M>>;
export type BridgeHandlers = { [M in BridgeMethod]: BridgeHandler<M> };

/** The methods a runtime provides; the live view passes them as `runs`. */
export const RUN_METHODS = [
  'startRun',
  'stopRun',
  'getRunStatus',
  'pauseRun',
  'resumeRun',
  'pauseConsumer',
  'resumeConsumer',
  'fireProducer',
  'queryLog',
  'listLogRuns',
  'startReplay',
  'pauseReplay',
  'resumeReplay',
  'stopReplay',
] as const satisfies readonly BridgeMethod[];
export type RunMethod = (typeof RUN_METHODS)[number];
export type RunHandlers = Pick<BridgeHandlers, RunMethod>;

export interface HostOptions {
  /** Folders whose flows may be opened and saved; the first is where relative paths resolve. */
  workspaceRoots: readonly string[];
  /** Where recent files and the recovery copy are kept (created when first written). */
  stateDir: string;
  /** Folders whose flows make up the New gallery (read-only; need not be in the workspace). */
  templateDirs?: readonly string[];
  /** The flow opened on start; ignored unless it exists inside the workspace. */
  defaultFlowPath?: string | null;
  /** Where new files go by default; a workspace root (default: the first). */
  saveRoot?: string;
  mode?: HostInfo['mode'];
  version?: string;
  /** The runtime's handlers; without them run methods reply `unavailable`. */
  runs?: RunHandlers;
  /** Where the host reports what it skipped or could not do (default: stderr). */
  log?: (message: string) => void;
  now?: () => number;
}

export type HostReply = { ok: true; result: unknown } | { ok: false; error: BridgeErrorInfo };

/**
 * The host behind the bridge, with no transport: the WebSocket server (browser mode) and
 * Electron IPC both hand it raw requests through `handle` and forward what it `push`es.
 */
export interface Host {
  readonly info: HostInfo;
  /** Validate a request, run it, validate the reply. Never throws. */
  handle(method: string, params: unknown): Promise<HostReply>;
  /** The typed way in, for in-process callers and tests; rejects with a BridgeError. */
  call<M extends BridgeMethod>(method: M, params: BridgeParams<M>): Promise<BridgeResult<M>>;
  /** Send an event to every connected UI (checked against the contract first). */
  push(push: BridgePush): void;
  onPush(listener: (push: BridgePush) => void): () => void;
  close(): Promise<void>;
}

/**
 * Create the host over a workspace. File access never leaves the workspace folders.
 *
 * @example
 * const host = await createHost({ workspaceRoots: ['examples'], stateDir: '.eventflow-recovery' });
 * const { files } = await host.call('listFiles', {});
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const workspace = await createWorkspace(options.workspaceRoots);
  const state = createHostStateFiles(options.stateDir, options.now);
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const listeners = new Set<(push: BridgePush) => void>();

  const saveRootReal = options.saveRoot ? await realpath(resolve(options.saveRoot)).catch(() => null) : null;
  const saveRoot = workspace.roots.find((r) => r.path === saveRootReal) ?? workspace.roots[0];
  const defaultFlowPath = options.defaultFlowPath
    ? await workspace.resolveExisting(options.defaultFlowPath).catch(() => null)
    : null;
  const info: HostInfo = {
    mode: options.mode ?? 'browser',
    version: options.version ?? '0.0.0',
    workspaceRoots: [...workspace.roots],
    saveRoot: (saveRoot as { path: string }).path,
    defaultFlowPath,
    supportsRuns: options.runs !== undefined,
  };

  const unavailable = (): Promise<never> =>
    Promise.reject(
      new BridgeError('unavailable', 'this host cannot run flows yet: running arrives with the live view; design and save for now'),
    );
  const runs: RunHandlers = options.runs ?? {
    startRun: unavailable,
    stopRun: unavailable,
    getRunStatus: unavailable,
    pauseRun: unavailable,
    resumeRun: unavailable,
    pauseConsumer: unavailable,
    resumeConsumer: unavailable,
    fireProducer: unavailable,
    queryLog: unavailable,
    listLogRuns: unavailable,
    startReplay: unavailable,
    pauseReplay: unavailable,
    resumeReplay: unavailable,
    stopReplay: unavailable,
  };

  const handlers: BridgeHandlers = {
    getHostInfo: async () => info,
    listFiles: () => listFlowFiles(workspace),

    async openFile({ path }) {
      const real = await workspace.resolveExisting(path);
      if (!real.endsWith(FLOW_FILE_SUFFIX)) {
        throw new BridgeError('not-a-flow-file', `${basename(real)} is not a flow: open a *${FLOW_FILE_SUFFIX} file`);
      }
      const info = await stat(real);
      if (info.size > MAX_FLOW_TEXT_BYTES) {
        throw new BridgeError('too-large', `${basename(real)} is ${info.size} bytes; the designer opens flows up to ${MAX_FLOW_TEXT_BYTES} bytes`);
      }
      const text = await readFile(real, 'utf8').catch((err: unknown) => {
        throw ioError(`could not read ${real}`, err);
      });
      await state.rememberRecent(real).catch((err: unknown) => log(`recent files not updated: ${String(err)}`));
      return { path: real, name: basename(real), text, modifiedAt: Math.round(info.mtimeMs) };
    },

    async saveFile({ path, doc, overwrite }) {
      const target = await workspace.resolveForSave(path);
      const name = basename(target);
      const loaded = loadFlow(doc);
      if (!loaded.ok) {
        const listed = loaded.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ');
        throw new BridgeError(
          'invalid-flow',
          `${name} was not saved: ${loaded.errors.length} problem(s) would make it unreadable (${listed}): fix them first`,
        );
      }
      if (!overwrite && (await stat(target).catch(() => null))) {
        throw new BridgeError('exists', `${name} already exists in ${dirname(target)}: choose another name or replace it`);
      }
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      const temporary = join(dirname(target), `.${name}.${randomUUID()}.tmp`);
      try {
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw ioError(`could not write ${target}`, err);
      }
      await state.rememberRecent(target).catch((err: unknown) => log(`recent files not updated: ${String(err)}`));
      return { path: target, name, savedAt: now() };
    },

    async listRecent() {
      const files = [];
      for (const entry of await state.readRecent()) {
        const real = await workspace.resolveExisting(entry.path).catch(() => null);
        if (real !== null) files.push(entry);
      }
      return { files };
    },

    async listTemplates() {
      const templates = await readTemplates(options.templateDirs ?? [], (file, reason) =>
        log(`template ${file} left out of the gallery: ${reason}`),
      );
      return { templates };
    },

    readRecovery: async () => ({ recovery: await state.readRecovery() }),
    async writeRecovery({ path, text }) {
      const savedAt = now();
      await state.writeRecovery({ path, text, savedAt }).catch((err: unknown) => {
        throw ioError(`could not write the recovery copy in ${options.stateDir}`, err);
      });
      return { savedAt };
    },
    async clearRecovery() {
      await state.clearRecovery();
      return {};
    },

    ...runs,
  };

  const handle = async (method: string, params: unknown): Promise<HostReply> => {
    const checked = checkBridgeParams(method, params);
    if (!checked.ok) return { ok: false, error: checked.error };
    let result: unknown;
    try {
      const handler = handlers[checked.method] as (p: unknown) => Promise<unknown>;
      result = await handler(checked.params);
    } catch (err) {
      if (err instanceof BridgeError) return { ok: false, error: err.toInfo() };
      log(`${checked.method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { ok: false, error: { code: 'internal', message: `${checked.method} failed unexpectedly: ${String(err)}` } };
    }
    const out = checkBridgeResult(checked.method, result);
    if (!out.ok) {
      log(`host bug: ${out.error.message}`);
      return { ok: false, error: out.error };
    }
    return { ok: true, result: out.value };
  };

  return {
    info,
    handle,
    async call(method, params) {
      const reply = await handle(method, params);
      if (!reply.ok) throw BridgeError.fromInfo(reply.error);
      return reply.result as never;
    },
    push(push) {
      const checked = checkBridgePush(push.event, push.payload);
      if (!checked.ok) {
        log(`host bug: push refused: ${checked.error.message}`);
        return;
      }
      for (const listener of listeners) listener(push);
    },
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}

function ioError(what: string, err: unknown): BridgeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? 'check the permissions of the folder'
      : code === 'ENOSPC'
        ? 'the disk is full'
        : 'try again';
  return new BridgeError('io-error', `${what} (${code ?? String(err)}): ${hint}`);
}
